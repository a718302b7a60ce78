package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.JobCall;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.call.Signals;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.SigInfo;
import nscheck.spec.state.Task;
import nscheck.spec.state.TaskContext;
import nscheck.spec.state.TaskState;
import nscheck.spec.variant.Variant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Job control (J1-J5 in docs/semantics.md): the group stop a SIGSTOP starts and a SIGCONT ends
 * (kernel/signal.c prepare_signal, do_signal_stop, do_notify_parent_cldstop), the wait that
 * reports them (kernel/exit.c wait_task_stopped, wait_task_continued), and the orphaned process
 * group rule on exit (kernel/exit.c kill_orphaned_pgrp). Stops take effect when sent: the
 * kernel's target stops at its next return to user space, before it can make another call.
 */
final class JobControlRules {
    private JobControlRules() {}

    /** include/uapi/asm-generic/siginfo.h: si_code of a SIGCHLD about a stop or a continue. */
    static final int CLD_STOPPED = 5, CLD_CONTINUED = 6;
    /** SEND_SIG_PRIV's si_code: a signal the kernel sends on its own account (si_pid 0). */
    static final int SI_KERNEL = 0x80;

    /**
     * SIGSTOP or SIGCONT from {@code sender} to the process of {@code target} (J1, J2). A process
     * in a group exit drops both (prepare_signal: SIGNAL_GROUP_EXIT). SIGSTOP: a namespace init
     * drops it unless it comes from an ancestor namespace (sig_task_ignored, P9); otherwise every
     * thread stops (do_signal_stop), the stop awaits a WUNTRACED wait (group_exit_code) and the
     * parent is told CLD_STOPPED. SIGCONT acts in prepare_signal, before any ignoring, so it
     * continues even an init: every thread resumes, an unreported stop is forgotten
     * (group_exit_code = 0), the continue awaits a WCONTINUED wait and the parent is told
     * CLD_CONTINUED. A SIGCONT to a process that is not stopped changes nothing.
     */
    static Outcome deliver(Variant v, Kernel k, int sender, int target, int sig) {
        List<Integer> members = k.groupMembers(k.groupLeader(target));
        int alive = -1;
        for (int i : members) {
            Task u = k.task(i);
            if (u.pendingSignal != 0) return Outcome.zero(k);
            if (alive < 0 && u.alive()) alive = i;
        }
        if (alive < 0) return Outcome.zero(k);
        if (sig == Signals.SIGSTOP) return Outcome.zero(stop(v, k, sender, alive));
        Kernel next = cont(v, k, alive);
        if (!allBlock(next, alive)) return Outcome.zero(next);
        // A blocked SIGCONT is never ignored (sig_ignored): queued with kill's siginfo (P10).
        var from = k.objects().context(sender).cred();
        int uid = SignalRules.carriedUid(v, k, sender, alive, v.fromKernelId(k, from.userNs(), from.uid(), false));
        SigInfo info = new SigInfo(Signals.SIGCONT, v.siginfoPid(k, sender, alive), uid, PidRef.of(k, k.groupLeader(sender)), from.uid(),
                k.objects().context(alive).cred().userNs(), true);
        return Outcome.zero(queue(next, alive, info));
    }

    /** prepare_signal for a stop signal: a pending SIGCONT is discarded first, whether the stop then acts or not. */
    private static Kernel stop(Variant v, Kernel k, int sender, int alive) {
        Kernel next = k;
        for (int i : k.groupMembers(k.groupLeader(alive))) {
            TaskContext c = next.objects().context(i);
            if (c != null && next.task(i).alive()) next = next.withObjects(next.objects().withContext(i, c.withActions(c.actions(), Signals.SIGCONT)));
        }
        if (k.task(alive).stopped() || v.dropsSignalToInit(k, sender, alive, Signals.SIGSTOP)) return next;
        next = setJobctl(next, alive, Task.STOPPED | Task.STOP_UNREPORTED);
        return notifyParentCldstop(v, next, k.groupLeader(alive), CLD_STOPPED);
    }

