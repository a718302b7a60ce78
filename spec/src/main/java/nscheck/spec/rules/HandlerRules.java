package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.HandlerCall;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.call.Signals;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.SigActions;
import nscheck.spec.state.SigInfo;
import nscheck.spec.state.Task;
import nscheck.spec.state.TaskContext;
import nscheck.spec.variant.Variant;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * kernel/signal.c with handlers and masks (P20-P23 in docs/semantics.md): what a signal does to a
 * living task once generated (__send_signal_locked, complete_signal), sigprocmask and the delivery
 * of what it unblocks (get_signal), sigpending, and the SA_SIGINFO handler's observable effect.
 * The handler is the probe's: it records the siginfo it receives, and {@link HandlerCall.Handled}
 * reads the records back, oldest first.
 */
final class HandlerRules {
    private HandlerRules() {}

    /** The probe's handler keeps this many records; later ones are lost until some are read back. */
    static final int MAX_HANDLED = 8;

    /**
     * A catchable signal with its siginfo reaching a living {@code target} (prepare_signal,
     * __send_signal_locked, complete_signal), P20: a blocked signal queues whatever its
     * disposition (sig_ignored never ignores a blocked one); else a handler runs with the siginfo;
     * else SIG_IGN, a default of "ignore", and an unkillable namespace init's SIG_DFL
     * (sig_task_ignored: SIGNAL_UNKILLABLE and handler == SIG_DFL, P9) drop it; else its default
     * action takes down the whole thread group (complete_signal: SIGNAL_GROUP_EXIT).
     */
    static Outcome send(Variant v, Kernel k, int sender, int target, SigInfo info) {
        TaskContext tc = k.objects().context(target);
        int sig = info.sig();
        SigActions a = tc.actions();
        // a handled signal queues too: the handler runs when the target next returns to user space (afterStep)
        if (tc.blocks(sig) || a.handles(sig)) return Outcome.zero(k.withObjects(k.objects().withContext(target, tc.queued(info))));
        if (a.ignores(sig) || Signals.ignoredByDefault(sig) || v.dropsSignalToInit(k, sender, target, sig)) return Outcome.zero(k);
        return groupExit(k, sender, target, sig);
    }

    /**
     * What the tasks the step signalled do when they next return to user space, before any other
     * step (they were idle, as the probe's actors are): each runs get_signal for what it has
     * pending and does not block ({@link #deliverPending}). Queued first, a standard signal sent
     * twice in one step is queued once (legacy_queue): an exit that reparents a zombie to a
     * parent with a SIGCHLD handler sends two SIGCHLDs, and the handler runs once. A
     * process-directed signal queued at a thread that blocks it is taken by another thread of the
     * process that does not (complete_signal: wants_signal picks it and signal_wake_up wakes it;
     * its get_signal dequeues from signal->shared_pending), handler or not: a default-ignored
     * SIGCHLD is then dropped and no sigwaitinfo of the blocking thread sees it (found by
     * `nscheck conform`). The thread a signal was queued at takes it first (complete_signal tries
     * the suggested task first), then the others, each pass in creation order, oldest first.
     */
    static List<Outcome> afterStep(Variant v, List<Outcome> outs) {
        List<Outcome> out = null;
        for (int n = 0; n < outs.size(); n++) {
            Outcome o = outs.get(n);
            Kernel k = o.next();
            // With nothing queued anywhere the pass changes nothing: skip the creation-order walk.
            if (!k.objects().anyQueued() || !anyMayTake(k)) continue;
            // oldest first, not by slot (a label: TaskSymmetry); the threads signals were queued at, then any thread
            for (int i : k.slotsByCreation()) if (mayTake(k, i, true)) k = deliverPending(v, k, i).next();
            for (int i : k.slotsByCreation()) if (mayTake(k, i, false)) k = deliverPending(v, k, i).next();
            if (k == o.next()) continue;
            if (out == null) out = new ArrayList<>(outs);
            out.set(n, new Outcome(k, o.observation()));
        }
        return out == null ? outs : out;
    }

