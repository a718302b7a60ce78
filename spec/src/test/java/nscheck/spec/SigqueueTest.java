package nscheck.spec;

import nscheck.spec.state.Kernel;
import nscheck.spec.call.Signals;
import nscheck.spec.state.TaskState;

import nscheck.spec.call.Errno;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import nscheck.spec.rules.Semantics;
import nscheck.spec.call.Syscall;

import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGUSR1 by sigqueue(3) and kill(2) (kernel/signal.c; P9, P10, P11): who receives it, whether it
 * is queued with a siginfo or kills, and what the receiver and sender see.
 */
class SigqueueTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10));
    private static final Syscall FORK = new Syscall.Clone(0);
    private static final Syscall BLOCK = new Syscall.SigBlock();
    private static final Syscall SI_PID = new Syscall.Sigwaitinfo(false);
    private static final Syscall SI_UID = new Syscall.Sigwaitinfo(true);

    @Test
    void p11_aPidBelowOneIsEinvalAndAnUnknownPidEsrch() {
        SpecRun r = SpecRun.container(s);
        assertEquals(Errno.EINVAL, r.errno(1, new Syscall.Sigqueue(0)));
        assertEquals(Errno.EINVAL, r.errno(1, new Syscall.Sigqueue(-1)));
        assertEquals(Errno.ESRCH, r.errno(1, new Syscall.Sigqueue(5)));
        // Looked up in the caller's namespace: 3 names T2 outside, nobody inside.
        assertEquals(Errno.ESRCH, r.errno(3, new Syscall.Sigqueue(3)));
        assertEquals(0, r.value(1, new Syscall.Sigqueue(3)));
    }

    @Test
    void p11_aQueuedSiginfoCarriesTheSendersNumberInTheReceiversNamespaceAndItsUid() {
        SpecRun r = SpecRun.container(s);
        r.value(3, BLOCK);
        r.value(2, new Syscall.Sigqueue(2));                 // the container init, 1 inside
        assertEquals(1, r.value(3, SI_PID));
        r.value(1, BLOCK);
        r.value(3, new Syscall.Sigqueue(1));                 // T3 to its namespace's init: not T1
        assertTrue(r.k.objects().context(1).pending().isEmpty(), "1 inside is T2, not T1");
        r.value(2, BLOCK);
        r.value(3, new Syscall.Sigqueue(1));
        assertEquals(2, r.value(2, SI_PID));
        r.value(0, BLOCK);
        r.value(1, new Syscall.Sigqueue(1));
        assertEquals(0, r.value(0, SI_UID), "root's uid 0 in init_user_ns");
        assertTrue(r.k.objects().context(0).pending().isEmpty());
    }

    /** Unblocked SIGUSR1 is fatal by default: the target's only step is to die. */
    @Test
    void p10_anUnblockedSigusr1Kills() {
        SpecRun r = SpecRun.container(s);
        assertEquals(0, r.value(1, new Syscall.Sigqueue(4)));
        assertTrue(r.k.task(3).pendingSignal != 0);
        assertFalse(r.canCall(3, new Syscall.GetPid()), "a task with a fatal signal pending makes no call");
        r.call(3, new Syscall.SignalDelivery());
        assertEquals(TaskState.ZOMBIE, r.k.task(3).state);
    }

    /** A task that sigqueues itself an unblocked SIGUSR1 never sees the call return. */
    @Test
    void p10_sigqueueToOneselfDoesNotReturn() {
        SpecRun r = SpecRun.container(s);
        r.call(1, new Syscall.Sigqueue(2));
        assertFalse(r.last.returns());
        assertTrue(r.k.task(1).pendingSignal != 0);
    }

    /** P9: the namespace's init ignores SIGUSR1 it has no handler for, from inside or from an ancestor. */
    @Test
    void p9_anInitDropsAnUnblockedSigusr1() {
        SpecRun r = SpecRun.container(s);
        assertEquals(0, r.value(3, new Syscall.Sigqueue(1)));
        assertEquals(0, r.value(1, new Syscall.Sigqueue(3)));
        assertEquals(0, r.k.task(2).pendingSignal);
        assertTrue(r.canCall(2, new Syscall.GetPid()));
    }

    /** A zombie is found by its number but nothing is queued on it: the call succeeds and changes nothing. */
    @Test
    void p11_aZombieTargetSucceedsAndIsLeftAsItIs() {
        SpecRun r = SpecRun.container(s);
        r.value(3, BLOCK);
        r.call(3, new Syscall.Exit(0));
        Kernel before = r.k;
        assertEquals(0, r.value(1, new Syscall.Sigqueue(4)));
        assertEquals(before, r.k);
    }

    /** SIGUSR1 to a task already dying of SIGKILL leaves it dying of SIGKILL (one fatal signal). */
    @Test
    void p10_aFatalSigusr1DoesNotReplaceAPendingSigkill() {
        SpecRun r = SpecRun.container(s);
        r.value(1, new Syscall.Kill(4, Signals.SIGKILL));
        Kernel dying = r.k;
        assertEquals(Signals.SIGKILL, dying.task(3).pendingSignal);
        r.value(0, new Syscall.Sigqueue(4));
        assertEquals(dying, r.k);
    }

    /** sigqueue signals the process: it queues on the shared queue, next to a tgkill'd one on the thread's own. */
    @Test
    void p10_sigqueueUsesTheSharedQueue() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                    // T1 = 2
        r.value(1, new Syscall.Clone(CLONE_THREAD));         // T2 = 3, thread of T1
        r.value(1, BLOCK);
        r.value(2, BLOCK);                                   // else T2 takes the shared one (complete_signal), and dies of it
        r.value(0, new Syscall.Tgkill(2, 2));
        r.value(0, new Syscall.Sigqueue(2));
        assertEquals(2, r.k.objects().context(1).pending().size(), "one private, one shared");
    }
}
