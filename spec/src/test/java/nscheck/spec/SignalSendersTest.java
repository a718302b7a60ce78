package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.HandlerCall;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kernel/signal.c on the sending side (K3, P10, P20, D2): check_kill_permission for group and
 * broadcast kills, the SIGCONT same-session exception, the siginfo a thread's signal carries, the
 * root init's handler, and pidfd_send_signal's scope flags.
 */
class SignalSendersTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10));
    private static final Syscall FORK = new Syscall.Clone(0);

    /** __kill_pgrp_info: EPERM when the caller may signal no member of the group. */
    @Test
    void aGroupKillThatMaySignalNoMemberIsEperm() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        r.value(1, new ProcessCall.Setpgid());            // group 2, root's
        assertEquals(3, r.pid(0, FORK));
        r.value(2, new Syscall.Setuid(1000));
        assertEquals(Errno.EPERM, r.errno(2, new Syscall.Kill(-2, Signals.SIGTERM)));
        assertEquals(0, r.k.task(1).pendingSignal);
    }

    /** kill(-1) skips the processes the caller may not signal (K3), except a SIGCONT within its session (J2). */
    @Test
    void aBroadcastSignalsOnlyWhatTheCallerMaySignal() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));                  // T1, root
        assertEquals(3, r.pid(0, FORK));                  // T2
        r.value(2, new Syscall.Setuid(1000));
        assertEquals(4, r.pid(2, FORK));                  // T3, uid 1000
        r.value(0, new Syscall.Kill(2, Signals.SIGSTOP));
        assertEquals(0, r.value(2, new Syscall.Kill(-1, Signals.SIGCONT)));
        assertFalse(r.k.task(1).stopped(), "SIGCONT reaches root's process in the caller's session");
        assertEquals(0, r.value(2, new Syscall.Kill(-1, Signals.SIGTERM)));
        assertEquals(0, r.k.task(1).pendingSignal, "root's process is skipped");
        assertEquals(Signals.SIGTERM, r.k.task(3).pendingSignal);
    }

    /** The root init with a handler takes a catchable signal from its child (P20: the handler, not SIG_DFL's drop). */
    @Test
    void theRootInitsHandlerRuns() {
        SpecRun r = new SpecRun(s);
        r.value(0, new HandlerCall.SetHandler(Signals.SIGTERM));
        assertEquals(2, r.pid(0, FORK));
        r.value(1, new Syscall.Kill(1, Signals.SIGTERM));
        assertEquals(2, r.value(0, new HandlerCall.Handled(HandlerCall.Field.SI_PID)));
    }

    /** A thread's signal carries its process: si_pid is the TGID and the siginfo is about the leader. */
    @Test
    void aSignalFromAThreadNamesItsProcess() {
        SpecRun r = new SpecRun(s);
        r.value(0, new Syscall.SigBlock());
        assertEquals(2, r.pid(0, FORK));
        assertEquals(3, r.value(1, new Syscall.Clone(CLONE_THREAD)));
        r.value(2, new Syscall.Kill(1, Signals.SIGUSR1));
        assertEquals(2, r.pid(0, new Syscall.Sigwaitinfo(false)));
        assertEquals(1, r.last.about(), "the leader's struct pid");
    }

    /** pidfd_send_signal: one scope flag is fine; PIDFD_SIGNAL_THREAD_GROUP through a thread's pidfd finds no process (PIDTYPE_TGID). */
    @Test
    void pidfdSendSignalScopes() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        int tid = r.pid(1, new Syscall.Clone(CLONE_THREAD));
        assertEquals(3, r.value(0, new FdCalls.PidfdOpen(tid, FdCalls.PIDFD_THREAD)));
        assertEquals(4, r.value(0, new FdCalls.PidfdOpen(2, 0)));
        assertEquals(Errno.ESRCH, r.errno(0, new FdCalls.PidfdSendSignal(3, 0, 2)), "a thread leads no thread group");
        assertNull(r.errno(0, new FdCalls.PidfdSendSignal(3, 0, 0)), "the thread itself");
        assertNull(r.errno(0, new FdCalls.PidfdSendSignal(4, 0, 2)), "the process, PIDFD_SIGNAL_THREAD_GROUP");
        assertNull(r.errno(0, new FdCalls.PidfdSendSignal(4, 0, 4)), "PIDFD_SIGNAL_PROCESS_GROUP");
        assertTrue(r.k.task(1).alive());
    }

    /** check_kill_permission's SIGCONT exception holds for a group kill within the session, and only within it (J2). */
    @Test
    void sigcontNeedsNoPermissionWithinTheSessionOnly() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));                  // T1, root
        r.value(1, new ProcessCall.Setpgid());            // group 2
        assertEquals(3, r.pid(0, FORK));                  // T2
        r.value(2, new Syscall.Setuid(1000));
        r.value(0, new Syscall.Kill(2, Signals.SIGSTOP));
        assertEquals(0, r.value(2, new Syscall.Kill(-2, Signals.SIGCONT)), "same session: any member may be continued");
        assertFalse(r.k.task(1).stopped());
        assertEquals(4, r.pid(0, FORK));                  // T3, root
        r.value(3, new ProcessCall.Setsid());
        assertEquals(Errno.EPERM, r.errno(2, new Syscall.Kill(4, Signals.SIGCONT)), "another session");
    }

    /** pidfd_send_signal through a thread's pidfd (PIDTYPE_PID) queues on that thread's own queue: another thread cannot take it. */
    @Test
    void aThreadPidfdSignalsTheThreadAlone() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        r.value(1, new Syscall.SigBlock());
        int tid = r.pid(1, new Syscall.Clone(CLONE_THREAD));       // slot 2, the mask copied
        assertEquals(3, r.value(0, new FdCalls.PidfdOpen(tid, FdCalls.PIDFD_THREAD)));
        assertNull(r.errno(0, new FdCalls.PidfdSendSignal(3, Signals.SIGUSR1, 0)));
        assertFalse(r.canCall(1, new Syscall.Sigwaitinfo(false)), "not on the process's shared queue");
        assertEquals(1, r.pid(2, new Syscall.Sigwaitinfo(false)), "the thread's own");
    }

    /** tgkill to a zombie process (its thread group leader still has its TID): success, nothing queued. */
    @Test
    void tgkillToAZombieSucceedsAndDoesNothing() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        r.call(1, new Syscall.Exit(0));
        assertEquals(0, r.value(0, new Syscall.Tgkill(2, 2)));
        assertEquals(2, r.pid(0, new Syscall.Wait(-1)));
    }
}
