package nscheck.spec;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.HandlerCall;
import nscheck.spec.call.JobCall;
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
 * kernel/signal.c prepare_signal for SIGSTOP and SIGCONT (J1, J2): what a process in a group exit,
 * a zombie process, a running process and the root init make of them, and when a SIGCONT queues
 * (every thread blocks it: complete_signal finds no thread to take it).
 */
class GroupStopTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10));
    private static final Syscall FORK = new Syscall.Clone(0);
    private static final Syscall SIGCHLD_PID = new Syscall.Sigwaitinfo(false);

    private static Syscall kill(int pid, int sig) {
        return new Syscall.Kill(pid, sig);
    }

    /** prepare_signal: SIGNAL_GROUP_EXIT drops SIGSTOP and SIGCONT; the parent hears of neither. */
    @Test
    void aProcessInAGroupExitTakesNoStopAndNoContinue() {
        SpecRun r = new SpecRun(s);
        r.value(0, new Syscall.SigBlock());               // the root init blocks SIGCHLD: each report queues
        assertEquals(2, r.pid(0, FORK));
        r.value(0, kill(2, Signals.SIGKILL));             // pending, not yet acted on
        r.value(0, kill(2, Signals.SIGSTOP));
        assertFalse(r.k.task(1).stopped(), "a dying process does not stop");
        assertFalse(r.canCall(0, SIGCHLD_PID), "no CLD_STOPPED");

        assertEquals(3, r.pid(0, FORK));
        r.value(0, kill(3, Signals.SIGSTOP));
        assertEquals(3, r.pid(0, SIGCHLD_PID), "CLD_STOPPED");
        r.value(0, kill(3, Signals.SIGKILL));
        r.value(0, kill(3, Signals.SIGCONT));
        assertFalse(r.canCall(0, SIGCHLD_PID), "no CLD_CONTINUED for a process already exiting");
        assertEquals(JobCall.STOPPED_STATUS, r.value(0, new JobCall.WaitUntraced(3, true)), "the stop is still the one to report");
    }

    /** A process whose every thread has exited takes neither: the zombie is reaped with its exit status. */
    @Test
    void aZombieIsNeitherStoppedNorContinued() {
        SpecRun r = new SpecRun(s);
        r.value(0, new Syscall.SigBlock());
        assertEquals(2, r.pid(0, FORK));
        r.call(1, new Syscall.Exit(3));
        assertEquals(2, r.pid(0, SIGCHLD_PID), "the exit's SIGCHLD");
        assertEquals(0, r.value(0, kill(2, Signals.SIGSTOP)));
        assertEquals(0, r.value(0, kill(2, Signals.SIGCONT)));
        assertFalse(r.canCall(0, SIGCHLD_PID), "nothing more to tell");
        assertEquals(3 << 8, r.value(0, new JobCall.WaitUntraced(-1, true)), "reaped: WEXITSTATUS 3");
    }

    /** A SIGCONT to a process that is not stopped continues nothing: no CLD_CONTINUED, nothing for WCONTINUED. */
    @Test
    void aSigcontToARunningChildIsNoNews() {
        SpecRun r = new SpecRun(s);
        r.value(0, new Syscall.SigBlock());
        assertEquals(2, r.pid(0, FORK));
        r.value(0, kill(2, Signals.SIGCONT));
        assertFalse(r.canCall(0, SIGCHLD_PID));
        assertFalse(r.canCall(0, new JobCall.WaitUntraced(-1, true)), "nothing to report: the wait blocks");
        assertFalse(r.canCall(1, new JobCall.SigwaitJobSignals()), "an unblocked SIGCONT is not queued");
    }

    /** The root init is signalled like any process that blocks SIGCONT: the SIGCONT queues with its sender's PID. */
    @Test
    void theRootInitQueuesABlockedSigcont() {
        SpecRun r = new SpecRun(s);
        r.value(0, new JobCall.BlockJobSignals());
        assertEquals(2, r.pid(0, FORK));
        r.value(1, kill(1, Signals.SIGCONT));
        assertEquals(2, r.pid(0, new JobCall.SigwaitJobSignals()));
    }

    /** One thread that does not block SIGCONT takes it (complete_signal): nothing queues. */
    @Test
    void aSigcontQueuesOnlyIfEveryLivingThreadBlocksIt() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        r.value(1, new JobCall.BlockJobSignals());
        assertEquals(3, r.value(1, new Syscall.Clone(CloneFlags.CLONE_THREAD)));   // the mask is copied
        r.value(2, new HandlerCall.Sigprocmask(HandlerCall.SIG_UNBLOCK, Signals.bit(Signals.SIGCONT)));
        r.value(0, kill(2, Signals.SIGCONT));
        assertFalse(r.canCall(1, new JobCall.SigwaitJobSignals()), "the thread that lets SIGCONT through took it");

        r.value(2, new JobCall.BlockJobSignals());
        r.call(1, new Syscall.Exit(0));                  // the leader exits; its thread lives on
        r.value(0, kill(2, Signals.SIGCONT));
        assertEquals(1, r.pid(2, new JobCall.SigwaitJobSignals()), "the exited leader is not asked: the thread blocks it, so it queues");
    }

    /** do_notify_parent_cldstop: a parent with a SIGCHLD handler gets CLD_STOPPED through it; one with SIG_IGN gets nothing. */
    @Test
    void theStopsSigchldGoesToAHandlerAndNotToSigIgn() {
        SpecRun r = new SpecRun(s);
        r.value(0, new HandlerCall.SetHandler(Signals.SIGCHLD));
        assertEquals(2, r.pid(0, FORK));
        r.value(0, kill(2, Signals.SIGSTOP));
        assertEquals(2, r.value(0, new HandlerCall.Handled(HandlerCall.Field.SI_PID)), "the handler ran for CLD_STOPPED");

        r.value(0, new nscheck.spec.call.ProcessCall.Sigaction(Signals.SIGCHLD, true, false));
        r.value(0, new Syscall.SigBlock());
        r.value(0, kill(2, Signals.SIGCONT));
        assertFalse(r.canCall(0, SIGCHLD_PID), "SIG_IGN: no CLD_CONTINUED, blocked or not");
    }
}