    private static Kernel cont(Variant v, Kernel k, int alive) {
        if (!k.task(alive).stopped()) return k;
        return notifyParentCldstop(v, setJobctl(k, alive, Task.CONT_UNREPORTED), k.groupLeader(alive), CLD_CONTINUED);
    }

    /** The job-control flags of every living thread of the process of {@code slot} become {@code flags}. */
    private static Kernel setJobctl(Kernel k, int slot, int flags) {
        Kernel next = k;
        for (int i : k.groupMembers(k.groupLeader(slot))) {
            Task u = next.task(i);
            if (u.alive()) next = next.withTask(i, u.withJobctl(flags));
        }
        return next;
    }

    /**
     * Every living thread of the process has SIGHUP and SIGCONT in its signal mask (task->blocked,
     * the one mask sigprocmask sets, J5): no thread can take them (complete_signal), so they queue.
     */
    private static boolean allBlock(Kernel k, int slot) {
        for (int i : k.groupMembers(k.groupLeader(slot))) {
            if (!k.task(i).alive()) continue;
            TaskContext c = k.objects().context(i);
            if (c == null || (c.blocked() & SigwaitRules.JOB_SIGNALS) != SigwaitRules.JOB_SIGNALS) return false;
        }
        return true;
    }

    /** Queues {@code info} on the process's shared queue, kept with its leader (legacy_queue: once per signal). */
    private static Kernel queue(Kernel k, int slot, SigInfo info) {
        int leader = k.groupLeader(slot);
        TaskContext c = k.objects().context(leader);
        return k.withObjects(k.objects().withContext(leader, c.queued(info)));
    }

    /**
     * do_notify_parent_cldstop(tsk, false, why): SIGCHLD to the real parent of the process, with
     * si_code {@code why}, si_pid the child's number in the parent's namespace (J4) and si_uid its
     * uid mapped into the parent's user namespace. As for an exit's SIGCHLD the spec queues it only
     * where the parent blocks SIGCHLD or has a handler for it (HandlerRules runs it after the step;
     * else SIG_DFL ignores it at generation) and not SIG_IGN; SA_NOCLDWAIT does not matter here.
     */
    private static Kernel notifyParentCldstop(Variant v, Kernel k, int leader, int why) {
        // The parent lives: an exit hands its children to a living reaper at once (forget_original_parent),
        // and the root init, the one task without a parent, never stops.
        int parent = k.task(leader).parent;
        Task p = k.task(parent);
        TaskContext pc = k.objects().context(parent);
        if (!(pc.blocks(Signals.SIGCHLD) || pc.actions().handles(Signals.SIGCHLD)) || pc.actions().chldIgnored()) return k;
        int childUid = k.objects().context(leader).cred().uid();
        SigInfo info = new SigInfo(Signals.SIGCHLD, v.stoppedChildPid(k, leader, p.activeNs()),
                v.fromKernelId(k, pc.cred().userNs(), childUid, false), PidRef.of(k, leader), childUid, pc.cred().userNs(), true, why);
        return k.withObjects(k.objects().withContext(parent, pc.queued(info)));
    }

    /**
     * check_kill_permission's exception: SIGCONT may be sent to any process of the sender's own
     * session, whatever the credentials (J2).
     */
    static boolean contInSession(Kernel k, int sender, int target, int sig) {
        if (sig != Signals.SIGCONT) return false;
        TaskContext s = k.objects().context(sender), t = k.objects().context(target);
        return s != null && t != null && s.session().equals(t.session());
    }

