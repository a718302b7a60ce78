package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.Observation;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whom kill(2), tgkill(2), rt_sigqueueinfo and pidfd_send_signal(2) reach, in which order, with
 * which errors and which si_uid (kernel/signal.c; docs/semantics.md P9-P11, K3, D2).
 */
class SignalTargetsTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(8, 2, 16));

    private static final Syscall FORK = new Syscall.Clone(0);
    private static final Syscall THREAD = new Syscall.Clone(CLONE_THREAD);
    private static final Syscall BLOCK = new Syscall.SigBlock();
    private static final Syscall SI_PID = new Syscall.Sigwaitinfo(false);
    private static final Syscall SI_UID = new Syscall.Sigwaitinfo(true);
    private static final int USR1 = Signals.SIGUSR1;

    /**
     * kill(-1) walks the processes oldest first, not by slot: the init of a namespace made before
     * B (that cannot see the sender) clears the shared si_pid before B, although B sits in a
     * lower, reused slot.
     */
    @Test
    void killMinusOneWalksTheProcessesOldestFirst() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                      // T1 = 2, the sender
        r.value(0, FORK);                                      // slot 2 = 3, to be reaped
        assertEquals(4, r.pid(0, new Syscall.Clone(CLONE_NEWPID))); // slot 3 = 4, init of N
        r.call(2, new Syscall.Exit(0));
        r.value(0, new Syscall.Wait(3));
        assertEquals(5, r.pid(0, FORK));                       // slot 2 = 5: B, younger than slot 3
        r.value(2, BLOCK);
        r.value(1, new Syscall.Kill(-1, USR1));
        assertEquals(0, r.value(2, SI_PID), "N's init (4) came first and cleared si_pid");
    }

    @Test
    void killOfAProcessGroupNeedsAGroupWithMembersAndOnePermittedTarget() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                      // T1 = 2
        assertEquals(Errno.ESRCH, r.errno(0, new Syscall.Kill(-9, USR1)), "no such number");
        assertEquals(Errno.ESRCH, r.errno(0, new Syscall.Kill(-2, USR1)), "2 is a task, no group's number");
        r.value(1, new ProcessCall.Setpgid());                 // group 2
        r.value(0, FORK);                                      // T2 = 3
        r.value(2, new Syscall.Setuid(1000));
        assertEquals(Errno.EPERM, r.errno(2, new Syscall.Kill(-2, USR1)), "uid 1000 may signal no member");
        r.value(1, BLOCK);
        assertEquals(0, r.value(0, new Syscall.Kill(-2, USR1)));
        assertEquals(1, r.value(1, SI_PID));
    }

    /** A fatal signal to the caller's own group: the caller never returns. */
    @Test
    void aFatalSignalToTheCallersOwnGroupDoesNotReturn() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                      // T1 = 2
        r.value(1, new ProcessCall.Setpgid());
        r.call(1, new Syscall.Kill(0, Signals.SIGKILL));
        assertEquals(Observation.NO_RETURN, r.last);
        r.value(0, FORK);                                      // T2, in the root init's group
        r.value(2, new ProcessCall.Setpgid());
        r.value(0, new Syscall.Kill(-3, Signals.SIGKILL));
        assertEquals(Observation.ZERO, r.last, "another group: the caller returns 0");
    }

    /** kill(-1) by uid 1000 skips root's processes: they get nothing. */
    @Test
    void killMinusOneSkipsTheTargetsTheCallerMayNotSignal() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                      // T1 = 2, root
        r.value(1, BLOCK);
        r.value(0, FORK);                                      // T2 = 3
        r.value(2, new Syscall.Setuid(1000));
        r.value(2, FORK);                                      // T3 = 4, uid 1000
        r.value(3, BLOCK);
        assertEquals(0, r.value(2, new Syscall.Kill(-1, USR1)));
        assertFalse(r.canCall(1, SI_PID), "T1 is root's: nothing queued");
        assertEquals(3, r.value(3, SI_PID));
        r.value(2, new Syscall.Kill(4, USR1));
        assertEquals(1000, r.value(3, SI_UID), "si_uid: the sender's uid");
        r.value(2, new Syscall.Kill(-1, USR1));
        assertEquals(1000, r.value(3, SI_UID), "also through kill(-1)");
    }

    @Test
    void tgkillNeedsPositiveIdsAMatchingTgidAndPermission() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                      // T1 = 2
        assertEquals(3, r.value(1, THREAD));                   // T2 = TID 3
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.Tgkill(2, 0)));
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.Tgkill(0, 3)));
        assertEquals(Errno.ESRCH, r.errno(0, new Syscall.Tgkill(1, 3)), "TID 3 is in process 2");
        r.value(0, FORK);                                      // T3 = 4
        r.value(3, new Syscall.Setuid(1000));
        assertEquals(Errno.EPERM, r.errno(3, new Syscall.Tgkill(2, 3)));
        r.value(2, BLOCK);
        assertEquals(0, r.value(0, new Syscall.Tgkill(2, 3)));
        assertEquals(1, r.value(2, SI_PID));
    }

    /** check_kill_permission: within one thread group any thread may signal any other, whatever its uid. */
    @Test
    void aThreadMaySignalItsOwnGroupWhateverItsUid() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                      // T1 = 2
        r.value(1, BLOCK);
        r.value(1, THREAD);                                    // T2 = 3
        r.value(2, new Syscall.Setuid(1000));
        assertEquals(0, r.value(2, new Syscall.Tgkill(2, 2)));
        assertEquals(0, r.value(2, new Syscall.Sigqueue(2)));
    }

    @Test
    void sigqueueToARootTaskByUid1000IsEpermAndToAZombieSucceeds() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                      // T1 = 2
        r.value(0, FORK);                                      // T2 = 3
        r.value(2, new Syscall.Setuid(1000));
        assertEquals(Errno.EPERM, r.errno(2, new Syscall.Sigqueue(2)));
        assertEquals(Errno.EPERM, r.errno(2, new Syscall.Tgkill(2, 2)));
    }

    @Test
    void pidfdSendSignalChecksItsFlagsAndTarget() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                      // T1 = 2
        assertEquals(3, r.value(1, THREAD));                   // T2 = TID 3
        int process = r.pid(0, new FdCalls.PidfdOpen(2, 0));
        int thread = r.pid(0, new FdCalls.PidfdOpen(3, FdCalls.PIDFD_THREAD));
        assertEquals(Errno.EINVAL, r.errno(0, new FdCalls.PidfdSendSignal(process, 0, 3)), "two scope flags");
        assertEquals(Errno.EINVAL, r.errno(0, new FdCalls.PidfdSendSignal(process, 0, 8)), "an unknown flag");
        assertEquals(Errno.ESRCH, r.errno(0, new FdCalls.PidfdSendSignal(thread, 0, 2)), "a thread leads no thread group");
        assertEquals(0, r.value(0, new FdCalls.PidfdSendSignal(thread, 0, 1)));
        assertEquals(0, r.value(0, new FdCalls.PidfdSendSignal(thread, 0, 0)), "a thread pidfd: PIDFD_SIGNAL_THREAD by default");
        assertEquals(0, r.value(0, new FdCalls.PidfdSendSignal(process, 0, 4)));
        r.value(0, FORK);                                      // T3 = 4
        r.value(3, new Syscall.Setuid(1000));
        int t3 = r.pid(3, new FdCalls.PidfdOpen(2, 0));
        assertEquals(Errno.EPERM, r.errno(3, new FdCalls.PidfdSendSignal(t3, 0, 0)));
        // PIDFD_SIGNAL_THREAD: the thread's private queue, read before the shared one.
        r.value(1, BLOCK);
        r.value(2, BLOCK);
        r.value(0, new Syscall.Kill(2, USR1));                 // shared, si_pid 1
        int own = r.pid(1, new FdCalls.PidfdOpen(3, FdCalls.PIDFD_THREAD));
        r.value(1, new FdCalls.PidfdSendSignal(own, USR1, 1));
        assertEquals(1, r.k.objects().context(2).pending().size(), "on T2's private queue");
        assertEquals(2, r.value(2, SI_PID), "the private one, from T1");
        // dequeue_signal reads signal->shared_pending from any thread (P23): T2 takes kill's too
        assertEquals(1, r.value(2, SI_PID), "then the shared one, from the root init, though T2 is not the leader");
        assertFalse(r.canCall(1, SI_PID), "taken: the leader's sigwaitinfo blocks");
    }
}
