package nscheck.spec.rules;

import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.call.Signals;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.SigInfo;
import nscheck.spec.state.TaskContext;

import java.util.List;

/**
 * kernel/signal.c, the receiving side: sigprocmask and sigwaitinfo (sys_rt_sigprocmask,
 * do_sigtimedwait). A blocked signal is never ignored (sig_ignored), so it queues, even for a
 * namespace init, until sigwaitinfo takes it with the si_pid and si_uid it was queued with (P10).
 */
final class SigwaitRules {
    private SigwaitRules() {}

    /** sigprocmask(SIG_BLOCK, {SIGUSR1, SIGCHLD}): they queue for sigwaitinfo from now on. */
    static Outcome sigprocmask(Kernel k, int actor) {
        TaskContext c = k.objects().context(actor);
        return Outcome.zero(k.withObjects(k.objects().withContext(actor, c.withBlocked(c.blocked() | TaskContext.SIGBLOCK_SET))));
    }

    /** sigwaitinfo({SIGUSR1, SIGCHLD}): dequeues the lowest of them pending and returns its si_pid (or si_uid); blocks while none is queued. */
    static List<Outcome> sigwaitinfo(Kernel k, int actor, boolean uid) {
        TaskContext c = k.objects().context(actor);
        SigInfo info = waitable(c);
        if (info == null) return List.of();
        Kernel next = k.withObjects(k.objects().withContext(actor, c.dequeued(info))).collectNamespaces();
        if (uid) return List.of(new Outcome(next, Observation.value(info.siUid())));
        // a si_pid the sender made up is about nobody in particular (P10b)
        int about = info.sender() == null || info.claimedPid() >= 0 ? Observation.NOBODY : info.sender().holder(k);
        return List.of(new Outcome(next, Observation.pid(info.siPid(), about < 0 ? Observation.NOBODY : about)));
    }

    /** The siginfo sigwaitinfo({SIGUSR1, SIGCHLD}) takes next: SIGIO stays queued for its own sigwaitinfo (A4). */
    static SigInfo waitable(TaskContext c) {
        return c.firstPending(sig -> sig == Signals.SIGUSR1 || sig == Signals.SIGCHLD);
    }
}
