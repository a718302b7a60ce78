package nscheck.spec.rules;

import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.call.Signals;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.SigInfo;
import nscheck.spec.state.TaskContext;

import java.util.List;
import java.util.function.IntPredicate;

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

    /**
     * sigwaitinfo({SIGUSR1, SIGCHLD}): dequeues the lowest of them pending, the caller's own queue
     * before its process's shared one (SharedPending, P23), and returns its si_pid (or si_uid);
     * blocks while none is queued.
     */
    static List<Outcome> sigwaitinfo(Kernel k, int actor, boolean uid) {
        SharedPending.Taken t = SharedPending.next(k, actor, WAITABLE);
        if (t == null) return List.of();
        SigInfo info = t.info();
        Kernel next = SharedPending.dequeue(k, t).collectNamespaces();
        if (uid) return List.of(new Outcome(next, Observation.value(info.siUid())));
        // a si_pid the sender made up is about nobody in particular (P10b)
        int about = info.sender() == null || info.claimedPid() >= 0 ? Observation.NOBODY : info.sender().holder(k);
        return List.of(new Outcome(next, Observation.pid(info.siPid(), about)));
    }

    /** The set sigwaitinfo({SIGUSR1, SIGCHLD}) waits for: SIGIO stays queued for its own sigwaitinfo (A4). */
    private static final IntPredicate WAITABLE = sig -> sig == Signals.SIGUSR1 || sig == Signals.SIGCHLD;

    /** The siginfo sigwaitinfo({SIGUSR1, SIGCHLD}) by {@code actor} takes next, or null. */
    static SigInfo waitable(Kernel k, int actor) {
        return SharedPending.peek(k, actor, WAITABLE);
    }

    /** The set of sigprocmask(SIG_BLOCK, {SIGHUP, SIGCONT}) and sigwaitinfo({SIGHUP, SIGCONT}). */
    static final long JOB_SIGNALS = Signals.bit(Signals.SIGHUP) | Signals.bit(Signals.SIGCONT);

    /**
     * sigprocmask(SIG_BLOCK, {SIGHUP, SIGCONT}) (J5): adds them to this thread's one signal mask,
     * the same task->blocked HandlerRules.sigprocmask sets and kill(2) reads (P20, P22). Blocking
     * unblocks nothing, so nothing is delivered on return.
     */
    static Outcome blockJobSignals(Kernel k, int actor) {
        TaskContext c = k.objects().context(actor);
        return Outcome.zero(k.withObjects(k.objects().withContext(actor, c.withBlocked(c.blocked() | JOB_SIGNALS))));
    }

    /**
     * sigwaitinfo({SIGHUP, SIGCONT}) (J5): dequeues the lower of them pending, the caller's own
     * queue before its process's shared one, from any thread (SharedPending, P23), and returns its
     * si_pid; blocks while none is queued.
     */
    static List<Outcome> sigwaitJobSignals(Kernel k, int actor) {
        SharedPending.Taken t = SharedPending.next(k, actor, SigwaitRules::isJobSignal);
        if (t == null) return List.of();
        SigInfo info = t.info();
        Kernel next = SharedPending.dequeue(k, t).collectNamespaces();
        int about = info.sender() == null ? Observation.NOBODY : info.sender().holder(k);
        return List.of(new Outcome(next, Observation.pid(info.siPid(), about)));
    }

    private static boolean isJobSignal(int sig) {
        return sig == Signals.SIGHUP || sig == Signals.SIGCONT;
    }

    /** The SIGHUP or SIGCONT sigwaitinfo({SIGHUP, SIGCONT}) by {@code actor} takes next, or null. */
    static SigInfo jobSignal(Kernel k, int actor) {
        return SharedPending.peek(k, actor, SigwaitRules::isJobSignal);
    }
}