    /**
     * A living task, neither stopped (get_signal: do_signal_stop; wants_signal) nor dying, with a
     * catchable signal its mask lets through in its own queue or its process's shared one (kept
     * at whichever thread it was queued at: SharedPending), which get_signal would dequeue;
     * {@code ownOnly}: only what is kept at this very thread.
     */
    private static boolean mayTake(Kernel k, int i, boolean ownOnly) {
        Task t = k.task(i);
        TaskContext c = k.objects().context(i);
        if (t == null || !t.alive() || t.pendingSignal != 0 || t.stopped() || c == null) return false;
        int group = k.groupLeader(i);
        for (int j = 0; j < k.taskSlots(); j++) {
            TaskContext o = k.objects().context(j);
            if (o == null || o.pending().isEmpty() || (j != i && (ownOnly || k.task(j) == null || k.groupLeader(j) != group))) continue;
            for (SigInfo s : o.pending())
                if ((j == i || s.shared()) && !c.blocks(s.sig()) && Signals.CATCHABLE.contains(s.sig())) return true;
        }
        return false;
    }

    private static boolean anyMayTake(Kernel k) {
        for (int i = 0; i < k.taskSlots(); i++) if (mayTake(k, i, false)) return true;
        return false;
    }

    /** complete_signal for a fatal signal: every living thread of the group gets SIGKILL (SIGNAL_GROUP_EXIT), each dying at a later step. */
    static Outcome groupExit(Kernel k, int sender, int target, int sig) {
        List<Integer> members = k.groupMembers(k.groupLeader(target));
        Kernel next = k;
        for (int i : members) {
            Task u = next.task(i);
            if (u.alive() && u.pendingSignal == 0) next = next.withTask(i, u.withPendingSignal(sig));
        }
        // A task that kills its own group never sees the return value.
        return new Outcome(next, members.contains(sender) ? Observation.NO_RETURN : Observation.ZERO);
    }

    /**
     * The handler runs with {@code info} and records it, si_pid as the variant hands it over (P21).
     * The records are process memory: every thread of the group holds the same copy.
     */
    static Kernel run(Variant v, Kernel k, int task, SigInfo info) {
        TaskContext tc = k.objects().context(task);
        if (tc.handled().size() >= MAX_HANDLED) return k;
        SigInfo seen = new SigInfo(info.sig(), v.handlerSiPid(k, info), info.siUid(), info.sender(), info.senderKuid(), info.readerUserNs(),
                info.shared(), info.code(), info.claimedPid());
        List<SigInfo> log = new ArrayList<>(tc.handled());
        log.add(seen);
        return withRecords(k, task, log);
    }

    /** The group's records, in every living thread's copy. */
    private static Kernel withRecords(Kernel k, int task, List<SigInfo> log) {
        KernelObjects o = k.objects();
        for (int i : k.groupMembers(k.groupLeader(task))) {
            TaskContext c = o.context(i);
            if (c != null && k.task(i).alive()) o = o.withContext(i, c.withHandled(log));
        }
        return k.withObjects(o);
    }

    /**
     * rt_sigprocmask(how, set) (P22): SIG_BLOCK, SIG_UNBLOCK or SIG_SETMASK (else EINVAL), SIGKILL
     * and SIGSTOP silently left out (sigdelsetmask). What the new mask unblocks is delivered before
     * the call returns to user space ({@link #deliverPending}).
     */
    static Outcome sigprocmask(Variant v, Kernel k, int actor, int how, long set) {
        if (how != HandlerCall.SIG_BLOCK && how != HandlerCall.SIG_UNBLOCK && how != HandlerCall.SIG_SETMASK) return Outcome.error(k, Errno.EINVAL);
        long s = set & ~(Signals.bit(Signals.SIGKILL) | Signals.bit(Signals.SIGSTOP));
        TaskContext tc = k.objects().context(actor);
        long old = tc.blocked();
        long mask = how == HandlerCall.SIG_BLOCK ? old | s : how == HandlerCall.SIG_UNBLOCK ? old & ~s : s;
        return deliverPending(v, k.withObjects(k.objects().withContext(actor, tc.withBlocked(mask))), actor);
    }

