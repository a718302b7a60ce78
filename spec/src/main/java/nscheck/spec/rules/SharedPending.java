package nscheck.spec.rules;

import nscheck.spec.state.Kernel;
import nscheck.spec.state.SigInfo;
import nscheck.spec.state.TaskContext;

import java.util.function.IntPredicate;

/**
 * dequeue_signal as any thread of a process runs it (kernel/signal.c, P23): the thread's private
 * queue (tsk->pending) first, then the process's shared one (signal->shared_pending), each lowest
 * number first. The spec keeps a process-directed siginfo (shared) on the context of the thread
 * it was queued at (the leader, or the thread a SIGCHLD's parent is), so the shared queue is the
 * shared entries of every thread of the group: a non-leader's sigwaitinfo takes a kill'd signal.
 */
final class SharedPending {
    private SharedPending() {}

    /** The siginfo {@code actor}'s dequeue takes next among the signals {@code inSet} holds, and the slot whose context keeps it. */
    record Taken(int holder, SigInfo info) {}

    /** The next siginfo for {@code actor} in {@code inSet}, or null (then sigwaitinfo blocks). */
    static Taken next(Kernel k, int actor, IntPredicate inSet) {
        TaskContext own = k.objects().context(actor);
        if (own != null) for (SigInfo s : own.pending()) if (!s.shared() && inSet.test(s.sig())) return new Taken(actor, s);
        Taken best = null;
        // the caller's own copy first, so a lone thread reads its queue as it always did
        if (own != null) for (SigInfo s : own.pending()) if (s.shared() && inSet.test(s.sig())) { best = new Taken(actor, s); break; }
        for (int i : k.groupMembers(k.groupLeader(actor))) {
            TaskContext c = i == actor ? null : k.objects().context(i);
            if (c == null) continue;
            for (SigInfo s : c.pending()) {
                if (s.shared() && inSet.test(s.sig()) && (best == null || s.sig() < best.info().sig())) { best = new Taken(i, s); break; }
            }
        }
        return best;
    }

    /** The siginfo {@code actor} reads next, or null. */
    static SigInfo peek(Kernel k, int actor, IntPredicate inSet) {
        Taken t = next(k, actor, inSet);
        return t == null ? null : t.info();
    }

    /** The kernel without {@code t}'s siginfo in its holder's queue. */
    static Kernel dequeue(Kernel k, Taken t) {
        TaskContext c = k.objects().context(t.holder());
        return k.withObjects(k.objects().withContext(t.holder(), c.dequeued(t.info())));
    }
}
