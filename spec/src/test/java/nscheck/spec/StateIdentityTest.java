package nscheck.spec;

import nscheck.spec.call.Signals;

import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import nscheck.spec.rules.Semantics;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Syscall;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The identity of a kernel state as the checkers use it: the enumerators merge two states with
 * equal fingerprints, so states that differ in any part the spec tracks (a namespace's allocator,
 * a task, a futex word, a signal mask) must differ in fingerprint and in equality, and states a
 * call leaves untouched must not.
 */
class StateIdentityTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10));
    private static final Syscall FORK = new Syscall.Clone(0);

    private SpecRun forked() {
        SpecRun r = new SpecRun(s).withSharedWords(1);
        r.value(0, FORK);
        return r;
    }

    private static void differ(Kernel a, Kernel b, String what) {
        assertNotEquals(a, b, what);
        assertNotEquals(a.fingerprint(), b.fingerprint(), what + ": the fingerprint must tell them apart");
    }

    @Test
    void aCallThatChangesNothingKeepsTheIdentity() {
        SpecRun r = forked();
        Kernel before = r.k;
        r.value(1, new Syscall.GetPid());
        assertEquals(before, r.k);
        assertEquals(before.fingerprint(), r.k.fingerprint());
        assertEquals(before.hashCode(), r.k.hashCode());
        SpecRun again = forked();
        assertEquals(before, again.k, "the same calls give an equal state");
        assertEquals(before.fingerprint(), again.k.fingerprint());
    }

    /** write(ns_last_pid) moves only the namespace's cursor (P4). */
    @Test
    void statesDifferingOnlyInAnAllocatorCursorDiffer() {
        SpecRun r = forked();
        Kernel before = r.k;
        r.value(0, new Syscall.WriteNsLastPid(6));
        differ(before, r.k, "cursor");
    }

    /** PR_SET_CHILD_SUBREAPER changes one task and nothing else. */
    @Test
    void statesDifferingOnlyInOneTaskDiffer() {
        SpecRun r = forked();
        Kernel before = r.k;
        r.value(1, new Syscall.SetChildSubreaper());
        differ(before, r.k, "task");
    }

    /** FUTEX_LOCK_PI on a free word writes the caller's TID into shared memory, nothing else. */
    @Test
    void statesDifferingOnlyInAFutexWordDiffer() {
        SpecRun r = forked();
        Kernel before = r.k;
        r.value(1, new Syscall.FutexLockPi(0));
        differ(before, r.k, "futex word");
    }

    /** sigprocmask changes the task's signal context, kept with the other kernel objects. */
    @Test
    void statesDifferingOnlyInASignalMaskDiffer() {
        SpecRun r = forked();
        Kernel before = r.k;
        r.value(1, new Syscall.SigBlock());
        differ(before, r.k, "signal mask");
    }

    /** Two process groups are told apart by their struct pid: setpgid makes a new one. */
    @Test
    void statesDifferingOnlyInAProcessGroupDiffer() {
        SpecRun r = forked();
        Kernel before = r.k;
        r.value(1, new ProcessCall.Setpgid());
        differ(before, r.k, "process group");
    }

    /** kill(0) reaches the caller's process group only (__kill_pgrp_info), not a task of another group. */
    @Test
    void killZeroReachesOnlyTheCallersGroup() {
        SpecRun r = forked();                                     // T1 = 2, in group 1 with init
        r.value(1, new ProcessCall.Setpgid());                        // group 2
        r.value(1, FORK);                                         // T2 = 3, group 2
        r.value(0, FORK);                                         // T3 = 4, group 1
        r.call(1, new Syscall.Kill(0, Signals.SIGUSR1));
        assertTrue(r.k.task(1).pendingSignal != 0 && r.k.task(2).pendingSignal != 0, "group 2 dies");
        assertEquals(0, r.k.task(3).pendingSignal, "group 1 is not signalled");
        assertEquals(0, r.value(3, new Syscall.Kill(-2, Signals.SIGUSR1)), "group 2 is named by its leader's number");
    }
}
