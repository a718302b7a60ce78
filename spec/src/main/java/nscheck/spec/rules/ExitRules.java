package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.OpenFile;
import nscheck.spec.state.Task;
import nscheck.spec.state.TaskState;
import nscheck.spec.variant.Variant;

import java.util.ArrayList;
import java.util.List;

/**
 * kernel/exit.c: a task's exit (do_exit, exit_notify), the reparenting of its children
 * (forget_original_parent) and the wait for a child (do_wait) (P5, P6, P7, F5, I8).
 */
final class ExitRules {
    private ExitRules() {}

    /** _exit(2): never returns. The root init never exits. {@code code} is what wait will report. */
    static List<Outcome> exit(Variant v, Kernel k, int actor, int code) {
        if (actor == Kernel.ROOT_INIT) return List.of();
        return List.of(new Outcome(doExit(v, k, actor, code), Observation.NO_RETURN));
    }

    /** SYSCALL_DEFINE1(exit): do_exit((error_code & 0xff) << 8), what WEXITSTATUS reads back. */
    static int exitCode(int status) {
        return (status & 0xff) << 8;
    }

    /**
     * do_exit(code) of task {@code slot}: reparent its children, or kill its namespace if it is
     * the init. The code stays with the zombie for wait_task_zombie to report.
     */
    static Kernel doExit(Variant v, Kernel k, int slot, int code) {
        if (code != 0) k = k.withTask(slot, k.task(slot).withExitCode(code));
        // exit_mm_release -> futex_exit_release: robust list and PI states first, while the pids still exist (F5);
        // then exit_sem, exit_files and exit_task_namespaces (I8).
        k = FutexCoreRules.exitRelease(v, k, slot);
        k = releaseContext(k, slot);
        Task t = k.task(slot);
        int ns = t.activeNs();
        if (k.ns(ns).childReaper() == slot) {
            // find_child_reaper: while another thread of the init's group lives, it becomes the
            // child_reaper and the namespace lives on (P6; found by `nscheck conform`).
            int heir = livingGroupMember(k, slot);
            if (heir >= 0) k = k.withNamespace(ns, k.ns(ns).withChildReaper(heir));
        }
        if (k.ns(ns).childReaper() == slot) return PidNamespaceRules.zapPidNsProcesses(v, k, ns, slot);
        Kernel cur = JobControlRules.exitNotify(v, forgetOriginalParent(v, k, slot), slot);
        // exit_notify: a thread that is not its group's leader reaps itself (autoreap), with no SIGCHLD.
        if (t.hasLeader()) return PidNamespaceRules.settle(v, cur.release(slot));
        return PidNamespaceRules.settle(v, SignalRules.doNotifyParent(v, cur.withTask(slot, t.dead(TaskState.ZOMBIE)), slot));
    }

    /**
     * do_exit before exit_notify: exit_sem (I8), the fds close (a process's last thread drops its
     * queue registrations, Q2), exit_task_namespaces drops the
     * IPC namespace, and a dead task's signal queue is flushed.
     */
    private static Kernel releaseContext(Kernel k, int slot) {
        Kernel cur = SemRules.exitSem(k, slot);
        cur = MqueueRules.closeOnExit(cur, slot);
        KernelObjects o = cur.objects();
        o = o.withContext(slot, o.context(slot).dead());
        // exit_files: the group's shared table closes with its last thread (D5); sockets no table names are released (C5)
        o = FilesRules.exitFiles(cur, o, slot, FilesRules.table(cur, slot));
        return cur.withCollected(o);
    }

