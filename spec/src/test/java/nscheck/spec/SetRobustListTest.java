package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import java.util.List;

import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static nscheck.spec.state.FutexWordLayout.OWNER_DIED;
import static nscheck.spec.state.FutexWordLayout.WAITERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * set_robust_list as a call (F5, kernel/futex/syscalls.c) and the PI chain walk (F3,
 * rt_mutex_adjust_prio_chain): the same cases RobustListConformTest runs on the kernel.
 */
class SetRobustListTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(8, 3, 16));
    private static final Syscall RETURN = new Syscall.FutexReturn();

    /** T1 = 2, T2 the init of N (3), T3 = 4 in the root namespace and 2 in N. */
    private SpecRun twoNamespaces(int words) {
        SpecRun r = new SpecRun(s).withSharedWords(words);
        r.value(0, new Syscall.Clone(0));
        r.value(1, new Syscall.Clone(CLONE_NEWPID));
        r.value(2, new Syscall.Clone(0));
        return r;
    }

    @Test
    void theCallReturnsZeroAndRecordsTheList() {
        SpecRun r = twoNamespaces(2);
        assertEquals(0, r.value(1, new Syscall.SetRobustList(List.of(1, 0), 1, true)));
        assertEquals(List.of(1, 0), r.k.task(1).robustList.words());
        assertEquals(List.of(true, true), r.k.task(1).robustList.pi());
        assertEquals(1, r.k.task(1).robustList.pending());
        assertTrue(r.k.task(1).robustList.pendingPi());
        r.value(1, new Syscall.SetRobustList(List.of(), -1, false));
        assertTrue(r.k.task(1).robustList.isEmpty(), "a second call replaces the list");
    }

    @Test
    void aNewThreadStartsWithoutAList() {
        SpecRun r = twoNamespaces(1);
        r.value(1, new Syscall.SetRobustList(List.of(0), -1, false));
        r.value(1, new Syscall.Clone(CLONE_THREAD));
        assertTrue(r.k.task(4).robustList.isEmpty(), "futex_init_task");
    }

    @Test
    void aPendingNonPiEntryOnAFreeWordWakesASleeperAtExit() {
        SpecRun r = twoNamespaces(1);
        r.blocks(3, new Syscall.FutexWait(0, 0));
        r.value(1, new Syscall.SetRobustList(List.of(), 0, false));
        r.call(1, new Syscall.Exit(0));
        assertEquals(0, r.value(3, RETURN));
    }

    @Test
    void aDeathMarksAWordHeldByAnotherNamespacesTaskOfTheSameNumber() {
        SpecRun r = twoNamespaces(1);
        r.value(3, new Syscall.FutexLockPi(0));
        assertEquals(2, r.word(0));
        r.value(1, new Syscall.SetRobustList(List.of(0), -1, false));
        r.call(1, new Syscall.Exit(0));
        assertEquals(OWNER_DIED, r.word(0));
        assertEquals(Errno.EPERM, r.errno(3, new Syscall.FutexUnlockPi(0)));
    }

    @Test
    void aLockCycleThroughACrossNamespaceOwnerIsEdeadlk() {
        SpecRun r = twoNamespaces(2);
        r.value(1, new Syscall.Clone(CLONE_THREAD));  // T4
        r.value(3, new Syscall.Clone(CLONE_THREAD));  // T5, 3 in N
        r.value(5, new Syscall.FutexLockPi(0));
        r.value(1, new Syscall.FutexLockPi(1));
        r.blocks(5, new Syscall.FutexLockPi(1));        // 2 in N is T3: the kernel owner of w1 is T3
        assertEquals(Errno.EDEADLK, r.errno(3, new Syscall.FutexLockPi(0)));
        assertEquals(WAITERS | 3, r.word(0), "FUTEX_WAITERS stays set");
        assertFalse(r.canCall(3, RETURN));
    }
}
