package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.state.PidAllocation;
import nscheck.spec.state.PidNamespace;
import nscheck.spec.state.RobustList;
import nscheck.spec.state.Task;
import nscheck.spec.state.TaskState;
import nscheck.spec.variant.Variant;

import java.util.List;

import static nscheck.spec.call.CloneFlags.CLONE_NEWIPC;
import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;
import static nscheck.spec.call.CloneFlags.CLONE_PARENT;
import static nscheck.spec.call.CloneFlags.CLONE_SYSVSEM;
import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static nscheck.spec.call.CloneFlags.has;

/**
 * kernel/fork.c: clone, clone3 with set_tid, the unmerged clone_with_pids, unshare, and the
 * unmerged execns that unshares at exec (P1, P5, P12, S1-S3, H3, H4). copy_process is written
 * once; the three clones differ only in how the child is numbered.
 */
final class ForkRules {
    private ForkRules() {}

    /** How a clone numbers its child: alloc_pid, or alloc_pid with numbers the caller chose. */
    @FunctionalInterface
    interface Numbering {
        PidAllocation allocate(Kernel k, int targetNs);
    }

    /** kernel_clone from clone(2): the child is numbered by alloc_pid (P3). */
    static Outcome clone(Variant v, Limits limits, Kernel k, int actor, int flags) {
        return copyProcess(v, limits, k, actor, flags, v::allocPid);
    }

    /** clone3(2) with set_tid: alloc_pid takes the caller's numbers at the innermost levels (S1-S3). */
    static Outcome clone3(Variant v, Limits limits, Kernel k, int actor, int flags, List<Integer> setTid, int capsFromLevel) {
        return copyProcess(v, limits, k, actor, flags, (kk, ns) -> v.allocSetTid(kk, ns, ints(setTid), capsFromLevel));
    }

    /** clone_with_pids (2009, not merged; H4): the caller's numbers from init_pid_ns inward. */
    static Outcome cloneWithPids(Variant v, Limits limits, Kernel k, int actor, int flags, List<Integer> pids, int capsFromLevel) {
        int callerLevel = k.task(actor).level();
        return copyProcess(v, limits, k, actor, flags, (kk, ns) -> v.allocPidSet(kk, ns, ints(pids), capsFromLevel, callerLevel));
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /** copy_process: the checks, the child's struct pid at every level, its context, its place as child_reaper. */
    private static Outcome copyProcess(Variant v, Limits limits, Kernel k, int actor, int flags, Numbering numbering) {
        Task t = k.task(actor);
        if (has(flags, CLONE_THREAD)) {
            // A thread shares its group's namespaces, so it cannot start a new one, nor be made
            // after unshare(CLONE_NEWPID) has split the two (P12).
            if (has(flags, CLONE_NEWPID) || t.nsForChildren != t.activeNs()) return Outcome.error(k, Errno.EINVAL);
        }
        // An init may not make siblings (it would give them a parent outside its namespace) (P5).
        if (has(flags, CLONE_PARENT) && k.groupIsChildReaper(actor)) return Outcome.error(k, Errno.EINVAL);
        Outcome refused = UcountRules.forkRefused(k, actor);
        if (refused == null) refused = NsproxyRules.copyNamespacesRefused(v, k, actor, flags);
        if (refused != null) return refused;
        if (k.freeTaskSlot() < 0) return Outcome.error(k, Errno.EAGAIN);
        int target = t.nsForChildren;
        Kernel cur = k;
        if (has(flags, CLONE_NEWPID)) {
            Outcome tooDeep = PidNamespaceRules.createRefused(limits, k, t);
            if (tooDeep != null) return tooDeep;
            target = cur.freeNsSlot();
            cur = cur.addNamespace(PidNamespace.fresh(t.nsForChildren, k.ns(t.nsForChildren).level() + 1, limits.pidMax()));
        }
        PidAllocation a = numbering.allocate(cur, target);
        if (!a.ok()) return Outcome.error(a.kernel().collectNamespaces(), a.errno());
        cur = a.kernel();
        int slot = cur.freeTaskSlot();
        boolean thread = has(flags, CLONE_THREAD);
        // A thread has its own struct pid (a TID at every level) and shares its group's parent.
        int parent = has(flags, CLONE_PARENT) || thread ? t.parent : actor;
        int leader = thread ? (t.hasLeader() ? t.leader : actor) : -1;
        Task child = new Task(a.upidNs(), a.upidNr(), parent, TaskState.RUNNING, target, false, 0, leader, RobustList.EMPTY);
        cur = cur.withTask(slot, child);
        cur = copyContext(cur, actor, slot, flags);
        // The task numbered 1 in its namespace becomes its child_reaper (P5).
        if (v.startsNamespace(child) && !thread) cur = cur.withNamespace(target, cur.ns(target).withChildReaper(slot));
        return new Outcome(cur, Observation.pid(v.translate(cur, slot, t.activeNs()), slot));
    }

    /**
     * The child's context after copy_process: credentials charged (copy_creds, U3, U4), the
     * parent's IPC namespace or a new one (copy_namespaces), the parent's undo list if
     * CLONE_SYSVSEM (copy_semundo, I7).
     */
    private static Kernel copyContext(Kernel k, int parent, int child, int flags) {
        Kernel cur = SemRules.copySemundo(k, parent, flags);
        int undo = has(flags, CLONE_SYSVSEM) ? cur.objects().context(parent).undoList() : -1;
        return NsproxyRules.copyNamespaces(cur, parent, child, flags, undo);
    }

    /** ksys_unshare: a new user, IPC or PID namespace, or only a fresh SysV undo list (P12, I9, U3). */
    static Outcome unshare(Variant v, Limits limits, Kernel k, int actor, int flags) {
        if (has(flags, CLONE_NEWUSER)) return UserNamespaceRules.unshareUserns(v, limits, k, actor);
        if (has(flags, CLONE_NEWIPC) || has(flags, CLONE_SYSVSEM)) return NsproxyRules.unshareIpc(v, k, actor, flags);
        if (!has(flags, CLONE_NEWPID)) return Outcome.zero(k);
        // execns: namespaces change only at exec, where the references unshare would carry are dropped (H3).
        if (v.unshareOnlyAtExec()) return Outcome.error(k, Errno.EINVAL);
        return PidNamespaceRules.unshareNewPid(limits, k, actor);
    }

    /**
     * execns (2006, not merged; H3): exec drops what a namespace change would otherwise have to
     * carry across: futex_exec_release runs the robust list and PI states (F5), as every execve
     * does, then the new PID namespace takes effect for later children. Mainline has no such call (ENOSYS).
     */
    static Outcome execns(Variant v, Limits limits, Kernel k, int actor, int flags) {
        if (!v.unshareOnlyAtExec()) return Outcome.error(k, Errno.ENOSYS);
        if (has(flags, CLONE_NEWPID)) {
            Outcome refused = PidNamespaceRules.createRefused(limits, k, k.task(actor));
            if (refused != null) return refused;
        }
        Kernel released = FutexCoreRules.exitRelease(v, k, actor);
        if (!has(flags, CLONE_NEWPID)) return Outcome.zero(released);
        return PidNamespaceRules.unshareNewPid(limits, released, actor);
    }
}
