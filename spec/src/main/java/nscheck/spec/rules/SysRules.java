package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.Credentials;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.Task;
import nscheck.spec.state.TaskContext;
import nscheck.spec.state.UserNamespace;
import nscheck.spec.variant.Variant;

/**
 * kernel/sys.c: the identity calls: getpid, gettid, getppid, setpgid, setuid and
 * prctl(PR_SET_CHILD_SUBREAPER) (P7, P8, U3). Every number is the variant's translation into
 * the caller's active namespace.
 */
final class SysRules {
    private SysRules() {}

    /** getpid: the TGID, the leader's number (a thread's own is gettid()). */
    static Outcome getpid(Variant v, Kernel k, int actor) {
        Task t = k.task(actor);
        int group = t.hasLeader() ? t.leader : actor;
        return new Outcome(k, Observation.pid(v.translate(k, group, t.activeNs()), group));
    }

    /** gettid: the calling thread's own number. */
    static Outcome gettid(Variant v, Kernel k, int actor) {
        return new Outcome(k, Observation.pid(v.translate(k, actor, k.task(actor).activeNs()), actor));
    }

    /** getppid: task_tgid_vnr(real_parent), the parent's process, also when the parent is a thread (P8). */
    static Outcome getppid(Variant v, Kernel k, int actor) {
        Task t = k.task(actor);
        if (t.parent < 0) return Outcome.zero(k);
        int parent = k.task(t.parent) == null ? t.parent : k.groupLeader(t.parent);
        return new Outcome(k, Observation.pid(v.translate(k, parent, t.activeNs()), parent));
    }

    /** prctl(PR_SET_CHILD_SUBREAPER, 1) (P7). */
    static Outcome setChildSubreaper(Kernel k, int actor) {
        return Outcome.zero(k.withTask(actor, k.task(actor).withSubreaper(true)));
    }

    /**
     * setpgid(pid, pgid) (kernel/sys.c): pid 0 is the caller's process, pgid 0 is pid; pgid < 0
     * EINVAL; no such task ESRCH; not a thread-group leader EINVAL; the caller's child in another
     * session EPERM (a child that has exec'd would be EACCES: the spec has no exec); neither the
     * caller nor its child ESRCH; a session leader EPERM; a group other than its own PID must
     * exist in the caller's namespace and session (pid_task(find_vpid(pgid), PIDTYPE_PGID)) else
     * EPERM. The group is a struct pid, kept by every thread of the process (signal_struct).
     */
    static Outcome setpgid(Variant v, Kernel k, int actor, int pid, int pgid) {
        int self = k.groupLeader(actor);
        int ns = k.task(actor).activeNs();
        if (pid == 0) pid = v.translate(k, self, ns);
        if (pgid == 0) pgid = pid;
        if (pgid < 0) return Outcome.error(k, Errno.EINVAL);
        int p = v.lookup(k, ns, pid);
        if (p < 0) return Outcome.error(k, Errno.ESRCH);
        Task target = k.task(p);
        if (target.hasLeader()) return Outcome.error(k, Errno.EINVAL);
        KernelObjects o = k.objects();
        PidRef session = o.context(self).session();
        if (target.parent >= 0 && k.task(target.parent) != null && k.groupLeader(target.parent) == self) {
            if (!session.equals(o.context(p).session())) return Outcome.error(k, Errno.EPERM);
        } else if (p != self) {
            return Outcome.error(k, Errno.ESRCH);
        }
        PidRef own = PidRef.of(k, p);
        if (own.equals(o.context(p).session())) return Outcome.error(k, Errno.EPERM);
        PidRef group = pgid == pid ? own : structPid(v, k, ns, pgid);
        if (pgid != pid && (group == null || !isSessionMemberGroup(k, group, session))) return Outcome.error(k, Errno.EPERM);
        return Outcome.zero(withProcess(k, p, c -> c.withPgrp(group)));
    }

