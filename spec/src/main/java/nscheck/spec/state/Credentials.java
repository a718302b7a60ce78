package nscheck.spec.state;

/**
 * struct cred, reduced to what identity checks read (include/linux/cred.h). Ids are kernel ids
 * (kuid_t, kgid_t: the init user namespace's numbers); user space sees them through the maps
 * of its own user namespace (U3, C3). The saved uid is the effective one (no set*uid call here
 * splits them). {@code caps}: the full capability set in {@code userNs} (root of a namespace,
 * or the creator of a fresh one), else none. {@code dumpable}: the mm's dumpable flag
 * (SUID_DUMP_USER), which commit_creds clears when the euid changes (suid_dumpable 0); kept here
 * because only a credential change moves it and every task shares its mm with no other (K4).
 */
public record Credentials(int userNs, int uid, int euid, int gid, boolean caps, boolean dumpable) {
    /** The root init's credentials: uid 0 in init_user_ns with every capability. */
    public static final Credentials ROOT = new Credentials(UserNamespace.INIT, 0, 0, 0, true, true);

    /** setuid with CAP_SETUID: every uid becomes {@code kuid}; commit_creds: non-dumpable if the euid moved (K4). */
    public Credentials withUser(int kuid, boolean keepCaps) {
        return new Credentials(userNs, kuid, kuid, gid, keepCaps, dumpable && kuid == euid);
    }

    /** setuid without CAP_SETUID: only the effective uid moves (to the real or saved one). */
    public Credentials withEuid(int kuid) {
        return new Credentials(userNs, uid, kuid, gid, false, dumpable && kuid == euid);
    }

    /** commit_creds after create_user_ns: the creator holds every capability in the new namespace. */
    public Credentials inNewUserNs(int ns) {
        return new Credentials(ns, uid, euid, gid, true, dumpable);
    }

    void hashInto(StateHasher h) {
        h.add(userNs);
        h.add(uid);
        h.add(euid);
        h.add(gid);
        h.add((caps ? 1 : 0) | (dumpable ? 0 : 2));
    }

    @Override
    public String toString() {
        return "uid=" + uid + (euid != uid ? "/" + euid : "") + (userNs != UserNamespace.INIT ? "@U" + userNs : "") + (caps ? "" : " nocaps") + (dumpable ? "" : " nodump");
    }
}
