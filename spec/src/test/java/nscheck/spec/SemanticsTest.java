package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import nscheck.spec.call.Outcome;
import nscheck.spec.rules.Semantics;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.TaskState;

import org.junit.jupiter.api.Test;

import java.util.List;

import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;
import static nscheck.spec.call.CloneFlags.CLONE_PARENT;
import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rule by rule against docs/semantics.md; each test names the rule it pins. */
class SemanticsTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10));

    private static Syscall.Clone fork() { return new Syscall.Clone(0); }

    private static Syscall.Clone forkNewPid() { return new Syscall.Clone(CLONE_NEWPID); }

    @Test
    void p3_freshNamespaceNumbersFromOneAndRootContinuesFromItsCursor() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.value(0, fork()));                       // T1: root 2
        assertEquals(3, r.value(1, forkNewPid()));                 // T2: root 3, ns 1 (its init)
        assertEquals("3 1", r.k.task(2).nsPid());
        assertEquals(2, r.value(2, fork()));                       // T3: seen by its init as 2
        assertEquals("4 2", r.k.task(3).nsPid());
        assertEquals(1, r.value(2, new Syscall.GetPid()));
    }

    @Test
    void p3_cyclicSearchSkipsNumbersInUseAndReusesAfterReaping() {
        SpecRun r = new SpecRun(s);
        r.value(0, fork());                                        // 2
        r.value(0, fork());                                        // 3
        r.call(1, new Syscall.Exit(0));
        assertEquals(2, r.value(0, new Syscall.Wait(-1)));         // reaps 2; 2 is free again
        assertEquals(4, r.value(0, fork()));                       // but the cursor goes on from 4
        r.value(0, new Syscall.WriteNsLastPid(1));                 // next search starts at 2
        assertEquals(2, r.value(0, fork()));
    }

    @Test
    void p3_wrapRestartsAtOneWhenPidMaxIsBelowReservedPids() {
        Semantics small = new Semantics(Mainline.INSTANCE, new Limits(6, 1, 4));
        Kernel k = small.boot();
        k = small.step(k, 0, fork()).get(0).next();                // 2
        k = small.step(k, 0, fork()).get(0).next();                // 3
        Outcome full = small.step(k, 0, fork()).get(0);            // [1, 4) is full
        assertEquals(Errno.EAGAIN, full.observation().errno());
    }

    @Test
    void p4_nsLastPidReadsTheLastNumberAndRejectsOutOfRangeWrites() {
        SpecRun r = new SpecRun(s);
        r.value(0, fork());
        assertEquals(2, r.value(1, new Syscall.ReadNsLastPid()));
        assertEquals(Errno.EINVAL, r.errno(1, new Syscall.WriteNsLastPid(11)));
        assertEquals(0, r.value(1, new Syscall.WriteNsLastPid(10)));
        assertEquals(Errno.EINVAL, r.errno(1, new Syscall.WriteNsLastPid(-1)));
    }

    @Test
    void p1_depthBeyondTheLimitIsEnospc() {
        SpecRun r = new SpecRun(s);
        r.value(0, fork());                                        // T1 level 0
        r.value(1, forkNewPid());                                  // T2 level 1
        r.value(2, forkNewPid());                                  // T3 level 2 = limit
        assertEquals(Errno.ENOSPC, r.errno(3, forkNewPid()));
        assertEquals(Errno.ENOSPC, r.errno(3, new Syscall.Unshare(CLONE_NEWPID)));
    }

    @Test
    void p12_unshareAffectsOnlyLaterChildrenAndCannotBeRepeated() {
        SpecRun r = new SpecRun(s);
        r.value(0, fork());
        r.value(1, new Syscall.Unshare(CLONE_NEWPID));
        assertEquals(2, r.value(1, new Syscall.GetPid()));         // the caller stays where it was
        assertEquals(Errno.EINVAL, r.errno(1, new Syscall.Unshare(CLONE_NEWPID)));
        assertEquals(Errno.EINVAL, r.errno(1, forkNewPid()));
        assertEquals(3, r.value(1, fork()));                       // first child: init of the new namespace
        assertEquals("3 1", r.k.task(2).nsPid());
        assertTrue(r.k.isChildReaper(2));
    }

    @Test
    void unshareNewUserRefusesAThreadedCaller() {
        // ksys_unshare: CLONE_NEWUSER implies CLONE_THREAD; check_unshare_flags wants thread_group_empty.
        SpecRun r = new SpecRun(s);
        r.value(0, fork());                                        // T1
        r.value(1, new Syscall.Clone(CLONE_THREAD));               // T2, a thread of T1
        assertEquals(Errno.EINVAL, r.errno(1, new Syscall.Unshare(CLONE_NEWUSER)));
        assertEquals(Errno.EINVAL, r.errno(2, new Syscall.Unshare(CLONE_NEWUSER)));
        r.value(2, new Syscall.Exit(0));                           // the thread reaps itself
        assertEquals(0, r.value(1, new Syscall.Unshare(CLONE_NEWUSER)));
    }

    @Test
    void p8_getppidIsZeroForANamespaceInit() {
        SpecRun r = new SpecRun(s);
        r.value(0, fork());
        r.value(1, forkNewPid());
        assertEquals(0, r.value(2, new Syscall.GetPpid()));
        r.value(2, fork());
        assertEquals(1, r.value(3, new Syscall.GetPpid()));
    }

    @Test
    void p9_initIgnoresFatalSignalsFromInsideButNotSigkillFromAbove() {
        SpecRun r = new SpecRun(s);
        r.value(0, fork());                                        // T1
        r.value(1, forkNewPid());                                  // T2 init of ns, root pid 3
        r.value(2, fork());                                        // T3 inside
        assertEquals(0, r.value(3, new Syscall.Kill(1, Signals.SIGKILL)));
        assertEquals(0, r.k.task(2).pendingSignal);                // dropped
        assertEquals(0, r.value(1, new Syscall.Kill(3, Signals.SIGTERM)));
        assertEquals(0, r.k.task(2).pendingSignal);                // SIG_DFL SIGTERM from above is dropped too
        assertEquals(0, r.value(1, new Syscall.Kill(3, Signals.SIGKILL)));
        assertEquals(Signals.SIGKILL, r.k.task(2).pendingSignal);  // forced from an ancestor
        assertEquals(0, r.value(0, new Syscall.Kill(2, 0)));
        assertEquals(Errno.ESRCH, r.errno(3, new Syscall.Kill(9, Signals.SIGKILL)));
    }

    @Test
    void p11_aPidFromAnotherNamespaceIsEsrchOrSomeoneElse() {
        SpecRun r = new SpecRun(s);
        r.value(0, fork());                                        // T1 root 2
        r.value(1, forkNewPid());                                  // T2 root 3, ns 1
        assertEquals(Errno.ESRCH, r.errno(2, new Syscall.Kill(3, 0)));   // 3 means nothing inside
        r.value(2, fork());                                        // T3 root 4, ns 2
        assertEquals(0, r.value(3, new Syscall.Kill(2, 0)));       // inside, 2 is T3 itself, not root's T1
    }

    @Test
    void p6_initDeathKillsTheSubtreeAndLaterForksFailEnomem() {
        SpecRun r = new SpecRun(s);
        r.value(0, fork());                                        // T1
        r.value(1, forkNewPid());                                  // T2 init, ns A
        r.value(2, forkNewPid());                                  // T3 init of a nested ns B
        r.value(1, new Syscall.Setns(3));                          // T1 enters A for its children
        r.value(2, new Syscall.Exit(0));                           // A's init dies
        assertEquals(TaskState.EXITING, r.k.task(2).state);
        assertEquals(Signals.SIGKILL, r.k.task(3).pendingSignal);  // the nested namespace too
        assertEquals(Errno.ENOMEM, r.errno(1, fork()));            // no entry into a dead namespace
        r.deliverAll();
        assertEquals(TaskState.ZOMBIE, r.k.task(2).state);         // reaped its namespace, then died
        assertNull(r.k.task(3));
        assertEquals(3, r.value(1, new Syscall.Wait(-1)));
    }

    @Test
    void p6_initWaitsForOutsidersChildrenToBeReaped() {
        SpecRun r = new SpecRun(s);
        r.value(0, fork());                                        // T1
        r.value(1, forkNewPid());                                  // T2 init of A
        r.value(1, new Syscall.Setns(3));
        r.value(1, fork());                                        // T3 in A, child of T1 outside
        r.value(1, new Syscall.Kill(3, Signals.SIGKILL));
        r.deliverAll();
        assertEquals(TaskState.EXITING, r.k.task(2).state);        // T3 is a zombie T1 has not reaped
        assertEquals(TaskState.ZOMBIE, r.k.task(3).state);
        assertEquals(4, r.value(1, new Syscall.Wait(4)));
        assertEquals(TaskState.ZOMBIE, r.k.task(2).state);         // now init's exit completes
    }

    @Test
    void p7_orphansGoToTheNearestSubreaperElseTheNamespaceInit() {
        SpecRun r = new SpecRun(s);
        r.value(0, fork());                                        // T1
        r.value(1, new Syscall.SetChildSubreaper());
        r.value(1, fork());                                        // T2
        r.value(2, fork());                                        // T3
        r.call(2, new Syscall.Exit(0));
        assertEquals(1, r.k.task(3).parent);                       // the subreaper adopts
        assertEquals(2, r.value(3, new Syscall.GetPpid()));
        r.call(1, new Syscall.Exit(0));
        assertEquals(0, r.k.task(3).parent);                       // no subreaper left: init
    }

    @Test
    void p5_clonePartFromInitIsEinval() {
        SpecRun r = new SpecRun(s);
        r.value(0, fork());
        r.value(1, forkNewPid());
        assertEquals(Errno.EINVAL, r.errno(2, new Syscall.Clone(CLONE_PARENT)));
        assertEquals(4, r.value(1, new Syscall.Clone(CLONE_PARENT)));
        assertEquals(0, r.k.task(3).parent);                       // a sibling of T1
    }

    @Test
    void p13_setnsOnlyDownwards() {
        SpecRun r = new SpecRun(s);
        r.value(0, fork());
        r.value(1, forkNewPid());                                  // T2, root 3
        r.value(2, fork());                                        // T3 inside
        assertEquals(Errno.ESRCH, r.errno(3, new Syscall.Setns(5)));
        assertEquals(0, r.value(1, new Syscall.Setns(3)));
        assertEquals(0, r.value(1, new Syscall.Setns(2)));          // back to its own namespace
        assertEquals(5, r.value(1, fork()));                       // T3 holds root 4
        assertEquals("5", r.k.task(4).nsPid());
        // A pidfd names only tasks in the caller's namespace or below, so the EINVAL of P13
        // (a target above the caller) cannot be reached through setns(pidfd) in these models.
    }

    @Test
    void waitBlocksWhileChildrenLiveAndIsEchildWithout() {
        SpecRun r = new SpecRun(s);
        r.value(0, fork());
        assertTrue(s.step(r.k, 0, new Syscall.Wait(-1)).isEmpty()); // blocks
        assertEquals(Errno.ECHILD, r.errno(1, new Syscall.Wait(-1)));
        assertEquals(Errno.ECHILD, r.errno(0, new Syscall.Wait(7)));
    }

    @Test
    void aTaskWithAFatalSignalPendingOnlyDies() {
        SpecRun r = new SpecRun(s);
        r.value(0, fork());
        r.call(1, new Syscall.Kill(2, Signals.SIGKILL));
        assertFalse(r.last.returns());
        assertTrue(s.step(r.k, 1, new Syscall.GetPid()).isEmpty());
        r.call(1, new Syscall.SignalDelivery());
        assertEquals(TaskState.ZOMBIE, r.k.task(1).state);
    }

    @Test
    void equalKernelsHaveEqualFingerprints() {
        SpecRun a = new SpecRun(s), b = new SpecRun(s);
        a.value(0, fork());
        a.value(0, fork());
        a.call(1, new Syscall.Exit(0));
        a.value(0, new Syscall.Wait(-1));
        b.value(0, fork());
        b.value(0, fork());
        assertFalse(a.k.equals(b.k));                              // different slots, different cursors
        SpecRun c = new SpecRun(s);
        c.value(0, fork());
        c.value(0, fork());
        assertEquals(b.k, c.k);
        assertEquals(b.k.fingerprint(), c.k.fingerprint());
    }
}