    /** pid_task(pgrp, PIDTYPE_PGID) exists and task_session(g) is {@code session}: some process in that group and session. */
    private static boolean isSessionMemberGroup(Kernel k, PidRef group, PidRef session) {
        for (int i = 0; i < k.taskSlots(); i++) {
            TaskContext c = k.objects().context(i);
            if (k.task(i) != null && c != null && group.equals(c.pgrp())) return session.equals(c.session());
        }
        return false;
    }

    /**
     * setsid() (ksys_setsid): EPERM if the caller already leads a session, or if a group named by
     * its own struct pid exists (pid_task(task_pid(group_leader), PIDTYPE_PGID)); else it leads a
     * new session and group and gets pid_vnr(sid). A namespace init leads neither the session nor
     * the group it inherited from outside, so its first setsid() succeeds and returns 1.
     */
    static Outcome setsid(Variant v, Kernel k, int actor) {
        int self = k.groupLeader(actor);
        PidRef own = PidRef.of(k, self);
        KernelObjects o = k.objects();
        if (own.equals(o.context(self).session())) return Outcome.error(k, Errno.EPERM);
        for (int i = 0; i < k.taskSlots(); i++)
            if (k.task(i) != null && o.context(i) != null && own.equals(o.context(i).pgrp())) return Outcome.error(k, Errno.EPERM);
        Kernel next = withProcess(k, self, c -> c.withSession(own)).collectNamespaces();
        return new Outcome(next, Observation.pid(v.translate(k, self, k.task(actor).activeNs()), self));
    }

    /**
     * getsid(pid) / getpgid(pid): pid 0 the caller, else find_task_by_vpid (ESRCH if none); the
     * result is pid_vnr of its session (or group) in the caller's namespace: 0, not an error, where
     * the leader's struct pid has no number there (a namespace init's inherited session and group).
     */
    static Outcome getsid(Variant v, Kernel k, int actor, int pid, boolean session) {
        int ns = k.task(actor).activeNs();
        int p = pid == 0 ? actor : v.lookup(k, ns, pid);
        if (p < 0) return Outcome.error(k, Errno.ESRCH);
        TaskContext c = k.objects().context(p);
        PidRef ref = session ? c.session() : c.pgrp();
        int holder = ref.holder(k);
        return new Outcome(k, Observation.pid(v.pidVnr(k, ref, ns), holder)); // holder(): NOBODY once reaped
    }

    /** The struct pid {@code nr} names in {@code ns} (find_vpid): a task's, or one kept alive only as a group or session. */
    static PidRef structPid(Variant v, Kernel k, int ns, int nr) {
        int holder = v.lookup(k, ns, nr);
        return holder >= 0 ? PidRef.of(k, holder) : k.objects().groupNumbered(ns, nr);
    }

    /** A change to the process of leader {@code leader}: every thread's copy (pgrp and session live in the shared signal_struct). */
    private static Kernel withProcess(Kernel k, int leader, java.util.function.UnaryOperator<TaskContext> change) {
        KernelObjects o = k.objects();
        for (int i : k.groupMembers(leader)) if (o.context(i) != null) o = o.withContext(i, change.apply(o.context(i)));
        return k.withObjects(o).collectNamespaces();
    }

    /**
     * setuid(2) (__sys_setuid): EINVAL if unmapped; with CAP_SETUID in its namespace all of real,
     * effective and saved change (and capabilities go unless the new uid is the namespace's root,
     * cap_emulate_setxuid); without, only the effective uid, and only to the real or saved uid.
     */
    static Outcome setuid(Variant v, Kernel k, int actor, int uid) {
        KernelObjects o = k.objects();
        Credentials c = o.context(actor).cred();
        UserNamespace ns = o.userNs(c.userNs());
        int kuid = ns.toKernel(uid, false);
        if (kuid == UserNamespace.INVALID) return Outcome.error(k, Errno.EINVAL);
        Credentials next;
        if (c.caps()) {
            next = c.withUser(kuid, kuid == ns.toKernel(0, false));
        } else if (kuid == c.uid() || kuid == c.euid()) {
            next = c.withEuid(kuid);
        } else {
            return Outcome.error(k, Errno.EPERM);
        }
        return Outcome.zero(k.withObjects(CredRules.commitCreds(v, o, actor, c, next)));
    }
}