    /**
     * forget_original_parent walks father->children, oldest first (list_add_tail at fork), and
     * reparent_leader notifies the new parent of a child that is already a zombie (with no
     * threads left), unless the reaper is a thread of the father's own group. This comes
     * before the father's own do_notify_parent, so the first SIGCHLD its parent queues may
     * name a grandchild (found by `nscheck conform`). The reaper is the variant's (P7).
     */
    private static Kernel forgetOriginalParent(Variant v, Kernel k, int slot) {
        int reaper = v.reaper(k, slot);
        List<Integer> children = new ArrayList<>();
        for (int i : k.slotsByCreation()) if (k.task(i).parent == slot) children.add(i); // in that order: no boxed sort
        boolean sameGroup = reaper >= 0 && k.task(reaper) != null && k.groupLeader(reaper) == k.groupLeader(slot);
        Kernel cur = k;
        for (int i : children) {
            Task u = cur.task(i);
            cur = cur.withTask(i, u.withParent(reaper));
            if (!sameGroup && !u.hasLeader() && u.state == TaskState.ZOMBIE && !groupHasLiveMembers(cur, i))
                cur = SignalRules.doNotifyParent(v, cur, i);
            if (!sameGroup && !u.hasLeader() && cur.task(i) != null) cur = JobControlRules.killOrphanedPgrp(v, cur, i, slot);
        }
        return cur;
    }

    /** find_alive_thread: another living thread of the group of {@code slot}, or -1. */
    private static int livingGroupMember(Kernel k, int slot) {
        for (int i : k.groupMembers(k.groupLeader(slot))) {
            Task u = k.task(i);
            if (i != slot && u.alive()) return i;
        }
        return -1;
    }

    /** What a wait call hands back: the reaped child's PID (waitpid's return) or its status word. */
    enum Report { PID, STATUS }

    /**
     * waitpid(pid) (kernel_wait4 -> do_wait): pid > 0 that child, -1 any child, 0 the children in
     * the caller's process group (task_pgrp, by struct pid: it works where the PGID is invisible),
     * below -1 those in the group find_get_pid(-pid) names in the caller's namespace (no such
     * group: no eligible child, ECHILD). Every zombie child it may reap is one outcome; none while
     * it must block.
     */
    static List<Outcome> waitpid(Variant v, Kernel k, int actor, int pid, Report report) {
        Task t = k.task(actor);
        if (pid > 0) {
            // Nobody with that number (a kernel thread included: no task's child) is no child either: doWait's ECHILD.
            int only = v.lookup(k, t.activeNs(), pid);
            return doWait(v, k, actor, c -> c == only, (c, code) -> report == Report.PID
                    ? Observation.pid(v.translate(k, c, t.activeNs()), c) : Observation.value(code));
        }
        PidRef group = pid == -1 ? null : pid == 0 ? k.objects().context(actor).pgrp() : SysRules.structPid(v, k, t.activeNs(), -pid);
        if (pid != -1 && group == null) return List.of(Outcome.error(k, Errno.ECHILD));
        return doWait(v, k, actor, c -> group == null || group.equals(k.objects().context(c).pgrp()), (c, code) -> report == Report.PID
                ? Observation.pid(v.translate(k, c, t.activeNs()), c) : Observation.value(code));
    }

    /**
     * waitid(idtype, id, &info, WEXITED) (kernel_waitid): P_PID needs id > 0, P_PGID id >= 0 (0:
     * the caller's own group, since 5.4), else EINVAL; the child's si_pid is its number in the
     * waiter's namespace, si_code CLD_KILLED with the signal as si_status after a fatal signal,
     * else CLD_EXITED with the exit status (wait_task_zombie).
     */
    static List<Outcome> waitid(Variant v, Kernel k, int actor, int idtype, int id, ProcessCall.Waitid.Field field) {
        Task t = k.task(actor);
        java.util.function.IntPredicate eligible;
        if (idtype == ProcessCall.Waitid.P_ALL) {
            eligible = c -> true;
        } else if (idtype == ProcessCall.Waitid.P_PID) {
            if (id <= 0) return List.of(Outcome.error(k, Errno.EINVAL));
            int only = v.lookup(k, t.activeNs(), id);
            if (only < 0) return List.of(Outcome.error(k, Errno.ECHILD));
            eligible = c -> c == only;
        } else if (idtype == ProcessCall.Waitid.P_PGID) {
            if (id < 0) return List.of(Outcome.error(k, Errno.EINVAL));
            PidRef group = id == 0 ? k.objects().context(actor).pgrp() : SysRules.structPid(v, k, t.activeNs(), id);
            if (group == null) return List.of(Outcome.error(k, Errno.ECHILD));
            eligible = c -> group.equals(k.objects().context(c).pgrp());
        } else {
            return List.of(Outcome.error(k, Errno.EINVAL));
        }
        return doWait(v, k, actor, eligible, (c, code) -> switch (field) {
            case SI_PID -> Observation.pid(v.waitidPid(k, c, t.activeNs()), c);
            case SI_CODE -> Observation.value((code & 0x7f) != 0 ? CLD_KILLED : CLD_EXITED);
            case SI_STATUS -> Observation.value((code & 0x7f) != 0 ? code & 0x7f : (code >> 8) & 0xff);
        });
    }

