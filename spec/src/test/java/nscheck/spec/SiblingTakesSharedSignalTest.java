package nscheck.spec;

import nscheck.spec.call.HandlerCall;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process-directed signal queued at a thread that blocks it is taken by a thread of the same
 * process that does not (kernel/signal.c complete_signal: wants_signal, signal_wake_up; that
 * thread's get_signal dequeues signal->shared_pending), before the blocking thread's sigwaitinfo
 * (docs/semantics.md P23; found by `nscheck conform`).
 */
class SiblingTakesSharedSignalTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(8, 2, 16));

    private static final Syscall BLOCK = new Syscall.SigBlock();
    private static final Syscall SI_PID = new Syscall.Sigwaitinfo(false);

    /** T1 = 2 with its thread (slot 2, TID 3) and child (slot 3, PID 4), the child dead of SIGKILL; T1 blocks SIGCHLD, the thread as {@code threadBlocks} says. */
    private SpecRun childDiesUnder(boolean threadBlocks) {
        SpecRun r = new SpecRun(s);
        r.value(0, new Syscall.Clone(0));                        // T1 = 2
        assertEquals(3, r.pid(1, new Syscall.Clone(CLONE_THREAD)));
        assertEquals(4, r.pid(1, new Syscall.Clone(0)));
        r.value(1, BLOCK);
        if (threadBlocks) r.value(2, BLOCK);
        r.value(1, new Syscall.Kill(4, Signals.SIGKILL));
        r.call(3, new Syscall.SignalDelivery());
        return r;
    }

    /** The reproducer: the thread that does not block the default-ignored SIGCHLD takes and drops it. */
    @Test
    void aThreadThatDoesNotBlockSigchldDropsItBeforeTheLeadersSigwaitinfo() {
        SpecRun r = childDiesUnder(false);
        assertFalse(r.canCall(1, SI_PID), "taken and dropped by the thread: the leader's sigwaitinfo blocks");
        assertTrue(r.k.objects().context(1).pending().isEmpty());
    }

    /** With every thread blocking it, no thread takes it: it stays for the sigwaitinfo of any of them. */
    @Test
    void whenEveryThreadBlocksSigchldItWaitsForSigwaitinfo() {
        SpecRun r = childDiesUnder(true);
        assertEquals(4, r.value(1, SI_PID));
    }

    /** Unblocking in the thread lets its get_signal take the shared SIGCHLD queued at the leader (P22). */
    @Test
    void unblockingInTheThreadTakesTheSharedSignalQueuedAtTheLeader() {
        SpecRun r = childDiesUnder(true);
        r.value(2, new HandlerCall.Sigprocmask(HandlerCall.SIG_UNBLOCK, Signals.bit(Signals.SIGCHLD)));
        assertFalse(r.canCall(1, SI_PID), "dropped on the thread's way out of sigprocmask");
    }

    /** A fatal default (SIGUSR1, Term) the leader blocks ends the process through its thread (complete_signal: sig_fatal). */
    @Test
    void aFatalSignalTheLeaderBlocksKillsTheProcessThroughItsThread() {
        SpecRun r = new SpecRun(s);
        r.value(0, new Syscall.Clone(0));                        // T1 = 2
        r.value(1, new Syscall.Clone(CLONE_THREAD));
        r.value(1, BLOCK);
        r.value(0, new Syscall.Kill(2, Signals.SIGUSR1));
        assertEquals(Signals.SIGUSR1, r.k.task(1).pendingSignal);
        assertEquals(Signals.SIGUSR1, r.k.task(2).pendingSignal);
    }
}
