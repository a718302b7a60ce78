package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.Credentials;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.Limits;
import nscheck.spec.state.UserNamespace;
import nscheck.spec.variant.Variant;

/** kernel/user_namespace.c: making a user namespace and writing its id maps (U3, P10, C3). */
final class UserNamespaceRules {
    private UserNamespaceRules() {}

    /**
     * unshare(CLONE_NEWUSER) (unshare_userns, create_user_ns): ENOSPC beyond the depth; EPERM
     * unless the creator's euid and egid are mapped in its namespace; the creator gets every
     * capability in the new namespace and its RLIMIT_NPROC charge moves to (new ns, uid) (commit_creds).
     */
    static Outcome unshareUserns(Variant v, Limits limits, Kernel k, int actor) {
        KernelObjects o = k.objects();
        Credentials c = o.context(actor).cred();
        Outcome refused = createRefused(limits, k, c);
        if (refused != null) return refused;
        int slot = o.freeUserNsSlot();
        o = o.addUserNs(created(o, c));
        o = CredRules.commitCreds(v, o, actor, c, c.inNewUserNs(slot));
        return Outcome.zero(k.withCollected(o));
    }

    /** create_user_ns' checks, for unshare and clone(CLONE_NEWUSER): null when the namespace may be made. */
    static Outcome createRefused(Limits limits, Kernel k, Credentials c) {
        UserNamespace parent = k.objects().userNs(c.userNs());
        if (parent.level() + 1 > limits.maxLevel()) return Outcome.error(k, Errno.ENOSPC);
        if (parent.fromKernel(c.euid(), false) == UserNamespace.OVERFLOW_ID
                || parent.fromKernel(c.gid(), true) == UserNamespace.OVERFLOW_ID) return Outcome.error(k, Errno.EPERM);
        return null;
    }

    /** The namespace create_user_ns makes for {@code c}: a child of its own, owned by its euid and egid, with no maps yet. */
    static UserNamespace created(KernelObjects o, Credentials c) {
        return new UserNamespace(c.userNs(), o.userNs(c.userNs()).level() + 1, c.euid(), c.gid(), false);
    }

    /**
     * Writing "0 euid 1" to uid_map (and, after "deny" to setgroups, "0 egid 1" to gid_map) of the
     * caller's own namespace (map_write, new_idmap_permitted): needs CAP_SYS_ADMIN in it, the
     * writer must be its owner, and a map is written once (EPERM after). Before any of that the
     * open: a non-dumpable task's /proc/self files belong to root of its mm's user namespace
     * (task_dump_owner; kuid 0, init_user_ns for every task of the spec), and mode 0644 lets
     * another fsuid write only with CAP_DAC_OVERRIDE in its namespace and kuid 0 mapped there
     * (capable_wrt_inode_uidgid): EACCES otherwise (K4).
     */
    static Outcome mapWrite(Kernel k, int actor) {
        KernelObjects o = k.objects();
        Credentials c = o.context(actor).cred();
        UserNamespace ns = o.userNs(c.userNs());
        if (!c.dumpable() && c.euid() != 0
                && !(c.caps() && ns.fromKernel(0, false) != UserNamespace.OVERFLOW_ID && ns.fromKernel(0, true) != UserNamespace.OVERFLOW_ID))
            return Outcome.error(k, Errno.EACCES);
        if (ns.parent() < 0 || ns.mapped() || !c.caps() || ns.owner() != c.euid() || ns.ownerGid() != c.gid())
            return Outcome.error(k, Errno.EPERM);
        return Outcome.zero(k.withObjects(o.withUserNs(c.userNs(), ns.withMaps())));
    }
}
