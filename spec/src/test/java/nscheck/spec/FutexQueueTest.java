package nscheck.spec;

import nscheck.spec.state.FutexWaiter;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.PiState;
import nscheck.spec.state.SharedMemory;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The futex hash-bucket queue and the PI states of shared memory (kernel/futex): a woken
 * FUTEX_WAIT waiter has left the queue (futex_wake_mark) while a woken PI waiter stays at its
 * head until it runs (futex_unqueue_pi); a PI state lives while a PI waiter queues on its word
 * (put_pi_state); and a memory's identity is its words, its queue in order and its PI states,
 * however they were made.
 */
class FutexQueueTest {
    @Test
    void aWokenPiWaiterStaysAtTheHeadAWokenPlainWaiterDoesNot() {
        SharedMemory m = SharedMemory.zeroed(2).enqueue(new FutexWaiter(1, 0, false, true)).enqueue(new FutexWaiter(2, 0, false, false));
        assertEquals(2, m.top(0).slot(), "the woken plain waiter has left");
        SharedMemory pi = SharedMemory.zeroed(2).enqueue(new FutexWaiter(1, 1, true, true)).enqueue(new FutexWaiter(2, 1, true, false));
        assertEquals(1, pi.top(1).slot(), "the woken PI waiter is still queued");
        assertEquals(2, pi.firstQueued(1, true).slot(), "the first not yet woken");
        assertNull(pi.top(0));
    }

    @Test
    void aPiStateGoesWithItsLastWaiter() {
        SharedMemory m = SharedMemory.zeroed(2).enqueue(new FutexWaiter(1, 1, true, false)).enqueue(new FutexWaiter(2, 1, true, false))
                .withPiState(new PiState(1, 3));
        SharedMemory one = m.dequeue(1);
        assertEquals(List.of(new PiState(1, 3)), one.piStates(), "T2 still waits");
        SharedMemory none = one.dequeue(2);
        assertEquals(List.of(), none.piStates());
        assertEquals(SharedMemory.zeroed(2), none);
        assertEquals(none, none.dequeue(2));
    }

    @Test
    void piStatesAreKeptInWordOrderWhateverTheirOrderOfCreation() {
        SharedMemory a = SharedMemory.zeroed(3).withPiState(new PiState(2, 1)).withPiState(new PiState(0, 2));
        SharedMemory b = SharedMemory.zeroed(3).withPiState(new PiState(0, 2)).withPiState(new PiState(2, 1));
        assertEquals(a, b);
        assertEquals(List.of(new PiState(0, 2), new PiState(2, 1)), a.piStates());
        Kernel k = new SpecRun(Mainline.INSTANCE).k;
        assertEquals(k.withMemory(a).fingerprint(), k.withMemory(b).fingerprint());
        assertEquals(new PiState(2, 3), a.withPiState(new PiState(2, 3)).piState(2), "one PI state per word");
        assertEquals(2, a.withPiState(new PiState(2, 3)).piStates().size());
    }

    @Test
    void aMemorysIdentityIsItsWordsQueueAndPiStates() {
        Kernel k = new SpecRun(Mainline.INSTANCE).k;
        SharedMemory base = SharedMemory.zeroed(2).enqueue(new FutexWaiter(1, 0, false, false));
        List<SharedMemory> all = List.of(base, base.withWord(1, 5), base.enqueue(new FutexWaiter(2, 0, false, false)),
                SharedMemory.zeroed(2).enqueue(new FutexWaiter(2, 0, false, false)).enqueue(new FutexWaiter(1, 0, false, false)),
                base.update(new FutexWaiter(1, 0, false, true)), base.update(new FutexWaiter(1, 1, false, false)),
                base.update(new FutexWaiter(1, 0, true, false)), base.withPiState(new PiState(0, 1)), base.withPiState(new PiState(0, 2)),
                SharedMemory.zeroed(3).enqueue(new FutexWaiter(1, 0, false, false)));
        for (int i = 0; i < all.size(); i++)
            for (int j = i + 1; j < all.size(); j++) {
                assertNotEquals(all.get(i), all.get(j), i + " / " + j);
                assertNotEquals(k.withMemory(all.get(i)).fingerprint(), k.withMemory(all.get(j)).fingerprint(), i + " / " + j);
            }
        assertEquals("w0=0 w1=0 T1 waits w0 T2 pi-waits w1 T3 woken on w0 pi_state(w0)=no owner pi_state(w1)=T2",
                base.enqueue(new FutexWaiter(2, 1, true, false)).enqueue(new FutexWaiter(3, 0, false, true))
                        .withPiState(new PiState(1, 2)).withPiState(new PiState(0, PiState.NO_OWNER)).toString());
    }
}