    /** include/uapi/asm-generic/siginfo.h: si_code of SIGCHLD and waitid. */
    static final int CLD_EXITED = 1, CLD_KILLED = 2;

    private interface Reported {
        Observation of(int child, int exitCode);
    }

    /** do_wait over the children {@code eligible} accepts: ECHILD without any, one outcome per reapable zombie. */
    private static List<Outcome> doWait(Variant v, Kernel k, int actor, java.util.function.IntPredicate eligible, Reported report) {
        boolean anyChild = false;
        List<Outcome> out = new ArrayList<>();
        // do_wait walks the children of every thread in the caller's group (no __WNOTHREAD; found by `nscheck conform`).
        List<Integer> group = k.groupMembers(k.groupLeader(actor));
        for (int i = 0; i < k.taskSlots(); i++) {
            Task c = k.task(i);
            if (c == null || !group.contains(c.parent) || c.hasLeader() || !eligible.test(i)) continue;
            anyChild = true;
            // delay_group_leader: a dead leader is reaped only once its threads are gone.
            if (c.state != TaskState.ZOMBIE || groupHasLiveMembers(k, i)) continue;
            out.add(new Outcome(PidNamespaceRules.settle(v, k.release(i)), report.of(i, c.exitCode)));
        }
        if (!anyChild) return List.of(Outcome.error(k, Errno.ECHILD));
        return out; // empty: the caller blocks until a child dies
    }

    /**
     * waitid(P_PIDFD, fd, WEXITED [| WNOHANG]) (kernel_waitid, D3): {@code fd} not a pidfd: EBADF;
     * the pidfd's task is not a child of the caller's thread group (itself, reaped, a thread):
     * ECHILD. A zombie child is reaped and its number in the caller's namespace is si_pid; a
     * living one blocks, or with WNOHANG returns si_pid 0, or on a PIDFD_NONBLOCK pidfd
     * without WNOHANG fails EAGAIN.
     */
    static List<Outcome> waitidPidfd(Variant v, Kernel k, int actor, int fd, boolean nohang) {
        OpenFile.Pidfd p = PidRules.pidfd(k, actor, fd);
        if (p == null) return List.of(Outcome.error(k, Errno.EBADF));
        int child = v.pidfdTask(k, p);
        Task c = k.task(child); // null for -1: no task
        if (c == null || !k.groupMembers(k.groupLeader(actor)).contains(c.parent) || c.hasLeader())
            return List.of(Outcome.error(k, Errno.ECHILD));
        if (c.state == TaskState.ZOMBIE && !groupHasLiveMembers(k, child)) {
            int value = v.translate(k, child, k.task(actor).activeNs());
            return List.of(new Outcome(PidNamespaceRules.settle(v, k.release(child)), Observation.pid(value, child)));
        }
        if (nohang) return List.of(Outcome.zero(k));
        return p.nonblock() ? List.of(Outcome.error(k, Errno.EAGAIN)) : List.of();
    }

    private static boolean groupHasLiveMembers(Kernel k, int leader) {
        for (int i = 0; i < k.taskSlots(); i++) {
            Task u = k.task(i);
            if (u != null && u.leader == leader) return true;
        }
        return false;
    }
}
