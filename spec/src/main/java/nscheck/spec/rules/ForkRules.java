package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.Credentials;
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
    static Outcome clone3(Variant v, Limits limits, Kernel k, int actor, int flags, List<Integer> setTid) {
        // alloc_pid runs as the parent: current_cred(), asked at each level of the (possibly new) namespaces (K1).
        return copyProcess(v, limits, k, actor, flags,
                (kk, ns) -> v.allocSetTid(kk, ns, ints(setTid), CapabilityRules.capsFromLevel(kk, actor, ns)));
    }

    /** clone_with_pids (2009, not merged; H4): the caller's numbers from init_pid_ns inward. */
    static Outcome cloneWithPids(Variant v, Limits limits, Kernel k, int actor, int flags, List<Integer> pids) {
        if (!v.hasCloneWithPids()) return Outcome.error(k, Errno.ENOSYS); // no such system call: nothing is checked or changed
        int callerLevel = k.task(actor).level();
        return copyProcess(v, limits, k, actor, flags,
                (kk, ns) -> v.allocPidSet(kk, ns, ints(pids), CapabilityRules.capsFromLevel(kk, actor, ns), callerLevel));
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * copy_process: the checks, the child's credentials (a new user namespace first if
     * CLONE_NEWUSER: copy_creds), its namespaces (copy_namespaces, asked of the child's
     * credentials), its struct pid at every level, its context, its place as child_reaper.
     */
    private static Outcome copyProcess(Variant v, Limits limits, Kernel k, int actor, int flags, Numbering numbering) {
        Task t = k.task(actor);
        flags = v.cloneFlags(flags);
        if (has(flags, CLONE_THREAD)) {
            // A thread shares its group's namespaces and credentials, so it cannot start a new one,
            // nor be made after unshare(CLONE_NEWPID) has split the two (P12).
            if (has(flags, CLONE_NEWPID) || has(flags, CLONE_NEWUSER) || t.nsForChildren != t.activeNs())
                return Outcome.error(k, Errno.EINVAL);
        }
        // An init may not make siblings (it would give them a parent outside its namespace) (P5).
        if (has(flags, CLONE_PARENT) && k.groupIsChildReaper(actor)) return Outcome.error(k, Errno.EINVAL);
        Kernel cur = k;
        Credentials cred = k.objects().context(actor).cred();
        // copy_creds (create_user_ns for CLONE_NEWUSER) runs before the RLIMIT_NPROC check: an
        // unmapped creator over the limit is EPERM, not EAGAIN.
        Outcome refused = has(flags, CLONE_NEWUSER) ? UserNamespaceRules.createRefused(limits, k, cred) : null;
        if (refused != null) return refused;
        refused = UcountRules.forkRefused(k, actor);
        if (refused != null) return refused;
        if (has(flags, CLONE_NEWUSER)) {
            // copy_creds -> create_user_ns: the child's credentials are the creator's in the new namespace (K1).
            int slot = cur.objects().freeUserNsSlot();
            cur = cur.withObjects(cur.objects().addUserNs(UserNamespaceRules.created(cur.objects(), cred)));
            cred = cred.inNewUserNs(slot);
        }
        // From here on copy_files has run: a failure closes the child's copy of the caller's fds (Q2).
        boolean sharesFiles = has(flags, CLONE_THREAD);
        refused = NsproxyRules.copyNamespacesRefused(v, cur, cred, flags);
        if (refused != null) return Outcome.error(MqueueRules.failedForkFlush(k, actor, sharesFiles), refused.observation().errno());
        if (k.freeTaskSlot() < 0) return Outcome.error(k, Errno.EAGAIN);
        int target = t.nsForChildren;
        if (has(flags, CLONE_NEWPID)) {
            Outcome tooDeep = PidNamespaceRules.createRefused(limits, cur, t, cred.userNs());
            if (tooDeep != null) return Outcome.error(MqueueRules.failedForkFlush(k, actor, sharesFiles), tooDeep.observation().errno());
            target = cur.freeNsSlot();
            cur = cur.addNamespace(PidNamespace.fresh(t.nsForChildren, k.ns(t.nsForChildren).level() + 1, limits.pidMax(), cred.userNs()));
        }
        PidAllocation a = numbering.allocate(cur, target);
        if (!a.ok()) {
            // The cursors alloc_pid moved before the failing level stay moved; the new namespaces go.
            Kernel failed = MqueueRules.failedForkFlush(a.kernel(), actor, sharesFiles).collectNamespaces();
            return Outcome.error(failed.withCollected(failed.objects()), a.errno());
        }
        cur = a.kernel();
        int slot = cur.freeTaskSlot();
        boolean thread = has(flags, CLONE_THREAD);
        // A thread has its own struct pid (a TID at every level) and shares its group's parent.
        int parent = has(flags, CLONE_PARENT) || thread ? t.parent : actor;
        int leader = thread ? (t.hasLeader() ? t.leader : actor) : -1;
        // the child shares the caller's mount namespace, so its /proc (copy_namespaces, V1)
        Task child = new Task(a.upidNs(), a.upidNr(), parent, TaskState.RUNNING, target, false, 0, leader, RobustList.EMPTY).withProcNs(t.procNs);
        cur = cur.withTask(slot, child);
        cur = copyContext(cur, actor, slot, flags, cred);
        // The task numbered 1 in its namespace becomes its child_reaper (P5).
        if (v.startsNamespace(child) && !thread) cur = cur.withNamespace(target, cur.ns(target).withChildReaper(slot));
        return new Outcome(cur, Observation.pid(v.translate(cur, slot, t.activeNs()), slot));
    }

    /**
     * The child's context after copy_process: credentials {@code cred} charged (copy_creds, U3,
     * U4), the parent's IPC namespace or a new one (copy_namespaces), the parent's undo list if
     * CLONE_SYSVSEM (copy_semundo, I7).
     */
    private static Kernel copyContext(Kernel k, int parent, int child, int flags, Credentials cred) {
        Kernel cur = SemRules.copySemundo(k, parent, flags);
        int undo = has(flags, CLONE_SYSVSEM) ? cur.objects().context(parent).undoList() : -1;
        cur = NsproxyRules.copyNamespaces(cur, parent, child, flags, undo, cred);
        return FilesRules.copyFiles(cur, parent, child, has(flags, CLONE_THREAD));
    }

    /** ksys_unshare: a new user, IPC or PID namespace, or only a fresh SysV undo list (P12, I9, U3). */
    static Outcome unshare(Variant v, Limits limits, Kernel k, int actor, int flags) {
        flags = v.cloneFlags(flags);
        // ksys_unshare: CLONE_NEWUSER implies CLONE_THREAD, and check_unshare_flags refuses
        // CLONE_THREAD unless the caller is alone in its thread group (thread_group_empty; a
        // zombie leader still counts) (unshare(2) EINVAL).
        if (has(flags, CLONE_NEWUSER) && k.groupMembers(k.groupLeader(actor)).size() > 1) return Outcome.error(k, Errno.EINVAL);
        // execns: namespaces change only at exec, where the references unshare would carry are dropped (H3).
        if ((flags & (CLONE_NEWUSER | CLONE_NEWIPC | CLONE_NEWPID)) != 0 && v.unshareOnlyAtExec()) return Outcome.error(k, Errno.EINVAL);
        return unshareNamespaces(v, limits, k, actor, flags);
    }

    /** ksys_unshare after its flag checks: the user namespace, then the IPC one (or the undo list), then the PID one. */
    private static Outcome unshareNamespaces(Variant v, Limits limits, Kernel k, int actor, int flags) {
        // unshare_userns first: the other namespaces are asked of the new credentials (K1); a
        // later refusal leaves the caller as it was (ksys_unshare commits nothing on error).
        Kernel cur = k;
        if (has(flags, CLONE_NEWUSER)) {
            Outcome o = UserNamespaceRules.unshareUserns(v, limits, cur, actor);
            if (o.observation().failed()) return o;
            cur = o.next();
        }
        if (has(flags, CLONE_NEWIPC) || has(flags, CLONE_SYSVSEM)) {
            Outcome o = NsproxyRules.unshareIpc(v, cur, actor, flags);
            if (o.observation().failed()) return Outcome.error(k, o.observation().errno());
            cur = o.next();
        }
        if (has(flags, CLONE_NEWPID)) {
            Outcome o = PidNamespaceRules.unshareNewPid(limits, cur, actor);
            if (o.observation().failed()) return Outcome.error(k, o.observation().errno());
            cur = o.next();
        }
        return Outcome.zero(cur);
    }

    /**
     * execns (2006, not merged; H3): the only way to new namespaces is an exec, which drops what a
     * namespace change would otherwise have to carry across: futex_exec_release runs the robust
     * list and PI states (F5), as every execve does, and the SysV undo list is dropped as the
     * proposal's exec drops it (exit_sem), then the user, IPC and PID namespaces in {@code flags}
     * are unshared as unshare would (the new PID namespace for later children). Mainline has no
     * such call (ENOSYS).
     */
    static Outcome execns(Variant v, Limits limits, Kernel k, int actor, int flags) {
        if (!v.unshareOnlyAtExec()) return Outcome.error(k, Errno.ENOSYS);
        if (has(flags, CLONE_NEWPID)) {
            Outcome refused = PidNamespaceRules.createRefused(limits, k, k.task(actor), k.objects().context(actor).cred().userNs());
            if (refused != null) return refused;
        }
        Kernel released = SemRules.exitSem(FutexCoreRules.exitRelease(v, k, actor), actor);
        Outcome o = unshareNamespaces(v, limits, released, actor, flags & (CLONE_NEWUSER | CLONE_NEWIPC | CLONE_NEWPID));
        return o.observation().failed() ? Outcome.error(k, o.observation().errno()) : o;
    }
}
