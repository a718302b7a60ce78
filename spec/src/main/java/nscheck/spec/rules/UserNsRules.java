package nscheck.spec.rules;

import nscheck.spec.state.Credentials;
import nscheck.spec.call.Errno;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.TaskContext;
import nscheck.spec.state.UserNamespace;

/**
 * User namespaces, credentials and per-user process accounting (kernel/user_namespace.c,
 * kernel/cred.c, kernel/sys.c, kernel/ucount.c, kernel/fork.c; U3-U5).
 */
final class UserNsRules {
    /** RLIMIT_NPROC of every task, and the rlimit recorded for every user namespace at creation (scaled down). */
    static final int RLIMIT_NPROC = 2;

    private UserNsRules() {}

    private static Outcome fail(Kernel k, Errno e) {
        return new Outcome(k, Observation.error(e));
    }

    /**
     * cap_capable: does a task with {@code c} hold its capabilities in user namespace {@code target}?
     * Yes in its own namespace if it has them; in a descendant if it is that namespace's owner
     * (or the owner of one between) and the namespace's parent is its own.
     */
    static boolean capable(KernelObjects o, Credentials c, int target) {
        for (int ns = target, hops = 0; ns >= 0 && hops <= o.userNsSlots(); hops++) {
            if (ns == c.userNs()) return c.caps();
            UserNamespace n = o.userNs(ns);
            if (n.level() <= o.userNs(c.userNs()).level()) return false;
            if (n.parent() == c.userNs() && n.owner() == c.euid()) return true;
            ns = n.parent();
        }
        return false;
    }

    /**
     * copy_process after copy_creds (U5): the child's charge is already counted; over the limit at
     * the cred's own level (RLIMIT_NPROC) or any ancestor (the rlimit recorded at creation) is
     * EAGAIN, unless the cred's user is INIT_USER (kuid 0, in whatever user namespace: user_structs
     * are looked up by kuid) or it holds CAP_SYS_RESOURCE/CAP_SYS_ADMIN in init_user_ns.
     */
    static Outcome forkRefused(Kernel k, int actor) {
        KernelObjects o = k.objects();
        Credentials c = o.context(actor).cred();
        if (c.uid() == 0) return null;
        if (c.userNs() == UserNamespace.INIT && c.caps()) return null;
        for (int ns = c.userNs(), uid = c.uid(), hops = 0; ns >= 0 && hops <= o.userNsSlots(); hops++) {
            if (o.ucounts().count(ns, uid) + 1 > RLIMIT_NPROC) return fail(k, Errno.EAGAIN);
            uid = o.userNs(ns).owner();
            ns = o.userNs(ns).parent();
        }
        return null;
    }

    /** copy_creds: the child is charged to its (user ns, real uid) and up the chain (U3, U4). */
    static KernelObjects chargeChild(KernelObjects o, Credentials c) {
        return o.chargeNproc(c.userNs(), c.uid(), 1);
    }

    /**
     * unshare(CLONE_NEWUSER) (create_user_ns): ENOSPC beyond the depth; EPERM unless the
     * creator's euid and egid are mapped in its namespace; the creator gets every capability in
     * the new namespace and its RLIMIT_NPROC charge moves to (new ns, uid) (commit_creds).
     */
    static Outcome unshareUser(Semantics s, Kernel k, int actor) {
        KernelObjects o = k.objects();
        TaskContext ctx = o.context(actor);
        Credentials c = ctx.cred();
        UserNamespace parent = o.userNs(c.userNs());
        if (parent.level() + 1 > s.limits.maxLevel()) return fail(k, Errno.ENOSPC);
        if (parent.fromKernel(c.euid(), false) == UserNamespace.OVERFLOW_ID
                || parent.fromKernel(c.gid(), true) == UserNamespace.OVERFLOW_ID) return fail(k, Errno.EPERM);
        int slot = o.freeUserNsSlot();
        o = o.addUserNs(new UserNamespace(c.userNs(), parent.level() + 1, c.euid(), c.gid(), false));
        Credentials next = c.inNewUserNs(slot);
        o = moveCharge(s, o, c, next).withContext(actor, ctx.withCred(next));
        return new Outcome(k.withObjects(o.collect()), Observation.ZERO);
    }

    /** commit_creds: when the real uid or the user namespace changes, the NPROC charge moves (U3). */
    private static KernelObjects moveCharge(Semantics s, KernelObjects o, Credentials from, Credentials to) {
        if (from.userNs() == to.userNs() && from.uid() == to.uid()) return o;
        if (!s.variant.credChangeMovesNproc()) return o;
        return o.chargeNproc(to.userNs(), to.uid(), 1).chargeNproc(from.userNs(), from.uid(), -1);
    }

    /**
     * Writing "0 euid 1" to uid_map (and, after "deny" to setgroups, "0 egid 1" to gid_map) of the
     * caller's own namespace (map_write, new_idmap_permitted): needs CAP_SYS_ADMIN in it, the
     * writer must be its owner, and a map is written once (EPERM after).
     */
    static Outcome writeIdMaps(Kernel k, int actor) {
        KernelObjects o = k.objects();
        Credentials c = o.context(actor).cred();
        UserNamespace ns = o.userNs(c.userNs());
        if (ns.parent() < 0 || ns.mapped() || !c.caps() || ns.owner() != c.euid() || ns.ownerGid() != c.gid())
            return fail(k, Errno.EPERM);
        return new Outcome(k.withObjects(o.withUserNs(c.userNs(), ns.withMaps())), Observation.ZERO);
    }

    /**
     * setuid(2) (__sys_setuid): EINVAL if unmapped; with CAP_SETUID in its namespace all of real,
     * effective and saved change (and capabilities go unless the new uid is the namespace's root,
     * cap_emulate_setxuid); without, only the effective uid, and only to the real or saved uid.
     */
    static Outcome setuid(Semantics s, Kernel k, int actor, int uid) {
        KernelObjects o = k.objects();
        TaskContext ctx = o.context(actor);
        Credentials c = ctx.cred();
        UserNamespace ns = o.userNs(c.userNs());
        int kuid = ns.toKernel(uid, false);
        if (kuid == UserNamespace.INVALID) return fail(k, Errno.EINVAL);
        Credentials next;
        if (c.caps()) {
            next = c.withUser(kuid, kuid == ns.toKernel(0, false));
        } else if (kuid == c.uid() || kuid == c.euid()) {
            next = new Credentials(c.userNs(), c.uid(), kuid, c.gid(), false);
        } else {
            return fail(k, Errno.EPERM);
        }
        o = moveCharge(s, o, c, next).withContext(actor, ctx.withCred(next));
        return new Outcome(k.withObjects(o), Observation.ZERO);
    }
}
