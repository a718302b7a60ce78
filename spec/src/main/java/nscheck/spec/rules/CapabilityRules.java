package nscheck.spec.rules;

import nscheck.spec.call.Privilege;
import nscheck.spec.state.Credentials;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.UserNamespace;

/**
 * security/commoncap.c and include/linux/capability.h: whether credentials hold their
 * capabilities in a user namespace (K1). The spec's credentials hold every capability or none
 * ({@link Credentials#caps}), so CAP_SYS_ADMIN, CAP_CHECKPOINT_RESTORE, CAP_KILL, CAP_SETUID and
 * CAP_SYS_PTRACE are one question asked of different namespaces. Public for the invariants that
 * restate who may choose a PID (no-unprivileged-pid-choice).
 */
public final class CapabilityRules {
    private CapabilityRules() {}

    /**
     * cap_capable: does a task with {@code c} hold its capabilities in user namespace {@code target}?
     * Yes in its own namespace if it has them; in a descendant if it is that namespace's owner
     * (or the owner of one between) and the namespace's parent is its own; never in an ancestor
     * or a sibling.
     */
    public static boolean capable(KernelObjects o, Credentials c, int target) {
        int level = o.userNs(c.userNs()).level();
        int ns = target;
        // Each step up is one level, so the walk ends at the caller's level (no cycle to guard against).
        for (UserNamespace n = o.userNs(ns); n.level() > level; n = o.userNs(ns)) {
            if (n.parent() == c.userNs() && n.owner() == c.euid()) return true;
            ns = n.parent();
        }
        return ns == c.userNs() && c.caps();
    }

    /**
     * The shallowest level of PID namespace {@code pidNs}'s chain whose owning user namespace
     * {@code c} is checkpoint_restore_ns_capable in ({@link Privilege#NONE} if none). Exact as a
     * single number because a namespace's owner is the owner of its parent or a descendant of it
     * (copy_pid_ns: in_userns), and cap_capable in a user namespace implies it in every
     * descendant: privilege, once held at a level, holds at every deeper one.
     */
    public static int capsFromLevel(Kernel k, Credentials c, int pidNs) {
        int from = Privilege.NONE;
        for (int n = pidNs; n >= 0; n = k.ns(n).parent())
            if (capable(k.objects(), c, k.ns(n).userNs())) from = k.ns(n).level();
        return from;
    }

    /** The same for task {@code actor}'s credentials. */
    public static int capsFromLevel(Kernel k, int actor, int pidNs) {
        return capsFromLevel(k, k.objects().context(actor).cred(), pidNs);
    }

    /** in_userns: is {@code ns} {@code ancestor} or below it? */
    static boolean inUserns(KernelObjects o, int ancestor, int ns) {
        for (int n = ns, hops = 0; n >= 0 && hops <= o.userNsSlots(); n = o.userNs(n).parent(), hops++)
            if (n == ancestor) return true;
        return false;
    }

    /**
     * kill_ok_by_cred (kernel/signal.c): the sender's real or effective uid is the target's real or
     * saved uid (the spec's saved uid is its effective one), or it holds CAP_KILL in the target's
     * user namespace. Kernel uids compare globally, across user namespaces (K3).
     */
    static boolean killOk(KernelObjects o, Credentials sender, Credentials target) {
        if (sender.euid() == target.euid() || sender.euid() == target.uid()
                || sender.uid() == target.euid() || sender.uid() == target.uid()) return true;
        return capable(o, sender, target.userNs());
    }

    /**
     * ptrace_may_access (kernel/ptrace.c), as pidfd setns (REALCREDS) and /proc/PID/ns (FSCREDS,
     * the caller passing its fsuid as uid) ask it. __ptrace_may_access: the caller's uid and gid
     * are the target's, or it holds CAP_SYS_PTRACE in the target's user namespace. Then
     * task_still_dumpable: a target whose mm is not dumpable needs CAP_SYS_PTRACE in its mm's user
     * namespace, init_user_ns for every task of the spec (no task execs, dup_mm keeps it) (K4); a
     * dead task has no mm, and the dumpability exit_mm cached (user_dumpable, never set for a
     * kernel thread) asks the same of init_user_ns (upstream 31e62c2ebbfd, "ptrace: slightly saner
     * 'get_dumpable()' logic"; before it a task without mm skipped this check). The spec's
     * {@link Credentials#dumpable} is the mm's flag and stays as it was at exit, so both cases
     * read it. Last the LSM hook security_ptrace_access_check, cap_ptrace_access_check
     * (security/commoncap.c): a caller in the target's user namespace must hold every capability
     * the target holds (cap_issubset; the spec's permitted and effective sets are one), a caller
     * anywhere else CAP_SYS_PTRACE in the target's (found by `nscheck conform`: a task that
     * unshared a user namespace may neither open its parent's namespace files nor setns through
     * the pidfd of its zombie sibling, though its uid is theirs).
     */
    static boolean ptraceMayRead(KernelObjects o, Credentials caller, Credentials target) {
        boolean ids = caller.uid() == target.uid() && caller.uid() == target.euid() && caller.gid() == target.gid();
        if (!ids && !capable(o, caller, target.userNs())) return false;
        if (!target.dumpable() && !capable(o, caller, UserNamespace.INIT)) return false;
        return caller.userNs() == target.userNs() ? caller.caps() || !target.caps() : capable(o, caller, target.userNs());
    }
}
