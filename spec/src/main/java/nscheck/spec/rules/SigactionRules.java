package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Outcome;
import nscheck.spec.call.Signals;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.TaskContext;

/**
 * kernel/signal.c, do_sigaction: the dispositions a process sets (P19, P20). Apart from
 * {@link SignalRules} only for the spec layout's file size; delivery reads them there and in
 * {@link HandlerRules} (send, doNotifyParent).
 */
final class SigactionRules {
    private SigactionRules() {}

    /**
     * sigaction (do_sigaction): SIGKILL, SIGSTOP and numbers outside 1.._NSIG are EINVAL. The
     * disposition is the process's (every thread's copy changes): SIG_IGN ({@code ignore}), the
     * probe's SA_SIGINFO handler ({@code handler}) or SIG_DFL. SIG_IGN, and SIG_DFL for a signal
     * whose default is to ignore (SIGCHLD), discard what is pending of the signal
     * (flush_sigqueue_mask, on every thread); installing a handler discards nothing.
     */
    static Outcome sigaction(Kernel k, int actor, int sig, boolean ignore, boolean noCldWait, boolean handler) {
        if (sig < 1 || sig > Signals.NSIG || Signals.kernelOnly(sig)) return Outcome.error(k, Errno.EINVAL);
        if (!Signals.CATCHABLE.contains(sig)) throw new IllegalArgumentException("the spec tracks the dispositions of " + Signals.CATCHABLE + " only: " + Signals.name(sig));
        KernelObjects o = k.objects();
        boolean flush = !handler && (ignore || Signals.ignoredByDefault(sig));
        for (int i : k.groupMembers(k.groupLeader(actor))) {
            TaskContext c = o.context(i);
            if (c == null) continue;
            o = o.withContext(i, c.withActions(c.actions().with(sig, ignore, handler, noCldWait), flush ? sig : 0));
        }
        return Outcome.zero(k.withObjects(o).collectNamespaces());
    }
}
