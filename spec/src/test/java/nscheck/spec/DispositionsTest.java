package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sigaction's SIG_IGN, SIG_DFL and SA_NOCLDWAIT (kernel/signal.c do_sigaction, do_notify_parent;
 * issue 19 item 2), as the research probe saw them on Linux 6.18.
 */
class DispositionsTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10));
    private static final Syscall FORK = new Syscall.Clone(0);
    private static final Syscall WAIT = new Syscall.Wait(-1);

    @Test
    void sigkillAndSigstopCannotBeChanged() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        assertEquals(Errno.EINVAL, r.errno(1, new ProcessCall.Sigaction(Signals.SIGKILL, true, false)));
        assertEquals(Errno.EINVAL, r.errno(1, new ProcessCall.Sigaction(Signals.SIGSTOP, true, false)));
    }

    /** SIGCHLD SIG_IGN: waitpid blocks while a child lives, a dead child is never a zombie, then ECHILD. */
    @Test
    void ignoredSigchldReapsChildrenAtExit() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(1, new ProcessCall.Sigaction(Signals.SIGCHLD, true, false));
        r.value(1, FORK);
        assertFalse(r.canCall(1, WAIT), "blocks while the child lives");
        r.call(2, new Syscall.Exit(0));
        assertNull(r.k.task(2), "autoreaped: no zombie");
        assertEquals(Errno.ECHILD, r.errno(1, WAIT));
    }

    /** SA_NOCLDWAIT with SIG_DFL still sends SIGCHLD (queued for a parent that blocks it), and reaps. */
    @Test
    void noCldWaitSendsSigchldAndReaps() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(1, new Syscall.SigBlock());
        r.value(1, new ProcessCall.Sigaction(Signals.SIGCHLD, false, true));
        int child = r.pid(1, FORK);
        r.call(2, new Syscall.Exit(0));
        assertEquals(Errno.ECHILD, r.errno(1, WAIT));
        assertEquals(child, r.value(1, new Syscall.Sigwaitinfo(false)));
        // SIG_IGN sends none.
        r.value(1, new ProcessCall.Sigaction(Signals.SIGCHLD, true, false));
        r.value(1, FORK);
        r.call(2, new Syscall.Exit(0));
        assertTrue(r.k.objects().context(1).pending().isEmpty());
    }

    /** An ignored SIGUSR1 is dropped unless blocked; SIG_IGN discards what is already queued. */
    @Test
    void ignoredSigusr1IsDroppedAndFlushed() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(1, new ProcessCall.Sigaction(Signals.SIGUSR1, true, false));
        r.value(0, new Syscall.Kill(2, Signals.SIGUSR1));
        assertEquals(0, r.k.task(1).pendingSignal, "dropped, not fatal");
        r.value(1, new Syscall.SigBlock());
        r.value(0, new Syscall.Kill(2, Signals.SIGUSR1));
        assertEquals(1, r.k.objects().context(1).pending().size(), "blocked signals are never ignored");
        r.value(1, new ProcessCall.Sigaction(Signals.SIGUSR1, true, false));
        assertTrue(r.k.objects().context(1).pending().isEmpty(), "flush_sigqueue_mask");
    }
}