    /**
     * waitpid(pid, &status, WUNTRACED | WCONTINUED) (do_wait -> wait_consider_task, J3): each
     * eligible child the wait may report is one outcome, the kernel's choice among them; a zombie
     * is reaped (wait_task_zombie), a stop or a continue is reported once and the child stays
     * (wait_task_stopped clears group_exit_code, wait_task_continued SIGNAL_STOP_CONTINUED).
     * ECHILD without an eligible child; none to report: the caller blocks.
     */
    static List<Outcome> waitUntraced(Variant v, Kernel k, int actor, JobCall.WaitUntraced call) {
        Task t = k.task(actor);
        // waitpid(0) and waitpid(-pgid), the group waits, are not modelled: refused.
        if (call.pid() == 0 || call.pid() < -1) return List.of(Outcome.error(k, Errno.EINVAL));
        boolean waitsForAny = call.pid() == -1;
        // a number nobody has (-1) matches no child: ECHILD below
        int only = waitsForAny ? -1 : v.lookup(k, t.activeNs(), call.pid());
        List<Integer> group = k.groupMembers(k.groupLeader(actor));
        boolean anyChild = false;
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < k.taskSlots(); i++) {
            Task c = k.task(i);
            if (c == null || !group.contains(c.parent) || c.hasLeader() || (!waitsForAny && i != only)) continue;
            anyChild = true;
            int pid = v.stoppedChildPid(k, i, t.activeNs());
            if (c.state == TaskState.ZOMBIE) {
                if (k.groupMembers(i).size() > 1) continue; // delay_group_leader
                out.add(new Outcome(PidNamespaceRules.settle(v, k.release(i)), report(call, v.translate(k, i, t.activeNs()), i, c.exitCode)));
            } else if (c.alive() && (c.jobctl & Task.STOP_UNREPORTED) != 0) {
                out.add(new Outcome(setJobctl(k, i, c.jobctl & ~Task.STOP_UNREPORTED), report(call, pid, i, JobCall.STOPPED_STATUS)));
            } else if (c.alive() && (c.jobctl & Task.CONT_UNREPORTED) != 0) {
                out.add(new Outcome(setJobctl(k, i, c.jobctl & ~Task.CONT_UNREPORTED), report(call, pid, i, JobCall.CONTINUED_STATUS)));
            }
        }
        if (!anyChild) return List.of(Outcome.error(k, Errno.ECHILD));
        return out;
    }

    private static Observation report(JobCall.WaitUntraced call, int pid, int child, int status) {
        return call.status() ? Observation.value(status) : Observation.pid(pid, child);
    }

    /**
     * exit_notify's kill_orphaned_pgrp(tsk->group_leader, NULL) once the last thread of the process
     * of {@code slot} exits, after its children have been reparented (J5).
     */
    static Kernel exitNotify(Variant v, Kernel k, int slot) {
        int leader = k.groupLeader(slot);
        for (int i : k.groupMembers(leader)) if (i != slot && k.task(i).alive()) return k;
        return killOrphanedPgrp(v, k, leader, -1);
    }

    /**
     * kill_orphaned_pgrp(tsk, parent) (J5): {@code parent} -1 at tsk's own exit (then its real
     * parent, and tsk itself does not count), else the exiting father of a child just reparented
     * (reparent_leader). If the parent is in another process group of tsk's session, tsk's group
     * becomes orphaned and has a stopped member, every member gets SIGHUP and then SIGCONT from
     * the kernel (SEND_SIG_PRIV: si_code SI_KERNEL, si_pid 0, no permission check).
     */
    static Kernel killOrphanedPgrp(Variant v, Kernel k, int tsk, int parent) {
        if (k.task(tsk) == null) return k; // a thread's leader already gone: no process group left to ask about
        boolean ownExit = parent == -1;
        int ignored = ownExit ? tsk : -1;
        int p = ownExit ? k.task(tsk).parent : parent;
        TaskContext tc = k.objects().context(tsk), pc = k.objects().context(p);
        if (tc == null || pc == null) return k;
        PidRef pgrp = tc.pgrp();
        if (pgrp.equals(pc.pgrp()) || !pc.session().equals(tc.session())) return k;
        if (!willBecomeOrphanedPgrp(k, pgrp, ignored) || !hasStoppedJobs(k, pgrp)) return k;
        List<Integer> members = members(k, pgrp);
        members.remove(Integer.valueOf(ignored)); // the exiting process: a signal to it changes nothing
        // __kill_pgrp_info walks the group newest member first (see SignalRules.kill).
        members.sort(Comparator.comparingInt((Integer i) -> k.creationOrder(i)).reversed());
        int current = ownExit ? tsk : parent; // the exiting task, in whose context the kernel sends
        Kernel cur = k;
        for (int i : members) cur = hangup(v, cur, current, i, Signals.SIGHUP);
        for (int i : members) cur = deliverPriv(v, cur, current, i);
        return cur;
    }

    /** The processes of group {@code pgrp} (do_each_pid_task(pgrp, PIDTYPE_PGID): thread-group leaders). */
    static List<Integer> members(Kernel k, PidRef pgrp) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < k.taskSlots(); i++) {
            Task u = k.task(i);
            if (u != null && !u.hasLeader() && pgrp.equals(k.objects().context(i).pgrp())) out.add(i);
        }
        return out;
    }

    /**
     * will_become_orphaned_pgrp (mainline): no member but {@code ignored}, and no zombie with no
     * threads left, has a real parent in another group of the same session, where a member whose
     * parent is the global init (the root namespace's) does not count; a namespace's init is an
     * ordinary parent (J5).
     */
    static boolean willBecomeOrphanedPgrp(Kernel k, PidRef pgrp, int ignored) {
        for (int i : members(k, pgrp)) {
            Task u = k.task(i);
            if (i == ignored || (u.state == TaskState.ZOMBIE && k.groupMembers(i).size() == 1)) continue;
            if (u.parent < 0 || k.groupLeader(u.parent) == Kernel.ROOT_INIT) continue; // is_global_init(p->real_parent)
            TaskContext pc = k.objects().context(u.parent), uc = k.objects().context(i);
            if (pc != null && !pgrp.equals(pc.pgrp()) && pc.session().equals(uc.session())) return false;
        }
        return true;
    }

    /** has_stopped_jobs: a member in a group stop. */
    private static boolean hasStoppedJobs(Kernel k, PidRef pgrp) {
        for (int i : members(k, pgrp)) if (k.task(i).stopped()) return true;
        return false;
    }

    /**
     * SIGHUP (or SIGCONT) with SEND_SIG_PRIV (J5): a process that blocks it queues it with si_pid 0
     * and si_code SI_KERNEL (blocked signals are never ignored, not even by an init); otherwise a
     * namespace init with SIG_DFL drops a SIGHUP (forced, but not SIGKILL or SIGSTOP:
     * sig_task_ignored), and to anyone else it is fatal (Term): complete_signal's group exit wakes a
     * stopped process to die.
     */
    private static Kernel hangup(Variant v, Kernel k, int current, int member, int sig) {
        if (!k.task(member).alive() && k.groupMembers(member).size() == 1) return k; // a zombie takes nothing
        if (allBlock(k, member)) {
            int readerNs = k.objects().context(member).cred().userNs();
            return queue(k, member, new SigInfo(sig, v.orphanSignalPid(k, current, member), 0, PidRef.NONE, 0, readerNs, true, SI_KERNEL));
        }
        if (sig != Signals.SIGHUP || k.groupIsChildReaper(member)) return k;
        Kernel next = k;
        for (int i : k.groupMembers(member)) {
            Task u = next.task(i);
            if (u.alive() && u.pendingSignal == 0) next = next.withTask(i, u.withPendingSignal(Signals.SIGHUP));
        }
        return next;
    }

    /** SIGCONT with SEND_SIG_PRIV: dropped by a process the SIGHUP took into a group exit, else it continues (and queues if blocked). */
    private static Kernel deliverPriv(Variant v, Kernel k, int current, int member) {
        for (int i : k.groupMembers(member)) if (k.task(i).pendingSignal != 0) return k;
        return k.task(member).alive() ? hangup(v, cont(v, k, member), current, member, Signals.SIGCONT) : k;
    }
}
