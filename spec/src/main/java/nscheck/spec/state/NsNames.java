package nscheck.spec.state;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.variant.NamespaceIds;
import nscheck.spec.variant.Variant;

import java.util.Arrays;

/**
 * What names each live PID, IPC and user namespace to user space (N1, N3): its nsfs inode number
 * (what fstat(2) and readlink(2) of a namespace file show, "pid:[4026532181]") and its 64-bit id
 * (NS_GET_ID). Kept only when the boot asks ({@link Limits#nsNames}): every other model's states
 * stay what they were.
 *
 * <p>Inode numbers (fs/proc/generic.c proc_alloc_inum, kernel/nscommon.c __ns_common_init): the
 * initial namespaces have fixed ones (include/uapi/linux/nsfs.h init_ns_ino: IPC 0xEFFFFFFF, user
 * 0xEFFFFFFD, PID 0xEFFFFFFC); every other takes the lowest free index of one IDA shared by all
 * types, plus 0xF0000000, and gives it back when it is freed, so numbers come back. Ids (6.18
 * kernel/nstree.c ns_tree_gen_id, a per-CPU batched cookie): unique across types, never reused
 * within a boot, not ordered across CPUs; the spec draws them from one counter, and what user space
 * can rely on is only that equal ids name the same namespace. The initial namespaces' ids depend on
 * the boot on 6.18; the spec gives them the values later kernels fix (init_ns_id: IPC 1, user 3,
 * PID 4) and starts the counter after them.
 *
 * @param ino    by type ({@link #PID}, {@link #IPC}, {@link #USER}) and slot; 0 for no live namespace
 * @param id     likewise
 * @param nextId the counter's next value
 */
public record NsNames(long[][] ino, long[][] id, long nextId) {
    public static final int PID = 0, IPC = 1, USER = 2;
    /** PROC_PID_INIT_INO, PROC_IPC_INIT_INO, PROC_USER_INIT_INO (include/linux/proc_ns.h). */
    public static final long[] INIT_INO = {0xEFFFFFFCL, 0xEFFFFFFFL, 0xEFFFFFFDL};
    private static final long[] INIT_ID = {4, 1, 3};
    /** PROC_DYNAMIC_FIRST: the first number proc_alloc_inum hands out. */
    public static final long DYNAMIC_FIRST = 0xF0000000L;
    /** Assignment order within one call: the user namespace first (copy_creds), then IPC, then PID (create_new_namespaces). */
    private static final int[] CREATION_ORDER = {USER, IPC, PID};

    public static NsNames boot() {
        long[][] ino = new long[3][], id = new long[3][];
        for (int t = 0; t < 3; t++) {
            ino[t] = new long[] {INIT_INO[t]};
            id[t] = new long[] {INIT_ID[t]};
        }
        return new NsNames(ino, id, 9);
    }

    /** The table index of a CLONE_NEW* flag. */
    public static int type(int cloneFlag) {
        return cloneFlag == CloneFlags.CLONE_NEWPID ? PID : cloneFlag == CloneFlags.CLONE_NEWIPC ? IPC : USER;
    }

    public long ino(int type, int slot) {
        return slot >= 0 && slot < ino[type].length ? ino[type][slot] : 0;
    }

    public long id(int type, int slot) {
        return slot >= 0 && slot < id[type].length ? id[type][slot] : 0;
    }

    /**
     * What names the namespace under {@code scheme} (the question each identifier variant answers,
     * N1, N3, N4): its inode number under proc-inode, its id under mainline's ns_id and the 2014
     * serial numbers, which user space can tell apart by nothing but their values.
     */
    public long name(NamespaceIds scheme, int type, int slot) {
        return scheme == NamespaceIds.PROC_INODE ? ino(type, slot) : id(type, slot);
    }

    /**
     * A restorer asks that the namespace in {@code slot} carry inode number {@code wanted}: granted
     * under a restorable scheme (proc-inode's) when no live namespace holds it; never under
     * mainline, whose ids and inode numbers no call sets.
     */
    public NsNames withRequested(NamespaceIds scheme, int type, int slot, long wanted) {
        if (!scheme.restorable || wanted < DYNAMIC_FIRST) return this;
        for (long[] row : ino) for (long x : row) if (x == wanted) return this;
        long[][] copy = ino.clone();
        copy[type] = ino[type].clone();
        copy[type][slot] = wanted;
        return new NsNames(copy, id, nextId);
    }

    private static boolean live(Kernel k, int type, int slot) {
        return type == PID ? k.ns(slot) != null : type == IPC ? k.objects().ipcNs(slot) != null : k.objects().userNs(slot) != null;
    }

    private static int slots(Kernel k, int type) {
        return type == PID ? k.nsSlots() : type == IPC ? k.objects().ipcNsSlots() : k.objects().userNsSlots();
    }

    /**
     * The names after a call left the kernel {@code after}: a namespace freed gives its inode
     * number back (proc_free_inum, when its last reference is put) and its id is never seen again;
     * a new one gets the lowest free inode number and the next id.
     */
    public NsNames follow(Variant v, Kernel after) {
        long[][] i2 = new long[3][], d2 = new long[3][];
        boolean changed = false;
        for (int t = 0; t < 3; t++) {
            int n = Math.max(ino[t].length, slots(after, t));
            i2[t] = Arrays.copyOf(ino[t], n);
            d2[t] = Arrays.copyOf(id[t], n);
            for (int s = 0; s < n; s++)
                if (i2[t][s] != 0 && !live(after, t, s)) {
                    i2[t][s] = 0;
                    d2[t][s] = 0;
                    changed = true;
                }
        }
        long next = nextId;
        for (int t : CREATION_ORDER)
            for (int s = 0; s < i2[t].length; s++)
                if (i2[t][s] == 0 && live(after, t, s)) {
                    i2[t][s] = lowestFree(v, after, i2);
                    d2[t][s] = next++;
                    changed = true;
                }
        if (!changed) return this;
        for (int t = 0; t < 3; t++) {
            int len = i2[t].length;
            while (len > 1 && i2[t][len - 1] == 0) len--;
            i2[t] = Arrays.copyOf(i2[t], len);
            d2[t] = Arrays.copyOf(d2[t], len);
        }
        return new NsNames(i2, d2, next);
    }

    /** ida_alloc: the lowest index no live namespace holds (a variant may count one as given back early). */
    private static long lowestFree(Variant v, Kernel k, long[][] ino) {
        for (long candidate = DYNAMIC_FIRST; ; candidate++) {
            boolean taken = false;
            for (int t = 0; t < 3 && !taken; t++)
                for (int s = 0; s < ino[t].length && !taken; s++)
                    taken = ino[t][s] == candidate && !(t == PID && v.nsInumFreedWithInit() && !k.ns(s).adding());
            if (!taken) return candidate;
        }
    }

    void hashInto(StateHasher h) {
        for (int t = 0; t < 3; t++) {
            h.add(ino[t].length);
            for (int s = 0; s < ino[t].length; s++) {
                h.add(ino[t][s]);
                h.add(id[t][s]);
            }
        }
        h.add(nextId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NsNames n && nextId == n.nextId && Arrays.deepEquals(ino, n.ino) && Arrays.deepEquals(id, n.id);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(ino) * 31 + Long.hashCode(nextId);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ns names");
        String[] names = {"pid", "ipc", "user"};
        for (int t = 0; t < 3; t++)
            for (int i = 0; i < ino[t].length; i++)
                if (ino[t][i] != 0) s.append(' ').append(names[t]).append(i).append("=[").append(ino[t][i]).append(" id ").append(id[t][i]).append(']');
        return s.toString();
    }
}
