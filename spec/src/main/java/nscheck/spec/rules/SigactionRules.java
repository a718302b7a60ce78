package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Outcome;
import nscheck.spec.call.Signals;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.SigActions;
import nscheck.spec.state.TaskContext;

/**
 * kernel/signal.c, do_sigaction: the dispositions a process sets (P19). Apart from
 * {@link SignalRules} only for the spec layout's file size; delivery reads them there
 * (sendUsr1, doNotifyParent).
 */
final class SigactionRules {
    private SigactionRules() {}

    /**
     * sigaction (do_sigaction): SIGKILL, SIGSTOP and numbers outside 1.._NSIG are EINVAL. The
     * disposition is the process's (every thread's copy changes); SIG_IGN, and SIG_DFL for
     * SIGCHLD (whose default is to ignore), discard what is pending of the signal.
     */
    static Outcome sigaction(Kernel k, int actor, int sig, boolean ignore, boolean noCldWait) {
        if (sig < 1 || sig > Signals.NSIG || sig == Signals.SIGKILL || sig == Signals.SIGSTOP) return Outcome.error(k, Errno.EINVAL);
        if (sig != Signals.SIGUSR1 && sig != Signals.SIGCHLD) throw new IllegalArgumentException("the spec tracks SIGUSR1's and SIGCHLD's dispositions only: " + Signals.name(sig));
        KernelObjects o = k.objects();
        for (int i : k.groupMembers(k.groupLeader(actor))) {
            TaskContext c = o.context(i);
            if (c == null) continue;
            var a = c.actions();
            var next = sig == Signals.SIGUSR1 ? new SigActions(ignore, a.chldIgnored(), a.noCldWait())
                    : new SigActions(a.usr1Ignored(), ignore, noCldWait);
            boolean flush = ignore || sig == Signals.SIGCHLD;
            o = o.withContext(i, c.withActions(next, flush ? sig : 0));
        }
        return Outcome.zero(k.withObjects(o).collectNamespaces());
    }
}
