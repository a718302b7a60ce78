package nscheck.spec;

import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import nscheck.spec.rules.Semantics;
import nscheck.spec.call.Syscall;

import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static nscheck.spec.state.FutexWordLayout.OWNER_DIED;
import static nscheck.spec.state.FutexWordLayout.WAITERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a thread's death does to the robust futexes it holds or is about to take (F5,
 * kernel/futex/core.c exit_robust_list and handle_futex_death), seen only through calls: who
 * can return from FUTEX_WAIT afterwards and what the word holds.
 */
class RobustExitTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(8, 2, 16));

    private static final Syscall THREAD = new Syscall.Clone(CLONE_THREAD);
    private static final Syscall RETURN = new Syscall.FutexReturn();

    /** T1 (TID 2) with threads T2 (3), T3 (4), T4 (5): one process, one namespace. */
    private SpecRun process() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, new Syscall.Clone(0));
        r.value(1, THREAD);
        r.value(1, THREAD);
        r.value(1, THREAD);
        return r;
    }

    private static Kernel holding(Kernel k, int slot, int word) {
        return k.withTask(slot, k.task(slot).withRobustList(k.task(slot).robustList.add(word, false)));
    }

    private static Kernel pending(Kernel k, int slot, int word) {
        return k.withTask(slot, k.task(slot).withRobustList(k.task(slot).robustList.withPending(word, false)));
    }

    /** handle_futex_death: the dead owner's word gets OWNER_DIED and exactly one sleeper is woken (futex_wake(uaddr, 1)). */
    @Test
    void theDeathOfARobustOwnerWakesExactlyOneWaiter() {
        SpecRun r = process();
        r.k = holding(r.k.withWord(0, WAITERS | 3), 2, 0);
        r.blocks(1, new Syscall.FutexWait(0, WAITERS | 3));
        r.blocks(3, new Syscall.FutexWait(0, WAITERS | 3));
        r.call(2, new Syscall.Exit(0));
        assertEquals(WAITERS | OWNER_DIED, r.word(0));
        assertTrue(r.canCall(1, RETURN), "the first waiter is woken");
        assertFalse(r.canCall(3, RETURN), "only one waiter is woken");
        assertEquals(0, r.value(1, RETURN));
    }

    /** Without FUTEX_WAITERS in the word nobody is woken: a waiter that slept on another value stays asleep. */
    @Test
    void aDeadOwnerWithoutTheWaitersBitWakesNobody() {
        SpecRun r = process();
        r.k = holding(r.k.withWord(0, 3), 2, 0);
        r.blocks(1, new Syscall.FutexWait(0, 3));
        r.call(2, new Syscall.Exit(0));
        assertEquals(OWNER_DIED, r.word(0));
        assertFalse(r.canCall(1, RETURN));
    }

    /**
     * list_op_pending on a non-PI word whose TID is 0: the thread died between unlocking and
     * removing the entry, so a waiter may have missed its wake-up; handle_futex_death wakes one.
     */
    @Test
    void aPendingUnlockWithTidZeroWakesOneWaiter() {
        SpecRun r = process();
        r.k = pending(r.k.withWord(0, WAITERS), 2, 0);
        r.blocks(1, new Syscall.FutexWait(0, WAITERS));
        r.blocks(3, new Syscall.FutexWait(0, WAITERS));
        r.call(2, new Syscall.Exit(0));
        assertEquals(WAITERS, r.word(0), "a free word is not marked");
        assertTrue(r.canCall(1, RETURN));
        assertFalse(r.canCall(3, RETURN));
    }

    /** A pending lock the dying thread had already taken (its TID in the word) is marked like a held one. */
    @Test
    void aPendingEntryWithTheDyingThreadsTidIsMarkedOwnerDied() {
        SpecRun r = process();
        r.k = pending(r.k.withWord(0, WAITERS | 3), 2, 0);
        r.blocks(1, new Syscall.FutexWait(0, WAITERS | 3));
        r.call(2, new Syscall.Exit(0));
        assertEquals(WAITERS | OWNER_DIED, r.word(0));
        assertTrue(r.canCall(1, RETURN));
    }

    /**
     * exit_robust_list skips the list entry that is also list_op_pending and handles it once,
     * last: a word both held and pending wakes one waiter, not two.
     */
    @Test
    void aWordBothHeldAndPendingIsHandledOnce() {
        SpecRun r = process();
        Kernel k = holding(r.k.withWord(0, WAITERS | 3), 2, 0);
        r.k = pending(k, 2, 0);
        r.blocks(1, new Syscall.FutexWait(0, WAITERS | 3));
        r.blocks(3, new Syscall.FutexWait(0, WAITERS | 3));
        r.call(2, new Syscall.Exit(0));
        assertEquals(WAITERS | OWNER_DIED, r.word(0));
        assertTrue(r.canCall(1, RETURN));
        assertFalse(r.canCall(3, RETURN), "the second waiter stays asleep");
    }

    /** A pending entry that names another thread's lock is left alone: no mark, no wake-up. */
    @Test
    void aPendingEntryOfSomeoneElsesLockIsLeftAlone() {
        SpecRun r = process();
        r.k = pending(r.k.withWord(0, WAITERS | 5), 2, 0);
        r.blocks(1, new Syscall.FutexWait(0, WAITERS | 5));
        r.call(2, new Syscall.Exit(0));
        assertEquals(WAITERS | 5, r.word(0));
        assertFalse(r.canCall(1, RETURN));
    }
}
