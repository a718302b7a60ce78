package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.OpenFile;
import nscheck.spec.state.Task;
import nscheck.spec.state.TaskState;
import nscheck.spec.variant.Variant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * kernel/exit.c: a task's exit (do_exit, exit_notify), the reparenting of its children
 * (forget_original_parent) and the wait for a child (do_wait) (P5, P6, P7, F5, I8).
 */
final class ExitRules {
    private ExitRules() {}

    /** _exit(2): never returns. The root init never exits. */
    static List<Outcome> exit(Variant v, Kernel k, int actor) {
        if (actor == Kernel.ROOT_INIT) return List.of();
        return List.of(new Outcome(doExit(v, k, actor), Observation.NO_RETURN));
    }

    /** do_exit of task {@code slot}: reparent its children, or kill its namespace if it is the init. */
    static Kernel doExit(Variant v, Kernel k, int slot) {
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
        Kernel cur = forgetOriginalParent(v, k, slot);
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
        cur = AfUnixRules.closeOnExit(cur, slot);
        cur = MqueueRules.closeOnExit(cur, slot);
        KernelObjects o = cur.objects();
        o = o.withContext(slot, o.context(slot).dead());
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
        for (int i = 0; i < k.taskSlots(); i++) {
            Task u = k.task(i);
            if (u != null && u.parent == slot) children.add(i);
        }
        children.sort(Comparator.comparingInt(i -> creationOrder(k, i)));
        boolean sameGroup = reaper >= 0 && k.task(reaper) != null && k.groupLeader(reaper) == k.groupLeader(slot);
        Kernel cur = k;
        for (int i : children) {
            Task u = cur.task(i);
            cur = cur.withTask(i, u.withParent(reaper));
            if (!sameGroup && !u.hasLeader() && u.state == TaskState.ZOMBIE && !groupHasLiveMembers(cur, i))
                cur = SignalRules.doNotifyParent(v, cur, i);
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

    /** waitpid(pid) (do_wait): every zombie child it may reap is one outcome; none while it must block. */
    static List<Outcome> waitpid(Variant v, Kernel k, int actor, int pid) {
        Task t = k.task(actor);
        int only = -1;
        if (pid > 0) {
            only = v.lookup(k, t.activeNs(), pid);
            // A kernel thread is no task's child (kthreadd's parent is the idle task, the others' kthreadd): ECHILD too.
            if (only < 0) return List.of(Outcome.error(k, Errno.ECHILD));
        } else if (pid != -1) {
            return List.of(Outcome.error(k, Errno.EINVAL)); // process-group waits are not modelled
        }
        boolean anyChild = false;
        List<Outcome> out = new ArrayList<>();
        // do_wait walks the children of every thread in the caller's group (no __WNOTHREAD; found by `nscheck conform`).
        List<Integer> group = k.groupMembers(k.groupLeader(actor));
        for (int i = 0; i < k.taskSlots(); i++) {
            Task c = k.task(i);
            if (c == null || !group.contains(c.parent) || c.hasLeader() || (only >= 0 && i != only)) continue;
            anyChild = true;
            // delay_group_leader: a dead leader is reaped only once its threads are gone.
            if (c.state != TaskState.ZOMBIE || groupHasLiveMembers(k, i)) continue;
            int value = v.translate(k, i, t.activeNs());
            out.add(new Outcome(PidNamespaceRules.settle(v, k.release(i)), Observation.pid(value, i)));
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
        Task c = child < 0 ? null : k.task(child);
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

    /**
     * The order in which tasks were created, as the kernel's task lists keep it: their number in
     * the root namespace, which grows with every fork until pid_max wraps it (alloc_pid,
     * idr_alloc_cyclic); known divergence "creation-order" past a wrap.
     */
    static int creationOrder(Kernel k, int slot) {
        return k.task(slot).numberAtLevel(0);
    }
}
