package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.Credentials;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.Kthreads;
import nscheck.spec.variant.Variant;

/**
 * kernel/kthread.c and kernel/signal.c: what a signal from a task does to a kernel thread of
 * init_pid_ns (KT2 in docs/semantics.md). The other calls that can name one (waitpid, a PI futex
 * owner, setns) keep their rule in their own kernel file; this one is shared by kill, kill(-1),
 * sigqueue and tgkill (SignalRules).
 */
final class KthreadRules {
    private KthreadRules() {}

    /**
     * A signal a task sends to the kernel thread at {@code nr}: check_kill_permission against
     * init_cred first (kill_ok_by_cred: kuid 0, or CAP_KILL in init_user_ns; K3), then
     * sig_task_ignored drops it, SIGKILL included: kthreadd's ignore_signals left every handler
     * SIG_IGN, inherited by the threads it spawns, and one that allow_signal()s has
     * SIG_KTHREAD_KERNEL, which drops a signal not forced (kernel/signal.c). 0, and nothing changes.
     * send_signal_locked rewrites a shared siginfo's si_uid for it (init_user_ns) before the drop;
     * only a sender of kuid 0 gets that far, whose number reads 0 everywhere the spec maps it.
     */
    static Outcome signal(Variant v, Kernel k, int actor, int nr, int sig) {
        KernelObjects o = k.objects();
        if (!CapabilityRules.killOk(o, o.context(actor).cred(), Credentials.ROOT)) return Outcome.error(k, Errno.EPERM);
        if (sig != 0 && v.kthreadTakesSignal(sig)) return Outcome.zero(k.withKthreads(k.kthreads().died(nr)));
        return Outcome.zero(k);
    }

    /** kill_something_info's walk: the living kernel threads a caller in init_pid_ns meets (each numbered above 1). */
    static int walked(Kernel k, int actor) {
        if (k.task(actor).activeNs() != Kernel.ROOT_NS) return 0;
        int n = 0;
        for (int nr = Kthreads.KTHREADD; nr <= k.kthreads().last(); nr++) if (k.kthreads().holds(nr)) n++;
        return n;
    }

    /** kill(-1) reaches them before every task the model made (they were created first); a refused one is skipped. */
    static Kernel signalEach(Variant v, Kernel k, int actor, int sig) {
        if (k.task(actor).activeNs() != Kernel.ROOT_NS) return k;
        Kernel cur = k;
        for (int nr = Kthreads.KTHREADD; nr <= k.kthreads().last(); nr++)
            if (cur.kthreads().holds(nr)) cur = signal(v, cur, actor, nr, sig).next();
        return cur;
    }
}
