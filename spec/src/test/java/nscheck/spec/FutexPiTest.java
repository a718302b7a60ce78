package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static nscheck.spec.state.FutexWordLayout.OWNER_DIED;
import static nscheck.spec.state.FutexWordLayout.WAITERS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * PI futexes past the happy path (kernel/futex/pi.c; docs/semantics.md F3, F4): the errors of
 * futex_lock_pi and futex_unlock_pi, attach_to_pi_state's cases, and the deadlock walk.
 */
class FutexPiTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(8, 2, 16));

    private static final Syscall THREAD = new Syscall.Clone(CLONE_THREAD);

    /** T1 (TID 2) with threads T2.. (TIDs 3..); words 0 and 1 of shared memory. */
    private SpecRun threads(int n) {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, new Syscall.Clone(0));
        for (int i = 0; i < n; i++) r.value(1, THREAD);
        return r;
    }

    @Test
    void aWordOutsideTheSharedMemoryIsEfault() {
        SpecRun r = threads(0);
        assertEquals(Errno.EFAULT, r.errno(1, new Syscall.FutexLockPi(2)));
        assertEquals(Errno.EFAULT, r.errno(1, new Syscall.FutexTrylockPi(-1)));
        assertEquals(Errno.EFAULT, r.errno(1, new Syscall.FutexUnlockPi(2)));
    }

    /** A word with a FUTEX_WAIT sleeper is not a PI futex: lock_pi and unlock_pi on it are EINVAL. */
    @Test
    void piCallsOnAWordWithAPlainWaiterAreEinval() {
        SpecRun r = threads(1);
        r.k = r.k.withWord(0, 2);                                // T1 holds it in user space
        r.blocks(2, new Syscall.FutexWait(0, 2));
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.FutexLockPi(0)));
        assertEquals(Errno.EINVAL, r.errno(1, new Syscall.FutexUnlockPi(0)));
        assertEquals(2, r.word(0), "nothing written");
    }

    @Test
    void theOwnerLockingAgainIsEdeadlk() {
        SpecRun r = threads(0);
        r.value(1, new Syscall.FutexLockPi(0));
        assertEquals(Errno.EDEADLK, r.errno(1, new Syscall.FutexLockPi(0)));
        assertEquals(Errno.EDEADLK, r.errno(1, new Syscall.FutexTrylockPi(0)));
        assertEquals(2, r.word(0));
    }

    /** The root init (slot 0) can own a PI futex like anyone else. */
    @Test
    void theRootInitAsOwnerIsFoundAndWaitedFor() {
        SpecRun r = threads(0);
        r.value(0, new Syscall.FutexLockPi(0));
        assertEquals(1, r.word(0));
        r.blocks(1, new Syscall.FutexLockPi(0));
        assertEquals(0, r.k.memory().piState(0).owner());
        assertEquals(0, r.value(0, new Syscall.FutexUnlockPi(0)));
        assertEquals(WAITERS | 2, r.word(0));
    }

    /** handle_exit_race: an owner TID that names a zombie is ESRCH, like one naming nobody. */
    @Test
    void anOwnerThatIsAZombieIsEsrch() {
        SpecRun r = threads(0);
        r.value(0, new Syscall.Clone(0));                      // T2, TID 3
        r.value(1, new Syscall.FutexLockPi(0));
        r.call(1, new Syscall.Exit(0));                        // not robust: the word keeps TID 2
        assertEquals(2, r.word(0));
        assertEquals(Errno.ESRCH, r.errno(2, new Syscall.FutexLockPi(0)));
        assertEquals(WAITERS | 2, r.word(0));
    }

    /** A second waiter finds the pi_state: a trylock is EAGAIN and queues nothing. */
    @Test
    void trylockOnAContendedWordIsEagain() {
        SpecRun r = threads(2);
        r.value(1, new Syscall.FutexLockPi(0));
        r.blocks(2, new Syscall.FutexLockPi(0));
        assertEquals(Errno.EAGAIN, r.errno(3, new Syscall.FutexTrylockPi(0)));
        assertEquals(1, r.k.memory().waiters().size());
        r.blocks(3, new Syscall.FutexLockPi(0));
        assertEquals(2, r.k.memory().waiters().size());
    }

    /** The chain walk, for the first waiter and for a later one: A's owner sleeps on B, which the caller owns. */
    @Test
    void aLockWhoseOwnerWaitsForTheCallerIsEdeadlk() {
        SpecRun r = threads(2);                                // T1 TID 2, T2 TID 3, T3 TID 4
        r.value(1, new Syscall.FutexLockPi(0));                // T1 holds A
        r.value(2, new Syscall.FutexLockPi(1));                // T2 holds B
        r.blocks(1, new Syscall.FutexLockPi(1));               // T1 sleeps on B
        assertEquals(Errno.EDEADLK, r.errno(2, new Syscall.FutexLockPi(0)), "T2 -> A -> T1 -> B -> T2");
        assertEquals(WAITERS | 2, r.word(0), "the waiters bit stays set after the failed first attach");
        r.blocks(3, new Syscall.FutexLockPi(0));               // T3 queues on A: the pi_state exists now
        assertEquals(Errno.EDEADLK, r.errno(2, new Syscall.FutexLockPi(0)), "the same walk from an existing pi_state");
        assertEquals(2, r.k.memory().waiters().size());
    }

    /** A chain that does not come back to the caller is no deadlock. */
    @Test
    void aChainThatEndsElsewhereIsNoDeadlock() {
        SpecRun r = threads(2);
        r.value(1, new Syscall.FutexLockPi(0));                // T1 holds A
        r.value(3, new Syscall.FutexLockPi(1));                // T3 holds B
        r.blocks(1, new Syscall.FutexLockPi(1));               // T1 sleeps on B
        r.blocks(2, new Syscall.FutexLockPi(0));               // T2 -> A -> T1 -> B -> T3: not T2
    }

    /**
     * attach_to_pi_state with FUTEX_OWNER_DIED and TID 0 while the pi_state has an owner ([6]):
     * the caller may queue; without OWNER_DIED TID 0 disagrees with the owner ([9]): EINVAL.
     */
    @Test
    void ownerDiedWithTidZeroMayQueueButTidZeroAloneIsEinval() {
        SpecRun r = threads(2);
        r.value(1, new Syscall.FutexLockPi(0));
        r.blocks(2, new Syscall.FutexLockPi(0));
        r.k = r.k.withWord(0, WAITERS);
        assertEquals(Errno.EINVAL, r.errno(3, new Syscall.FutexLockPi(0)));
        r.k = r.k.withWord(0, WAITERS | OWNER_DIED);
        r.blocks(3, new Syscall.FutexLockPi(0));
    }

    /** FUTEX_OWNER_DIED with the right owner's TID: still the owner ([8]/[10]), the caller queues. */
    @Test
    void ownerDiedWithTheOwnersTidMayQueueAndAWrongTidIsEinval() {
        SpecRun r = threads(2);
        r.value(1, new Syscall.FutexLockPi(0));
        r.blocks(2, new Syscall.FutexLockPi(0));
        r.k = r.k.withWord(0, WAITERS | OWNER_DIED | 3);
        assertEquals(Errno.EINVAL, r.errno(3, new Syscall.FutexLockPi(0)));
        r.k = r.k.withWord(0, WAITERS | OWNER_DIED | 2);
        r.blocks(3, new Syscall.FutexLockPi(0));
    }
}
