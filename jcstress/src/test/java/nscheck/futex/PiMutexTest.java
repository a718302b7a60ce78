package nscheck.futex;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Single-thread semantics of the word, plus one two-thread hand-off through the kernel. */
class PiMutexTest {

    @Test
    void uncontendedLockStoresTheTidAndUnlockClearsIt() {
        PiMutex m = new PiMutex();
        m.lock(7);
        assertEquals(7, m.wordValue(), "fast path: the word is exactly the TID, no flag bits");
        m.unlock(7);
        assertEquals(0, m.wordValue());
    }

    @Test
    void tryLockFailsWhileHeldAndSucceedsAfterUnlock() {
        PiMutex m = new PiMutex();
        assertTrue(m.tryLock(1));
        assertFalse(m.tryLock(2));
        assertFalse(m.tryLock(1), "not recursive: the owner's second tryLock is EBUSY too");
        assertEquals(1, m.owner());
        m.unlock(1);
        assertTrue(m.tryLock(2));
        assertEquals(2, m.owner());
    }

    @Test
    void unlockByNonOwnerIsRejectedAndChangesNothing() {
        PiMutex m = new PiMutex();
        assertThrows(IllegalMonitorStateException.class, () -> m.unlock(3), "unlock of a free mutex");
        m.lock(3);
        assertThrows(IllegalMonitorStateException.class, () -> m.unlock(4));
        assertEquals(3, m.wordValue());
    }

    @Test
    void relockingByTheOwnerIsADeadlockNotAHang() {
        PiMutex m = new PiMutex();
        m.lock(5);
        assertThrows(IllegalMonitorStateException.class, () -> m.lock(5));
    }

    @Test
    void tidsOutsideThe30BitFieldAreRejected() {
        PiMutex m = new PiMutex();
        assertThrows(IllegalArgumentException.class, () -> m.lock(0));
        assertThrows(IllegalArgumentException.class, () -> m.lock(PiFutexWord.TID_MASK + 1));
        assertThrows(IllegalArgumentException.class, () -> m.tryLock(-1));
        assertTrue(m.tryLock(PiFutexWord.TID_MASK));
    }

    @Test
    void tryLockKeepsTheWaitersBitOfAFreeWord() {
        PiMutex m = new PiMutex();
        m.word.set(PiFutexWord.WAITERS); // free, but a woken sleeper has not yet retried
        assertTrue(m.tryLock(9));
        assertEquals(9 | PiFutexWord.WAITERS, m.wordValue(), "our unlock must still wake the sleepers");
    }

    @Test
    void aSleepingLockerSetsWaitersAndIsWokenByUnlock() throws Exception {
        PiMutex m = new PiMutex();
        m.lock(1);
        Thread waiter = new Thread(() -> {
            m.lock(2);
            m.unlock(2);
        });
        waiter.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (m.kernel().waiters(m.word) == 0) {
            assertTrue(System.nanoTime() < deadline, "the waiter never went to sleep");
            Thread.sleep(1);
        }
        assertEquals(1 | PiFutexWord.WAITERS, m.wordValue());
        m.unlock(1);
        waiter.join(10_000);
        assertFalse(waiter.isAlive(), "unlock did not wake the sleeper");
        // The woken locker took the word as TID|WAITERS, so its own unlock went the slow way.
        assertEquals(0, m.wordValue());
    }

    @Test
    void anInterruptDoesNotAbortLockButIsKeptForTheCaller() throws Exception {
        PiMutex m = new PiMutex();
        m.lock(1);
        boolean[] interruptedAfterLock = new boolean[1];
        Thread waiter = new Thread(() -> {
            m.lock(2);
            interruptedAfterLock[0] = Thread.currentThread().isInterrupted();
            m.unlock(2);
        });
        waiter.start();
        awaitSleepers(m, 1);
        waiter.interrupt();
        // pthread_mutex_lock is not interruptible: the waiter leaves the queue, clears the flag,
        // retries and sleeps again. The flag is cleared after leaving the queue, so "flag clear and
        // one sleeper" means it has gone back to sleep.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waiter.isInterrupted() || m.kernel().waiters(m.word) != 1) {
            assertTrue(System.nanoTime() < deadline, "the interrupted waiter never went back to sleep");
            Thread.sleep(1);
        }
        assertTrue(waiter.isAlive());
        assertEquals(1, m.owner());
        m.unlock(1);
        waiter.join(10_000);
        assertFalse(waiter.isAlive());
        assertTrue(interruptedAfterLock[0], "the interrupt is re-asserted once the lock is held");
    }

    private static void awaitSleepers(PiMutex m, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (m.kernel().waiters(m.word) != n) {
            assertTrue(System.nanoTime() < deadline, "expected " + n + " sleepers");
            Thread.sleep(1);
        }
    }
}
