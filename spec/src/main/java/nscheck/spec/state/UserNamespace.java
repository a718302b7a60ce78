package nscheck.spec.state;

/**
 * One user namespace (kernel/user_namespace.c). The maps are reduced to what an unprivileged
 * creator may write (new_idmap_permitted): one extent of length 1 mapping uid 0 inside to the
 * owner's kuid (and gid 0 to the owner's kgid). init_user_ns maps every id to itself.
 *
 * @param parent   slot of the parent, -1 for init_user_ns
 * @param level    0 for init_user_ns (at most 32 deep; the model bounds it with the depth bound)
 * @param owner    the creator's euid (ns->owner), a kuid
 * @param ownerGid the creator's egid, a kgid
 * @param mapped   uid_map and gid_map have been written (once only: EPERM after)
 */
public record UserNamespace(int parent, int level, int owner, int ownerGid, boolean mapped) {
    public static final int INIT = 0;
    /** /proc/sys/kernel/overflowuid: what an unmapped id reads as (C3, I4, P10). */
    public static final int OVERFLOW_ID = 65534;
    /** What make_kuid returns for an id with no mapping (INVALID_UID). */
    public static final int INVALID = -1;

    public static final UserNamespace INIT_USER_NS = new UserNamespace(-1, 0, 0, 0, true);

    /** make_kuid: the kernel id of {@code uid} as this namespace writes it, {@link #INVALID} if unmapped. */
    public int toKernel(int uid, boolean group) {
        if (parent < 0) return uid;
        return mapped && uid == 0 ? (group ? ownerGid : owner) : INVALID;
    }

    /** from_kuid_munged: the id this namespace sees for {@code kid}, the overflow id if it has none. */
    public int fromKernel(int kid, boolean group) {
        if (parent < 0) return kid;
        return mapped && kid == (group ? ownerGid : owner) ? 0 : OVERFLOW_ID;
    }

    public UserNamespace withMaps() {
        return new UserNamespace(parent, level, owner, ownerGid, true);
    }

    void hashInto(StateHasher h) {
        h.add(parent);
        h.add(level);
        h.add(owner);
        h.add(ownerGid);
        h.add(mapped ? 1 : 0);
    }
}
