package nscheck.spec.rules;

import nscheck.spec.state.Credentials;
import nscheck.spec.call.Errno;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.SigInfo;
import nscheck.spec.call.Signals;
import nscheck.spec.state.Task;
import nscheck.spec.state.TaskContext;
import nscheck.spec.state.UserNamespace;

import java.util.List;

/**
 * Signals that carry a siginfo (kernel/signal.c): SIGUSR1 from kill(2) and sigqueue(3), SIGCHLD
 * from do_notify_parent, and sigwaitinfo to read them (P9, P10). A task that has blocked SIGUSR1
 * and SIGCHLD gets them queued (sig_ignored: a blocked signal is never ignored, so even a
 * namespace init receives it); otherwise SIGUSR1 terminates (SIG_DFL "Term", subject to P9) and
 * SIGCHLD is discarded (SIG_DFL "Ign").
 */
final class SignalRules {
    private SignalRules() {}

    static Outcome sigblock(Kernel k, int actor) {
        TaskContext c = k.objects().context(actor);
        return new Outcome(k.withObjects(k.objects().withContext(actor, c.withBlocked(true))), Observation.ZERO);
    }

    /** setpgid(0, 0) (ksys_setpgid): the group is named by the struct pid of the caller's group leader. */
    static Outcome setpgid(Kernel k, int actor) {
        Task t = k.task(actor);
        int leader = t.hasLeader() ? t.leader : actor;
        TaskContext c = k.objects().context(actor);
        return new Outcome(k.withObjects(k.objects().withContext(actor, c.withPgrp(PidRef.of(k, leader)))).collectNamespaces(), Observation.ZERO);
    }

    /**
     * prepare_kill_siginfo and send_signal_locked: si_uid is the sender's uid as its own user
     * namespace writes it (from_kuid_munged), and, when the target's user namespace differs, that
     * number read back in the sender's namespace (make_kuid) and mapped into the target's: an id
     * the sender's namespace does not map reaches the target as the overflow id (P10).
     */
    static int siUid(Semantics s, Kernel k, int sender, int target) {
        return carriedUid(s, k, sender, target, ownUid(s, k, sender));
    }

    /** prepare_kill_siginfo: the sender's uid as its own user namespace writes it. */
    static int ownUid(Semantics s, Kernel k, int sender) {
        Credentials from = k.objects().context(sender).cred();
        return s.variant.fromKernelId(k, from.userNs(), from.uid(), false);
    }

    /**
     * send_signal_locked's rewrite of info->si_uid for {@code target}, from the value the shared
     * siginfo holds: {@code value} unchanged when the target shares the sender's user namespace,
     * else read back in the sender's namespace and mapped into the target's. The rewrite is in
     * place, so a group send carries it on to every later target (see Semantics.sendToEach).
     */
    static int carriedUid(Semantics s, Kernel k, int sender, int target, int value) {
        KernelObjects o = k.objects();
        Credentials from = o.context(sender).cred();
        TaskContext tc = o.context(target);
        if (tc == null || from.userNs() == tc.cred().userNs()) return value;
        int kuid = o.userNs(from.userNs()).toKernel(value, false);
        return kuid == UserNamespace.INVALID ? UserNamespace.OVERFLOW_ID : s.variant.fromKernelId(k, tc.cred().userNs(), kuid, false);
    }

    /**
     * send_signal_locked for SIGUSR1 from {@code sender} to a living {@code target}: queued with
     * si_pid as the target will read it and si_uid mapped into the target's user namespace (P10).
     */
    static Outcome sendUsr1(Semantics s, Kernel k, int sender, int target) {
        return sendUsr1(s, k, sender, target, true, false, siUid(s, k, sender, target));
    }

    /**
     * As above; {@code shared} false for tgkill, which queues on the thread's private queue;
     * {@code zeroed} when an earlier target of the same group send already cleared si_pid;
     * {@code siUid} the value send_signal_locked left in the siginfo for this target.
     */
    static Outcome sendUsr1(Semantics s, Kernel k, int sender, int target, boolean shared, boolean zeroed, int siUid) {
        TaskContext tc = k.objects().context(target);
        if (!tc.blocksSignals()) {
            if (s.variant.dropsSignalToInit(k, sender, target, Signals.SIGUSR1)) return new Outcome(k, Observation.ZERO);
            Task u = k.task(target);
            Kernel next = u.pendingSignal != 0 ? k : k.withTask(target, u.withPendingSignal(Signals.SIGUSR1));
            return new Outcome(next, target == sender ? Observation.NO_RETURN : Observation.ZERO);
        }
        int senderUid = k.objects().context(sender).cred().uid();
        int group = k.task(sender).hasLeader() ? k.task(sender).leader : sender;
        SigInfo info = new SigInfo(Signals.SIGUSR1, zeroed ? 0 : s.variant.siginfoPid(k, sender, target), siUid,
                PidRef.of(k, group), senderUid, tc.cred().userNs(), shared);
        return new Outcome(k.withObjects(k.objects().withContext(target, tc.queued(info))), Observation.ZERO);
    }

    /** rt_sigqueueinfo(pid, SIGUSR1) with glibc's siginfo: a single process looked up in the caller's namespace (P11). */
    static Outcome sigqueue(Semantics s, Kernel k, int actor, int pid) {
        if (pid <= 0) return new Outcome(k, Observation.error(Errno.EINVAL));
        int target = s.variant.lookup(k, k.task(actor).activeNs(), pid);
        if (target < 0) return new Outcome(k, Observation.error(Errno.ESRCH));
        if (!k.task(target).alive()) return new Outcome(k, Observation.ZERO);
        return sendUsr1(s, k, actor, target);
    }

    /** sigwaitinfo: dequeues the lowest pending signal and returns its si_pid (or si_uid); blocks while none is queued. */
    static List<Outcome> sigwaitinfo(Kernel k, int actor, boolean uid) {
        TaskContext c = k.objects().context(actor);
        if (c.pending().isEmpty()) return List.of();
        SigInfo info = c.pending().get(0);
        Kernel next = k.withObjects(k.objects().withContext(actor, c.dequeued())).collectNamespaces();
        if (uid) return List.of(new Outcome(next, Observation.value(info.siUid())));
        int about = info.sender() == null ? Observation.NOBODY : info.sender().holder(k);
        return List.of(new Outcome(next, Observation.pid(info.siPid(), about < 0 ? Observation.NOBODY : about)));
    }

    /**
     * do_notify_parent when {@code child} has become a zombie: SIGCHLD with si_pid the child's
     * number in the parent's namespace (task_pid_nr_ns(tsk, task_active_pid_ns(tsk->parent))) and
     * si_uid its real uid mapped into the parent's user namespace.
     */
    static Kernel notifyParent(Semantics s, Kernel k, int child) {
        Task c = k.task(child);
        if (c == null || c.parent < 0) return k;
        Task p = k.task(c.parent);
        TaskContext pc = k.objects().context(c.parent);
        if (p == null || !p.alive() || pc == null || !pc.blocksSignals()) return k;
        int childUid = k.objects().context(child).cred().uid();
        SigInfo info = new SigInfo(Signals.SIGCHLD, s.variant.translate(k, child, p.activeNs()),
                s.variant.fromKernelId(k, pc.cred().userNs(), childUid, false), PidRef.of(k, child), childUid, pc.cred().userNs(), true);
        return k.withObjects(k.objects().withContext(c.parent, pc.queued(info)));
    }
}
