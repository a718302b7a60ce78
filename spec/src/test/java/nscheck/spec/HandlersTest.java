package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.HandlerCall;
import nscheck.spec.call.Observation;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Handlers, masks and sigpending (kernel/signal.c; issue 19 item 2, P20-P23), as the research
 * probe saw them on Linux 6.18 in the container layout: T1 = 2; T2 = 3 outside, the init (1) of a
 * new namespace; T3 = 4 outside, 2 inside.
 */
class HandlersTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10));
    private static final HandlerCall.Handled PID = new HandlerCall.Handled(HandlerCall.Field.SI_PID);
    private static final HandlerCall.Handled SIGNO = new HandlerCall.Handled(HandlerCall.Field.SI_SIGNO);

    private static HandlerCall.Sigprocmask mask(int how, int... sigs) {
        long set = 0;
        for (int sig : sigs) set |= Signals.bit(sig);
        return new HandlerCall.Sigprocmask(how, set);
    }

    @Test
    void sigkillAndSigstopTakeNoHandler() {
        SpecRun r = SpecRun.container(s);
        assertEquals(Errno.EINVAL, r.errno(1, new HandlerCall.SetHandler(Signals.SIGKILL)));
        assertEquals(Errno.EINVAL, r.errno(1, new HandlerCall.SetHandler(Signals.SIGSTOP)));
        assertEquals(Errno.EAGAIN, r.errno(1, PID), "no record yet");
    }

    /** P20, P21: an init with a handler receives from inside (si_pid 2) and from the parent namespace (si_pid 0). */
    @Test
    void anInitWithAHandlerReceivesWhatItWouldDrop() {
        SpecRun r = SpecRun.container(s);
        r.value(3, new Syscall.Kill(1, Signals.SIGTERM));
        assertEquals(0, r.k.task(2).pendingSignal, "SIG_DFL: dropped at send time");
        r.value(2, new HandlerCall.SetHandler(Signals.SIGTERM));
        r.value(3, new Syscall.Kill(1, Signals.SIGTERM));
        r.value(3, new Syscall.Kill(1, Signals.SIGTERM));
        r.value(1, new Syscall.Kill(3, Signals.SIGTERM));
        assertEquals(Signals.SIGTERM, r.value(2, SIGNO), "each read takes one record");
        assertEquals(2, r.value(2, PID));
        assertEquals(0, r.value(2, PID), "from an ancestor: si_pid 0");
        assertEquals(Errno.EAGAIN, r.errno(2, PID));
    }

    /** P22: a blocked SIG_DFL SIGTERM to an init is queued, shows in sigpending, and is discarded on unblock. */
    @Test
    void aBlockedDefaultSignalToAnInitIsDiscardedWhenUnblocked() {
        SpecRun r = SpecRun.container(s);
        r.value(2, mask(HandlerCall.SIG_BLOCK, Signals.SIGTERM));
        r.value(3, new Syscall.Kill(1, Signals.SIGTERM));
        assertEquals(Signals.bit(Signals.SIGTERM), r.value(2, new HandlerCall.Sigpending()));
        r.value(2, mask(HandlerCall.SIG_UNBLOCK, Signals.SIGTERM));
        assertEquals(0, r.value(2, new HandlerCall.Sigpending()));
        assertEquals(0, r.k.task(2).pendingSignal, "the init lives");
        // A handler installed before unblocking receives it.
        r.value(2, mask(HandlerCall.SIG_BLOCK, Signals.SIGTERM));
        r.value(3, new Syscall.Kill(1, Signals.SIGTERM));
        r.value(2, new HandlerCall.SetHandler(Signals.SIGTERM));
        r.value(2, mask(HandlerCall.SIG_SETMASK));
        assertEquals(2, r.value(2, PID));
    }

    /** P22: unblocking a fatal SIG_DFL signal in an ordinary process ends it inside sigprocmask. */
    @Test
    void unblockingAFatalSignalKillsTheProcess() {
        SpecRun r = SpecRun.container(s);
        r.value(1, mask(HandlerCall.SIG_BLOCK, Signals.SIGUSR2));
        r.value(0, new Syscall.Kill(2, Signals.SIGUSR2));
        assertEquals(0, r.k.task(1).pendingSignal);
        r.call(1, mask(HandlerCall.SIG_UNBLOCK, Signals.SIGUSR2));
        assertEquals(Observation.NO_RETURN, r.last);
        assertEquals(Signals.SIGUSR2, r.k.task(1).pendingSignal);
    }

    /** P22: handlers unblocked together run last-set-up first (nested frames); SIG_IGN's pending one is discarded. */
    @Test
    void handlersUnblockedTogetherRunHighestFirst() {
        SpecRun r = SpecRun.container(s);
        r.value(1, new HandlerCall.SetHandler(Signals.SIGUSR1));
        r.value(1, new HandlerCall.SetHandler(Signals.SIGUSR2));
        r.value(1, mask(HandlerCall.SIG_BLOCK, Signals.SIGUSR1, Signals.SIGUSR2, Signals.SIGTERM));
        r.value(0, new Syscall.Kill(2, Signals.SIGUSR1));
        r.value(0, new Syscall.Kill(2, Signals.SIGUSR2));
        r.value(0, new Syscall.Kill(2, Signals.SIGTERM));
        r.value(1, new ProcessCall.Sigaction(Signals.SIGTERM, true, false));
        assertEquals(Signals.bit(Signals.SIGUSR1) | Signals.bit(Signals.SIGUSR2), r.value(1, new HandlerCall.Sigpending()), "SIG_IGN flushed SIGTERM");
        r.value(1, mask(HandlerCall.SIG_SETMASK));
        assertEquals(Signals.SIGUSR2, r.value(1, SIGNO));
        assertEquals(Signals.SIGUSR1, r.value(1, SIGNO));
    }

    /** P20: a SIGCHLD handler runs when a child dies, with the child's number. */
    @Test
    void aSigchldHandlerRunsWithTheChild() {
        SpecRun r = SpecRun.container(s);
        r.value(2, new HandlerCall.SetHandler(Signals.SIGCHLD));
        int child = r.pid(2, new Syscall.Clone(0));
        r.call(4, new Syscall.Exit(0));
        assertEquals(child, r.value(2, PID));
    }

    /**
     * P20: a parent's exit reparents its zombie child to the root init, whose SIGCHLD handler gets the
     * zombie's SIGCHLD; the parent's own SIGCHLD, sent in the same exit_notify before the handler
     * could run, finds SIGCHLD still pending and is dropped (legacy_queue). Found by `nscheck conform`.
     */
    @Test
    void twoSigchldsInOneExitRunTheHandlerOnce() {
        SpecRun r = new SpecRun(s);
        r.value(0, new HandlerCall.SetHandler(Signals.SIGCHLD));
        r.value(0, new Syscall.Clone(0));
        r.value(1, new Syscall.Clone(0));
        r.call(2, new Syscall.Exit(0));
        r.call(1, new Syscall.Exit(0));
        assertEquals(3, r.value(0, PID), "the reparented zombie's");
        assertEquals(Errno.EAGAIN, r.errno(0, PID));
    }

    /** P21: the records are process memory: a thread reads what the handler recorded while it ran in another thread; a forked child starts with none. */
    @Test
    void threadsShareTheRecordsAndAChildStartsWithout() {
        SpecRun r = SpecRun.container(s);
        r.value(1, new HandlerCall.SetHandler(Signals.SIGUSR1));
        r.value(0, new Syscall.Kill(2, Signals.SIGUSR1));
        r.value(1, new Syscall.Clone(nscheck.spec.call.CloneFlags.CLONE_THREAD));
        r.value(1, new Syscall.Clone(0));
        assertEquals(Errno.EAGAIN, r.errno(5, PID), "the child's copy is cleared");
        assertEquals(1, r.value(4, PID), "the thread reads the process's record");
        assertEquals(Errno.EAGAIN, r.errno(1, PID), "read once for the whole process");
    }

    /** The seeded bug hands the handler the sender's global PID. */
    @Test
    void theSeededBugHandsOverTheGlobalPid() {
        SpecRun r = SpecRun.container(new Semantics(nscheck.spec.variant.HandlerBugs.GLOBAL_PID, new Limits(6, 2, 10)));
        r.value(2, new HandlerCall.SetHandler(Signals.SIGUSR1));
        r.value(3, new Syscall.Kill(1, Signals.SIGUSR1));
        assertEquals(4, r.value(2, PID));
    }
}
