package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.JobCall;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Job control (kernel/signal.c, kernel/exit.c; J1-J5): stops, continues, their wait reports and
 * SIGCHLDs, a namespace init's protection against SIGSTOP, and the orphaned process group rule
 * with a namespace init as reaper, as the research probe saw them on Linux 6.18.
 */
class JobControlTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10));
    private static final Syscall FORK = new Syscall.Clone(0);

    private static Syscall kill(int pid, int sig) {
        return new Syscall.Kill(pid, sig);
    }

    @Test
    void aStoppedChildMakesNoCallUntilContinuedAndEachChangeIsReportedOnce() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        r.value(0, new Syscall.SigBlock());
        r.value(0, kill(2, Signals.SIGSTOP));
        assertTrue(r.k.task(1).stopped());
        assertFalse(r.canCall(1, new Syscall.GetPid()), "a stopped task makes no call");
        assertEquals(2, r.pid(0, new Syscall.Sigwaitinfo(false)), "SIGCHLD CLD_STOPPED names the child");
        assertEquals(JobCall.STOPPED_STATUS, r.value(0, new JobCall.WaitUntraced(-1, true)));
        assertFalse(r.canCall(0, new JobCall.WaitUntraced(-1, true)), "the stop is reported once: the wait blocks");
        r.value(0, kill(2, Signals.SIGCONT));
        assertTrue(r.canCall(1, new Syscall.GetPid()));
        assertEquals(2, r.pid(0, new JobCall.WaitUntraced(-1, false)));
        assertFalse(r.canCall(0, new JobCall.WaitUntraced(-1, false)));
        assertEquals(2, r.pid(0, new Syscall.Sigwaitinfo(false)), "SIGCHLD CLD_CONTINUED names the child");
    }

    @Test
    void aContinueForgetsAnUnreportedStopAndAKillWakesAStoppedTaskToDie() {
        SpecRun r = new SpecRun(s);
        r.pid(0, FORK);
        r.value(0, kill(2, Signals.SIGSTOP));
        r.value(0, kill(2, Signals.SIGCONT));
        assertEquals(JobCall.CONTINUED_STATUS, r.value(0, new JobCall.WaitUntraced(2, true)));
        r.value(0, kill(2, Signals.SIGSTOP));
        r.value(0, kill(2, Signals.SIGKILL));
        r.deliverAll();
        assertEquals(Signals.SIGKILL, r.value(0, new JobCall.WaitUntraced(2, true)), "killed while stopped: WTERMSIG 9");
    }

    @Test
    void aNamespaceInitDropsSigstopFromInsideButNotFromItsParentsNamespace() {
        SpecRun r = SpecRun.container(s);
        r.value(3, kill(1, Signals.SIGSTOP));
        assertFalse(r.k.task(2).stopped(), "SIGNAL_UNKILLABLE: SIGSTOP from its own namespace is dropped");
        r.value(1, kill(3, Signals.SIGSTOP));
        assertTrue(r.k.task(2).stopped(), "from an ancestor namespace SIGSTOP is forced");
        r.value(3, kill(1, Signals.SIGCONT));
        assertFalse(r.k.task(2).stopped(), "SIGCONT acts before the init's protection is asked");
    }

    @Test
    void aGroupWhoseOnlyOutsideParentExitsWithAStoppedMemberGetsSighup() {
        SpecRun r = new SpecRun(s);
        r.pid(0, FORK);                                   // P = T1 (2), in the root init's group and session
        assertEquals(3, r.pid(1, FORK));                  // C = T2 (3)
        r.value(2, new ProcessCall.Setpgid());
        assertEquals(4, r.pid(2, FORK));                  // G = T3 (4), in C's group
        r.value(0, kill(4, Signals.SIGSTOP));
        r.call(2, new Syscall.Exit(0));                   // G goes to the root init, which is no link
        assertEquals(Signals.SIGHUP, r.k.task(3).pendingSignal);
        r.deliverAll();
        assertEquals(0, r.value(1, new ProcessCall.WaitStatus(3)) & 0x7f);
        assertEquals(Signals.SIGHUP, r.value(0, new ProcessCall.WaitStatus(4)), "WTERMSIG SIGHUP");
    }

    @Test
    void aNamespaceInitAsReaperInTheSameSessionKeepsTheGroupLinked() {
        SpecRun r = SpecRun.container(s);                 // T2 = init of the child namespace, in session 1
        assertEquals(3, r.pid(2, FORK));                  // C = T4 (3 inside)
        r.value(4, new ProcessCall.Setpgid());
        assertEquals(4, r.pid(4, FORK));                  // G = T5
        r.value(1, kill(6, Signals.SIGSTOP));
        r.call(4, new Syscall.Exit(0));
        assertEquals(0, r.k.task(5).pendingSignal, "the init (other group, same session) is a link: not orphaned");
        assertTrue(r.k.task(5).stopped());
    }

    @Test
    void aNamespaceInitAsReaperInAnotherSessionIsNoLink() {
        SpecRun r = SpecRun.container(s);
        r.value(3, new ProcessCall.Setsid());             // P = T3 (2 inside) leads session S
        assertEquals(3, r.pid(3, FORK));                  // C = T4
        r.value(4, new ProcessCall.Setpgid());
        assertEquals(4, r.pid(4, FORK));                  // G = T5
        r.value(3, kill(4, Signals.SIGSTOP));
        r.call(4, new Syscall.Exit(0));                   // G goes to the init, outside session S
        assertEquals(Signals.SIGHUP, r.k.task(5).pendingSignal);
        assertEquals(Errno.ESRCH, r.errno(3, kill(99, Signals.SIGCONT)));
    }

    @Test
    void aBlockedHangupQueuesWithSiPidZeroAndTheStoppedMemberIsContinued() {
        SpecRun r = new SpecRun(s);
        r.pid(0, FORK);                                   // P = T1
        r.pid(1, FORK);                                   // C = T2
        r.value(2, new ProcessCall.Setpgid());
        r.pid(2, FORK);                                   // G = T3, in C's group
        r.value(3, new JobCall.BlockJobSignals());
        r.value(1, kill(4, Signals.SIGSTOP));
        r.call(2, new Syscall.Exit(0));
        assertFalse(r.k.task(3).stopped(), "the kernel's SIGCONT continues it");
        assertEquals(0, r.k.task(3).pendingSignal, "a blocked SIGHUP is queued, not acted on");
        assertEquals(0, r.value(3, new JobCall.SigwaitJobSignals()), "SIGHUP from the kernel: si_pid 0");
        assertEquals(0, r.value(3, new JobCall.SigwaitJobSignals()), "then SIGCONT, also 0");
        assertFalse(r.canCall(3, new JobCall.SigwaitJobSignals()), "nothing left: it blocks");
    }

    @Test
    void aStopDiscardsAPendingSigcontAndTheMaskIsInheritedAtFork() {
        SpecRun r = new SpecRun(s);
        r.pid(0, FORK);
        r.value(1, new JobCall.BlockJobSignals());
        assertEquals(3, r.pid(1, FORK));
        assertTrue(r.k.objects().context(2).blocks(Signals.SIGHUP) && r.k.objects().context(2).blocks(Signals.SIGCONT), "copied at fork");
        r.value(1, kill(3, Signals.SIGCONT));
        assertEquals(2, r.value(2, new JobCall.SigwaitJobSignals()), "kill's SIGCONT names its sender");
        r.value(1, kill(3, Signals.SIGCONT));
        r.value(1, kill(3, Signals.SIGSTOP));
        r.value(1, kill(3, Signals.SIGCONT));
        r.value(1, kill(3, Signals.SIGSTOP));
        assertTrue(r.k.task(2).stopped());
        r.value(0, kill(3, Signals.SIGCONT));
        assertEquals(1, r.value(2, new JobCall.SigwaitJobSignals()), "only the SIGCONT sent after the last stop is left");
        assertFalse(r.canCall(2, new JobCall.SigwaitJobSignals()));
    }

    @Test
    void theJobSignalsBlockIsTheOneMaskKillAndSigprocmaskUse() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        r.value(1, new JobCall.BlockJobSignals());
        r.value(0, kill(2, Signals.SIGHUP));
        r.deliverAll();
        assertTrue(r.k.task(1).alive(), "kill's SIGHUP reads the mask sigprocmask({SIGHUP, SIGCONT}) set: it queues (J5, P20)");
        assertEquals(1, r.value(1, new JobCall.SigwaitJobSignals()), "and names its sender");
        r.value(1, new nscheck.spec.call.HandlerCall.Sigprocmask(nscheck.spec.call.HandlerCall.SIG_SETMASK, 0));
        r.value(0, kill(2, Signals.SIGHUP));
        r.deliverAll();
        assertFalse(r.k.task(1).alive(), "SIG_SETMASK emptied the same mask: SIGHUP's default ends it");
    }

    @Test
    void aThreadThatIsNotTheLeaderTakesAProcessWideSigcontFromTheSharedQueue() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));                        // T1
        r.value(1, new JobCall.BlockJobSignals());
        assertEquals(3, r.value(1, new Syscall.Clone(nscheck.spec.call.CloneFlags.CLONE_THREAD))); // T2 = TID 3, the mask copied
        r.value(0, kill(2, Signals.SIGCONT));
        assertEquals(1, r.value(2, new JobCall.SigwaitJobSignals()), "dequeue_signal reads signal->shared_pending from any thread (P23)");
        assertFalse(r.canCall(1, new JobCall.SigwaitJobSignals()), "taken once: the leader's sigwaitinfo blocks");
    }
}
