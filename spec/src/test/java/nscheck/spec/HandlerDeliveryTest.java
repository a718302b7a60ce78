package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.HandlerCall;
import nscheck.spec.call.Observation;
import nscheck.spec.call.SiCode;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kernel/signal.c rt_sigprocmask, get_signal and sigpending (P20-P23), and the probe's
 * SA_SIGINFO handler, which keeps up to eight records: the mask a handler frame runs under,
 * what each sigprocmask "how" does, and which queues sigpending reports.
 */
class HandlerDeliveryTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10));
    private static final Syscall FORK = new Syscall.Clone(0);
    private static final HandlerCall.Handled PID = new HandlerCall.Handled(HandlerCall.Field.SI_PID);
    private static final HandlerCall.Handled SIGNO = new HandlerCall.Handled(HandlerCall.Field.SI_SIGNO);

    private static HandlerCall.Sigprocmask mask(int how, int... sigs) {
        long set = 0;
        for (int sig : sigs) set |= Signals.bit(sig);
        return new HandlerCall.Sigprocmask(how, set);
    }

    /** rt_sigprocmask: a "how" other than SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK is EINVAL, and the mask stays. */
    @Test
    void anUnknownHowIsEinval() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        assertEquals(Errno.EINVAL, r.errno(1, new HandlerCall.Sigprocmask(3, Signals.bit(Signals.SIGUSR2))));
        r.value(0, new Syscall.Kill(2, Signals.SIGUSR2));
        assertEquals(Signals.SIGUSR2, r.k.task(1).pendingSignal, "SIGUSR2 was not blocked: its default kills");
    }

    /** SIG_UNBLOCK takes out only the signals named; the others stay blocked. */
    @Test
    void sigUnblockLeavesTheOtherSignalsBlocked() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        r.value(1, mask(HandlerCall.SIG_BLOCK, Signals.SIGUSR2));
        r.value(1, mask(HandlerCall.SIG_BLOCK, Signals.SIGTERM));          // adds to the mask: SIGUSR2 stays
        r.value(1, mask(HandlerCall.SIG_UNBLOCK, Signals.SIGTERM));
        r.value(0, new Syscall.Kill(2, Signals.SIGUSR2));
        assertEquals(0, r.k.task(1).pendingSignal);
        assertEquals(Signals.bit(Signals.SIGUSR2), r.value(1, new HandlerCall.Sigpending()));
    }

    /** sigdelsetmask(&newset, sigmask(SIGKILL) | sigmask(SIGSTOP)): neither can be blocked. */
    @Test
    void sigkillAndSigstopAreNeverBlocked() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        r.value(1, mask(HandlerCall.SIG_SETMASK, Signals.SIGKILL, Signals.SIGSTOP, Signals.SIGTERM));
        assertEquals(Signals.bit(Signals.SIGTERM), r.k.objects().context(1).blocked());
    }

    /** A handler frame adds its own signal to the mask (sa_mask); it unblocks nothing blocked before. */
    @Test
    void aHandlerRunsUnderTheMaskItInterrupted() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        r.value(1, mask(HandlerCall.SIG_BLOCK, Signals.SIGUSR2));
        r.value(0, new Syscall.Kill(2, Signals.SIGUSR2));        // queued: fatal once delivered
        r.value(1, new HandlerCall.SetHandler(Signals.SIGTERM));
        r.value(0, new Syscall.Kill(2, Signals.SIGTERM));
        assertEquals(Signals.SIGTERM, r.value(1, SIGNO), "the handler ran");
        assertEquals(0, r.k.task(1).pendingSignal, "the blocked SIGUSR2 stayed queued");
        assertEquals(Signals.bit(Signals.SIGUSR2), r.value(1, new HandlerCall.Sigpending()));
    }

    /** The probe's handler keeps eight records: a ninth signal before any is read back is lost. */
    @Test
    void theHandlerKeepsEightRecords() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        r.value(1, new HandlerCall.SetHandler(Signals.SIGTERM));
        for (int n = 0; n < 9; n++) r.value(0, new Syscall.Kill(2, Signals.SIGTERM));
        for (int n = 0; n < 8; n++) assertEquals(1, r.value(1, PID));
        assertEquals(Errno.EAGAIN, r.errno(1, PID));
    }

    /** sigpending reports the thread's own queue too (tgkill: PIDTYPE_PID), not only the process's. */
    @Test
    void sigpendingReportsAThreadDirectedSignal() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        r.value(1, new Syscall.SigBlock());
        r.value(0, new Syscall.Tgkill(2, 2));
        assertEquals(Signals.bit(Signals.SIGUSR1), r.value(1, new HandlerCall.Sigpending()));
    }

    /** A si_pid the sender wrote (rt_sigqueueinfo, P10b), 0 included, names nobody in particular. */
    @Test
    void aClaimedSiPidNamesNobodyEvenZero() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        r.value(1, new HandlerCall.SetHandler(Signals.SIGUSR1));
        r.value(0, new Syscall.RtSigqueueinfo(2, SiCode.SI_QUEUE, 0, 0));
        assertEquals(0, r.value(1, PID));
        assertEquals(Observation.NOBODY, r.last.about());
        r.value(0, new Syscall.Kill(2, Signals.SIGUSR1));
        assertEquals(1, r.value(1, PID));
        assertEquals(0, r.last.about(), "the kernel's si_pid names the sender");

        r.value(1, new Syscall.SigBlock());
        r.value(0, new Syscall.RtSigqueueinfo(2, SiCode.SI_QUEUE, 0, 0));
        assertEquals(0, r.value(1, new Syscall.Sigwaitinfo(false)));
        assertEquals(Observation.NOBODY, r.last.about());
        assertTrue(r.k.task(1).alive());
    }
}
