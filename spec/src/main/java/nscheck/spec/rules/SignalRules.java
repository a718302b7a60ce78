package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.call.Signals;
import nscheck.spec.state.Credentials;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.OpenFile;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.SigInfo;
import nscheck.spec.state.Task;
import nscheck.spec.state.TaskContext;
import nscheck.spec.state.UserNamespace;
import nscheck.spec.variant.Variant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * kernel/signal.c: kill, tgkill, sigqueue, the delivery of a fatal
 * signal and SIGCHLD from do_notify_parent, with the siginfo's si_pid and si_uid (P9, P10, P11).
 * A task that has blocked SIGUSR1 and SIGCHLD gets them queued (sig_ignored: a blocked signal is
 * never ignored, so even a namespace init receives it); otherwise SIGUSR1 terminates (SIG_DFL
 * "Term", subject to P9) and SIGCHLD is discarded (SIG_DFL "Ign").
 */
final class SignalRules {
    private SignalRules() {}

    /** kill(2): one process, every process the caller may signal (-1), or a process group (0, below -1). */
    static Outcome kill(Variant v, Kernel k, int actor, int pid, int sig) {
        Task t = k.task(actor);
        if (pid > 0) {
            // kill(2) signals the thread group of whichever task the number names, a thread's TID included.
            int target = v.lookup(k, t.activeNs(), pid);
            if (target < 0) return k.kthreads().at(t.activeNs(), pid) ? KthreadRules.signal(v, k, actor, pid, sig) : Outcome.error(k, Errno.ESRCH);
            if (!mayKill(k, actor, target) && !JobControlRules.contInSession(k, actor, target, sig)) return Outcome.error(k, Errno.EPERM);
            return deliver(v, k, actor, target, sig);
        }
        if (pid == -1) {
            // kill_something_info: for_each_process, so once per thread group (its leader), every one
            // numbered above 1 in the caller's namespace except the caller's own group (P11), in
            // the order of init_task.tasks: oldest first (copy_process: list_add_tail_rcu). A target the
            // caller may not signal is skipped and still counts: 0 unless there was none at all (K3).
            List<Integer> targets = new ArrayList<>();
            int own = k.groupLeader(actor);
            for (int i : k.slotsByCreation()) { // already in that order: no boxed sort
                Task u = k.task(i);
                if (u.hasLeader() || i == own || v.translate(k, i, t.activeNs()) <= 1) continue;
                targets.add(i);
            }
            return targets.isEmpty() && KthreadRules.walked(k, actor) == 0 ? Outcome.error(k, Errno.ESRCH) : Outcome.zero(sendToEach(v, KthreadRules.signalEach(v, k, actor, sig), actor, targets, sig));
        }
        // __kill_pgrp_info: every process of the group (pid 0: the caller's own, task_pgrp; else
        // find_vpid(-pid) in the caller's namespace), wherever their namespaces are; ESRCH if none.
        PidRef group = pid == 0 ? k.objects().context(actor).pgrp() : groupNamed(v, k, t.activeNs(), -pid);
        if (group == null) return Outcome.error(k, Errno.ESRCH);
        // do_each_pid_task(pgrp, PIDTYPE_PGID): attach_pid puts each joiner at the head of the
        // group's list, so the newest member first. A member joins when it forks from one, or
        // founds the group with setpgid, before any later member: newest joined = newest created.
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < k.taskSlots(); i++) {
            Task u = k.task(i);
            if (u == null || u.hasLeader() || !group.equals(k.objects().context(i).pgrp())) continue;
            targets.add(i);
        }
        if (targets.isEmpty()) return Outcome.error(k, Errno.ESRCH);
        // __kill_pgrp_info: 0 if any member took the signal, else the last error, EPERM (K3).
        boolean any = false;
        for (int i : targets) any |= mayKill(k, actor, i) || JobControlRules.contInSession(k, actor, i, sig);
        if (!any) return Outcome.error(k, Errno.EPERM);
        targets.sort(Comparator.comparingInt((Integer i) -> k.creationOrder(i)).reversed());
        Kernel cur = sendToEach(v, k, actor, targets, sig);
        // A caller that signalled its own group fatally never sees the return value.
        return new Outcome(cur, cur.task(actor).pendingSignal != 0 ? Observation.NO_RETURN : Observation.ZERO);
    }

    /**
     * A signal to several processes, in the kernel's order. They share one kernel_siginfo, and
     * send_signal_locked writes into it: once a target's namespace cannot see the sender it sets
     * info->si_pid = 0, and every later target gets 0 too, whether that first target queued the
     * signal or dropped it (an init's SIG_DFL), zombie or not (found by `nscheck conform`:
     * kill(0) by a task whose group holds the init of a child namespace made after it). si_uid
     * likewise: each target outside the sender's user namespace rewrites it in place (mapped
     * through the sender's namespace into the target's), and later targets start from that value,
     * so after a target whose namespace does not map the sender every later one reads the
     * overflow uid (found by `nscheck conform`: kill(-1) from init_user_ns reaching a task in an
     * unmapped user namespace before another in init_user_ns).
     */
    private static Kernel sendToEach(Variant v, Kernel k, int actor, List<Integer> targets, int sig) {
        Kernel cur = k;
        boolean zeroed = false;
        int uid = ownUid(v, k, actor);
        for (int i : targets) {
            // check_kill_permission refuses before send_signal_locked touches the shared siginfo.
            if (!mayKill(cur, actor, i) && !JobControlRules.contInSession(cur, actor, i, sig)) continue;
            Task u = cur.task(i);
            // This target's own si_pid is the variant's rule (0 here in mainline); the clearing carries to the next.
            boolean clears = !cur.task(actor).hasNumberIn(u.activeNs());
            int targetUid = carriedUid(v, cur, actor, i, uid);
            // SIGUSR1 and the other catchable signals: masks, handlers, dispositions (HandlerRules), with the carried siginfo
            if (u.alive() && Signals.CATCHABLE.contains(sig))
                cur = HandlerRules.send(v, cur, actor, i, siginfo(cur, sig, actor, i, true, zeroed ? 0 : v.siginfoPid(cur, actor, i), targetUid,
                        -1, cur.objects().context(actor).cred().uid())).next();
            else cur = deliver(v, cur, actor, i, sig).next();
            zeroed |= clears;
            uid = targetUid;
        }
        return cur;
    }

    /** find_vpid(nr) for a process group: the struct pid numbered {@code nr} in {@code ns}, a task's or a group's. */
    private static PidRef groupNamed(Variant v, Kernel k, int ns, int nr) {
        int holder = v.lookup(k, ns, nr);
        return holder >= 0 ? PidRef.of(k, holder) : k.objects().groupNumbered(ns, nr);
    }

    /**
     * tgkill (do_tkill): the thread numbered {@code tid} in the caller's namespace, if its TGID
     * there is {@code tgid}; else ESRCH. Ids below 1: EINVAL. The siginfo is the kill() one (SI_TKILL).
     */
    static Outcome tgkill(Variant v, Kernel k, int actor, int tgid, int tid) {
        if (tgid <= 0 || tid <= 0) return Outcome.error(k, Errno.EINVAL);
        int ns = k.task(actor).activeNs();
        int target = v.lookup(k, ns, tid);
        if (target < 0) return k.kthreads().at(ns, tid) && tgid == tid ? KthreadRules.signal(v, k, actor, tid, Signals.SIGUSR1) : Outcome.error(k, Errno.ESRCH);
        Task u = k.task(target);
        if (v.translate(k, u.hasLeader() ? u.leader : target, ns) != tgid) return Outcome.error(k, Errno.ESRCH);
        if (!mayKill(k, actor, target)) return Outcome.error(k, Errno.EPERM);
        // do_send_specific -> PIDTYPE_PID: the thread's private queue, not the process's shared one.
        if (u.alive()) return sendUsr1(v, k, actor, target, false, false, siUid(v, k, actor, target));
        return deliver(v, k, actor, target, Signals.SIGUSR1);
    }

    /** pidfd_send_signal(fd, sig, NULL, flags) (D2): EINVAL, EBADF, EINVAL (access_pidfd_pidns), ESRCH, then kill(2)'s permission and siginfo. */
    static Outcome pidfdSendSignal(Variant v, Kernel k, int actor, int fd, int sig, int flags) {
        OpenFile.Pidfd p = PidRules.pidfd(k, actor, fd);
        if ((flags & ~7) != 0 || Integer.bitCount(flags) > 1) return Outcome.error(k, Errno.EINVAL);
        if (p == null) return Outcome.error(k, Errno.EBADF);
        if (!k.isSelfOrDescendant(p.pid().nsAtLevel(p.pid().level()), k.task(actor).activeNs())) return Outcome.error(k, Errno.EINVAL);
        boolean thread = flags == 1 || (flags == 0 && p.thread()); // PIDTYPE_PID; else PIDTYPE_TGID, which a thread's pid does not lead
        int target = v.pidfdTask(k, p);
        if (target < 0 || (!thread && k.task(target).hasLeader())) return Outcome.error(k, Errno.ESRCH);
        if (!mayKill(k, actor, target)) return Outcome.error(k, Errno.EPERM);
        if (thread && sig == Signals.SIGUSR1 && k.task(target).alive()) return sendUsr1(v, k, actor, target, false, false, siUid(v, k, actor, target));
        return deliver(v, k, actor, target, sig);
    }
    /** rt_sigqueueinfo(pid, SIGUSR1) with glibc's siginfo: a single process looked up in the caller's namespace (P11). */
    static Outcome sigqueue(Variant v, Kernel k, int actor, int pid) {
        if (pid <= 0) return Outcome.error(k, Errno.EINVAL);
        int target = v.lookup(k, k.task(actor).activeNs(), pid);
        if (target < 0) return k.kthreads().at(k.task(actor).activeNs(), pid) ? KthreadRules.signal(v, k, actor, pid, Signals.SIGUSR1) : Outcome.error(k, Errno.ESRCH);
        if (!mayKill(k, actor, target)) return Outcome.error(k, Errno.EPERM);
        if (!k.task(target).alive()) return Outcome.zero(k);
        return sendUsr1(v, k, actor, target, true, false, siUid(v, k, actor, target));
    }

    /**
     * check_kill_permission for a signal a task sends (si_fromuser): always within its own thread
     * group, else kill_ok_by_cred, zombies included (their credentials stay until release). The
     * same-session exception for SIGCONT is JobControlRules.contInSession (K3, J2).
     */
    static boolean mayKill(Kernel k, int sender, int target) {
        if (k.groupLeader(sender) == k.groupLeader(target)) return true;
        KernelObjects o = k.objects();
        return CapabilityRules.killOk(o, o.context(sender).cred(), o.context(target).cred());
    }

    /**
     * Sends {@code sig} to the process of task {@code target}. SIGUSR1 goes through its handler
     * rules; a fatal signal takes down the whole thread group (complete_signal: SIGNAL_GROUP_EXIT
     * and SIGKILL to every thread; found by `nscheck conform`), each thread dying at a later step.
     */
    private static Outcome deliver(Variant v, Kernel k, int sender, int target, int sig) {
        if (sig == Signals.SIGSTOP || sig == Signals.SIGCONT) return JobControlRules.deliver(v, k, sender, target, sig);
        if (sig == Signals.SIGUSR1 && k.task(target).alive()) return sendUsr1(v, k, sender, target, true, false, siUid(v, k, sender, target));
        List<Integer> members = k.groupMembers(k.groupLeader(target));
        int alive = -1;
        for (int i : members) if (k.task(i).alive()) { alive = i; break; }
        // The other catchable signals go where SIGUSR1 goes: masks, handlers, dispositions (HandlerRules).
        if (alive >= 0 && sig != Signals.SIGUSR1 && Signals.CATCHABLE.contains(sig))
            return HandlerRules.send(v, k, sender, alive, siginfo(k, sig, sender, alive, true, v.siginfoPid(k, sender, alive), siUid(v, k, sender, alive),
                    -1, k.objects().context(sender).cred().uid()));
        if (sig == 0 || alive < 0 || v.dropsSignalToInit(k, sender, alive, sig) || !Signals.fatalByDefault(sig))
            return Outcome.zero(k);
        Kernel next = k;
        for (int i : members) {
            Task u = next.task(i);
            if (u.alive() && u.pendingSignal == 0) next = next.withTask(i, u.withPendingSignal(sig));
        }
        // A task that kills its own group never sees the return value.
        return new Outcome(next, members.contains(sender) ? Observation.NO_RETURN : Observation.ZERO);
    }

    /**
     * get_signal -> do_group_exit(signr): the task acts on its pending fatal signal when it next
     * returns to user space; its exit code is the signal's number (no core dumps: WCOREDUMP clear).
     */
    static Outcome getSignal(Variant v, Kernel k, int actor, boolean exitStatus) {
        return new Outcome(ExitRules.doExit(v, k, actor, exitStatus ? k.task(actor).pendingSignal : 0), Observation.NO_RETURN);
    }

    /**
     * send_signal_locked for SIGUSR1 from {@code sender} to a living {@code target}: queued with
     * si_pid as the target will read it and si_uid mapped into its user namespace (P10);
     * {@code shared} false for tgkill, which queues on the thread's private queue; {@code zeroed}
     * when an earlier target of the same group send already cleared si_pid; {@code siUid} the
     * value send_signal_locked left in the siginfo for this target.
     */
    private static Outcome sendUsr1(Variant v, Kernel k, int sender, int target, boolean shared, boolean zeroed, int siUid) {
        return queueUsr1(v, k, sender, target, shared, zeroed ? 0 : v.siginfoPid(k, sender, target), siUid);
    }

    /**
     * __do_notify's SIGEV_SIGNAL (ipc/mqueue.c, Q3): SIGUSR1 to the process of {@code owner}, sent
     * in the sender's context past check_kill_permission, with si_pid as the variant numbers the
     * sender for the owner's namespace and si_uid {@code uidInNotifyNs} (the sender's real uid as
     * the registrant's user namespace wrote it), which send_signal_locked then rewrites as if the
     * sender's own namespace had written it (the double translation).
     */
    static Outcome mqNotifySignal(Variant v, Kernel k, int sender, int owner, int uidInNotifyNs) {
        return queueUsr1(v, k, sender, owner, true, v.mqNotifyPid(k, sender, owner), carriedUid(v, k, sender, owner, uidInNotifyNs));
    }

    private static Outcome queueUsr1(Variant v, Kernel k, int sender, int target, boolean shared, int siPid, int siUid) {
        return queueUsr1(v, k, sender, target, shared, siPid, siUid, -1, k.objects().context(sender).cred().uid());
    }

    /** The queueing, with the siginfo's numbers given; {@code claimedPid} -1 when the kernel made them, {@code kuid} the uid si_uid denotes. */
    static Outcome queueUsr1(Variant v, Kernel k, int sender, int target, boolean shared, int siPid, int siUid, int claimedPid, int kuid) {
        return HandlerRules.send(v, k, sender, target, siginfo(k, Signals.SIGUSR1, sender, target, shared, siPid, siUid, claimedPid, kuid));
    }

    /** The siginfo a signal from {@code sender} carries to {@code target}, with who sent it (its thread group) as ground truth. */
    private static SigInfo siginfo(Kernel k, int sig, int sender, int target, boolean shared, int siPid, int siUid, int claimedPid, int kuid) {
        int group = k.task(sender).hasLeader() ? k.task(sender).leader : sender;
        return new SigInfo(sig, siPid, siUid, PidRef.of(k, group), kuid, k.objects().context(target).cred().userNs(), shared, 0, claimedPid);
    }

    /**
     * prepare_kill_siginfo and send_signal_locked: si_uid is the sender's uid as its own user
     * namespace writes it (from_kuid_munged), and, when the target's user namespace differs, that
     * number read back in the sender's namespace (make_kuid) and mapped into the target's: an id
     * the sender's namespace does not map reaches the target as the overflow id (P10).
     */
    private static int siUid(Variant v, Kernel k, int sender, int target) {
        return carriedUid(v, k, sender, target, ownUid(v, k, sender));
    }

    /** prepare_kill_siginfo: the sender's uid as its own user namespace writes it. */
    private static int ownUid(Variant v, Kernel k, int sender) {
        Credentials from = k.objects().context(sender).cred();
        return v.fromKernelId(k, from.userNs(), from.uid(), false);
    }

    /**
     * send_signal_locked's rewrite of info->si_uid for {@code target}, from the value the shared
     * siginfo holds: {@code value} unchanged when the target shares the sender's user namespace,
     * else read back in the sender's namespace and mapped into the target's. The rewrite is in
     * place, so a group send carries it on to every later target (see {@link #sendToEach}).
     */
    static int carriedUid(Variant v, Kernel k, int sender, int target, int value) {
        KernelObjects o = k.objects();
        Credentials from = o.context(sender).cred();
        TaskContext tc = o.context(target);
        if (tc == null || from.userNs() == tc.cred().userNs()) return value;
        int kuid = o.userNs(from.userNs()).toKernel(value, false);
        return kuid == UserNamespace.INVALID ? UserNamespace.OVERFLOW_ID : v.fromKernelId(k, tc.cred().userNs(), kuid, false);
    }

    /**
     * do_notify_parent when {@code child} has become a zombie: SIGCHLD with si_pid the child's
     * number in the parent's namespace (task_pid_nr_ns(tsk, task_active_pid_ns(tsk->parent))) and
     * si_uid its real uid mapped into the parent's user namespace. If the parent's SIGCHLD is
     * SIG_IGN or has SA_NOCLDWAIT the child is reaped at once (autoreap: it never is a zombie
     * anyone can wait for), and SIG_IGN sends no SIGCHLD at all.
     */
    static Kernel doNotifyParent(Variant v, Kernel k, int child) {
        Task c = k.task(child);
        Task p = k.task(c.parent); // null for the root init's -1: it has no parent to tell
        TaskContext pc = k.objects().context(c.parent);
        if (p == null || !p.alive() || pc == null) return k;
        Kernel out = k;
        // SIG_IGN sends nothing; blocked, or with a handler (SA_NOCLDWAIT or not), it queues (P20); SIG_DFL discards it
        // (the siginfo is built only when it queues: for SIG_DFL, at most exits, it was built for nothing)
        if ((pc.blocks(Signals.SIGCHLD) && !pc.actions().chldIgnored()) || pc.actions().handles(Signals.SIGCHLD)) { // handled: run after the step (HandlerRules)
            int childUid = k.objects().context(child).cred().uid();
            SigInfo info = new SigInfo(Signals.SIGCHLD, v.translate(k, child, p.activeNs()),
                    v.fromKernelId(k, pc.cred().userNs(), childUid, false), PidRef.of(k, child), childUid, pc.cred().userNs(), true);
            out = k.withObjects(k.objects().withContext(c.parent, pc.queued(info)));
        }
        // release_task at once, unless the zombie leader still has threads (delay_group_leader).
        if (pc.actions().autoreap() && k.groupMembers(child).size() == 1) out = out.release(child).collectNamespaces();
        return out;
    }
}