    /**
     * exit_to_user_mode -> get_signal, repeated while a signal is pending that the mask lets
     * through (P22): each is dequeued (the thread's own queue first, then its process's shared one,
     * lowest number first in each);
     * SIG_IGN and a default of "ignore" discard it, and so does an unkillable namespace init for
     * any SIG_DFL signal but SIGKILL and SIGSTOP, whoever sent it (get_signal: SIGNAL_UNKILLABLE
     * && !sig_kernel_only); a fatal default ends the thread group on the spot; a handler gets a
     * frame, with its own signal blocked while it runs. Frames nest, so the handler set up last
     * runs first; its sigreturn restores the mask and delivers again.
     */
    static Outcome deliverPending(Variant v, Kernel k, int actor) {
        Kernel[] cur = {k};
        boolean dead = deliver(v, cur, actor, k.objects().context(actor).blocked());
        return dead ? groupExit(cur[0], actor, actor, cur[0].task(actor).pendingSignal) : Outcome.zero(cur[0]);
    }

    private record Frame(SigInfo info, long savedMask) {}

    /** One pass of the exit-to-user loop under {@code mask}; true once a fatal signal has set the group's exit (the task's pendingSignal). */
    private static boolean deliver(Variant v, Kernel[] cur, int actor, long mask) {
        Deque<Frame> frames = new ArrayDeque<>();
        for (;;) {
            TaskContext c = cur[0].objects().context(actor);
            final long m = mask;
            // dequeue_signal: the thread's own queue, then the process's shared one, wherever a thread keeps it
            SharedPending.Taken taken = SharedPending.next(cur[0], actor, sig -> Signals.CATCHABLE.contains(sig) && (m & Signals.bit(sig)) == 0);
            if (taken == null) break;
            SigInfo next = taken.info();
            cur[0] = SharedPending.dequeue(cur[0], taken);
            SigActions a = c.actions();
            int sig = next.sig();
            if (a.handles(sig)) {
                frames.push(new Frame(next, mask));
                mask |= Signals.bit(sig);
            } else if (a.ignores(sig) || Signals.ignoredByDefault(sig) || cur[0].groupIsChildReaper(actor)) {
                continue;
            } else {
                // do_group_exit(sig): the frames already set up never run.
                cur[0] = cur[0].withTask(actor, cur[0].task(actor).withPendingSignal(sig));
                return true;
            }
        }
        while (!frames.isEmpty()) {
            Frame f = frames.pop();
            cur[0] = run(v, cur[0], actor, f.info());
            // sigreturn restores the saved mask and delivers again. No fatal signal can be among
            // what that lets through: the first pass took every one the mask let through, and a
            // frame only added its own signal, a handled one.
            deliver(v, cur, actor, f.savedMask());
        }
        return false;
    }

    /** sigpending(2): the signals pending for the caller, its own queue and its process's shared one (P23), as a sigset. */
    static Outcome sigpending(Kernel k, int actor) {
        long set = 0;
        KernelObjects o = k.objects();
        for (SigInfo s : o.context(actor).pending()) if (!s.shared()) set |= Signals.bit(s.sig());
        for (int i : k.groupMembers(k.groupLeader(actor))) {
            TaskContext c = o.context(i);
            if (c != null) for (SigInfo s : c.pending()) if (s.shared()) set |= Signals.bit(s.sig());
        }
        return new Outcome(k, Observation.value(set));
    }

    /** Reads back the oldest record the handler wrote (P21): one field of it; EAGAIN when there is none. */
    static Outcome handled(Kernel k, int actor, HandlerCall.Field field) {
        TaskContext c = k.objects().context(actor);
        if (c.handled().isEmpty()) return Outcome.error(k, Errno.EAGAIN);
        SigInfo info = c.handled().get(0);
        Kernel next = withRecords(k, actor, c.handled().subList(1, c.handled().size()));
        return switch (field) {
            case SI_SIGNO -> new Outcome(next, Observation.value(info.sig()));
            case SI_UID -> new Outcome(next, Observation.value(info.siUid()));
            case SI_PID -> {
                // a si_pid the sender made up is about nobody in particular (P10b)
                int about = info.sender() == null || info.claimedPid() >= 0 ? Observation.NOBODY : info.sender().holder(k);
                yield new Outcome(next, Observation.pid(info.siPid(), about));
            }
        };
    }

    /** The siginfo {@link HandlerCall.Handled} reads next, or null. */
    static SigInfo nextHandled(TaskContext c) {
        return c == null || c.handled().isEmpty() ? null : c.handled().get(0);
    }
}
