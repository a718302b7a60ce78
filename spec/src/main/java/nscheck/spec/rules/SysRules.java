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

    /** setpgid(0, 0) (ksys_setpgid): the group is named by the struct pid of the caller's group leader. */
    static Outcome setpgid(Kernel k, int actor) {
        Task t = k.task(actor);
        int leader = t.hasLeader() ? t.leader : actor;
        TaskContext c = k.objects().context(actor);
        return Outcome.zero(k.withObjects(k.objects().withContext(actor, c.withPgrp(PidRef.of(k, leader)))).collectNamespaces());
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
