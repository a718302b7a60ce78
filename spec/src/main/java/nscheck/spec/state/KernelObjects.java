package nscheck.spec.state;

import java.util.Arrays;
import java.util.List;

/**
 * The kernel objects beside tasks and PID namespaces: per-task contexts (credentials, IPC
 * namespace, undo list, signal queue), user namespaces, IPC namespaces, SysV undo lists, the
 * Unix socket pairs, the ucounts and the pipe's async I/O owner. Like {@link Kernel}, tables are slots reused lowest first once
 * their object is unreferenced, and every change returns a new value.
 */
public final class KernelObjects {
    private final TaskContext[] contexts;
    private final UserNamespace[] userNs;
    private final IpcNamespace[] ipcNs;
    private final SemUndoList[] undoLists;
    /** The socket pairs (C1-C5), null while there are none: every model without sockets hashes as before. */
    private final UnixSockets socket;
    private final UCounts ucounts;
    /** The model's pipe's f_owner (A1), null until set: kept apart so every older model hashes as before. */
    private final Fown fown;
    /** Memoised fingerprint (0 until used): most steps of a PID model leave the objects alone. Transient: derived, not state (StateCodec skips it). */
    private transient long digest;
    /** Each slot's context digest (null until used; 0: empty or not computed); {@link #withContext} hands the others' to its copy. */
    private transient long[] contextDigests;
    /** {@link #anyQueued} memoised: 0 until asked, 1 none, 2 some (a byte: written whole, the same by every thread). */
    private transient byte queued;
    /** {@link #anyFiles} memoised likewise: most models open no file, and every reap and namespace collection asks. */
    private transient byte files;

    private KernelObjects(TaskContext[] contexts, UserNamespace[] userNs, IpcNamespace[] ipcNs,
                          SemUndoList[] undoLists, UnixSockets socket, UCounts ucounts, Fown fown) {
        this.fown = fown;
        this.contexts = contexts;
        this.userNs = userNs;
        this.ipcNs = ipcNs;
        this.undoLists = undoLists;
        this.socket = socket;
        this.ucounts = ucounts;
    }

    /** At boot: the root init as root in init_user_ns and init_ipc_ns, charged to (init_user_ns, 0). */
    static KernelObjects boot(int maxTasks) {
        TaskContext[] c = new TaskContext[maxTasks];
        c[Kernel.ROOT_INIT] = TaskContext.ROOT;
        return new KernelObjects(c, new UserNamespace[] {UserNamespace.INIT_USER_NS},
                new IpcNamespace[] {IpcNamespace.INIT_IPC_NS}, new SemUndoList[0], null,
                UCounts.EMPTY.add(UserNamespace.INIT, 0, 1), null);
    }

    // ---- queries -------------------------------------------------------------------------

    public TaskContext context(int slot) { return slot < 0 || slot >= contexts.length ? null : contexts[slot]; }

    public int userNsSlots() { return userNs.length; }

    public UserNamespace userNs(int slot) { return slot < 0 || slot >= userNs.length ? null : userNs[slot]; }

    public int ipcNsSlots() { return ipcNs.length; }

    public IpcNamespace ipcNs(int slot) { return slot < 0 || slot >= ipcNs.length ? null : ipcNs[slot]; }

    public int undoSlots() { return undoLists.length; }

    public SemUndoList undoList(int slot) { return slot < 0 || slot >= undoLists.length ? null : undoLists[slot]; }

    /** The socket pairs, {@link UnixSockets#EMPTY} while there are none. */
    public UnixSockets sockets() { return socket == null ? UnixSockets.EMPTY : socket; }

    /** The pipe's f_owner, {@link Fown#NONE} until set (A1). */
    public Fown fown() { return fown == null ? Fown.NONE : fown; }

    public UCounts ucounts() { return ucounts; }

    /**
     * A process group (or session) of an existing task is numbered {@code nr} in PID namespace {@code ns}: the
     * number stays allocated while any task uses it as a PGID or SID, even after its leader is reaped (P3).
     */
    public PidRef groupNumbered(int ns, int nr) {
        PidRef g = null; // asked for every number alloc_pid tries: no array per context
        for (int i = 0; i < contexts.length && g == null && nr > 0; i++) g = contexts[i] == null ? null : contexts[i].groupNumbered(ns, nr);
        return g;
    }

    /** Some task has a siginfo queued (HandlerRules.afterStep delivers none otherwise); most steps keep the objects, and so the answer. */
    public boolean anyQueued() {
        if (queued == 0) {
            boolean any = false;
            for (TaskContext c : contexts) any |= c != null && !c.pending().isEmpty();
            queued = (byte) (any ? 2 : 1);
        }
        return queued == 2;
    }

    /** Some task holds an open file (FdTable): otherwise no pidfd needs marking at a reap, no file pins a namespace. */
    public boolean anyFiles() {
        if (files == 0) {
            boolean any = false;
            for (TaskContext c : contexts) any |= c != null && !c.fds().isEmpty();
            files = (byte) (any ? 2 : 1);
        }
        return files == 2;
    }

    /** True if user namespace {@code ns} is {@code ancestor} or lies below it. */
    public boolean userNsWithin(int ns, int ancestor) {
        for (int n = ns, hops = 0; n >= 0 && hops <= userNs.length; n = userNs[n].parent(), hops++)
            if (n == ancestor) return true;
        return false;
    }

    // ---- changes -------------------------------------------------------------------------

    public KernelObjects withContext(int slot, TaskContext c) {
        TaskContext[] copy = contexts.clone();
        copy[slot] = c;
        KernelObjects o = new KernelObjects(copy, userNs, ipcNs, undoLists, socket, ucounts, fown);
        if (queued == 1 && (c == null || c.pending().isEmpty())) o.queued = 1; // still none
        if (files == 1 && (c == null || c.fds().isEmpty())) o.files = 1; // likewise
        long[] d = contextDigests;
        if (d != null) {
            long[] kept = d.clone();
            if (c != contexts[slot]) kept[slot] = 0;
            o.contextDigests = kept;
        }
        return o;
    }

    public KernelObjects withIpcNs(int slot, IpcNamespace ns) {
        IpcNamespace[] copy = ipcNs.clone();
        copy[slot] = ns;
        return sharing(new KernelObjects(contexts, userNs, copy, undoLists, socket, ucounts, fown));
    }

    public KernelObjects withUserNs(int slot, UserNamespace ns) {
        UserNamespace[] copy = userNs.clone();
        copy[slot] = ns;
        return sharing(new KernelObjects(contexts, copy, ipcNs, undoLists, socket, ucounts, fown));
    }

    public KernelObjects withUndoList(int slot, SemUndoList list) {
        SemUndoList[] copy = undoLists.clone();
        copy[slot] = list;
        return sharing(new KernelObjects(contexts, userNs, ipcNs, copy, socket, ucounts, fown));
    }

    public KernelObjects withSockets(UnixSockets s) {
        return sharing(new KernelObjects(contexts, userNs, ipcNs, undoLists, s == null || s.equals(UnixSockets.EMPTY) ? null : s, ucounts, fown));
    }

    public KernelObjects withFown(Fown f) {
        return sharing(new KernelObjects(contexts, userNs, ipcNs, undoLists, socket, ucounts, f));
    }

    public KernelObjects withUCounts(UCounts u) {
        return sharing(new KernelObjects(contexts, userNs, ipcNs, undoLists, socket, u, fown));
    }

    /** {@code o}, made from these objects: it keeps their context digests if it keeps their contexts. */
    private KernelObjects sharing(KernelObjects o) { if (o.contexts == contexts) { o.contextDigests = contextDigests; o.queued = queued; o.files = files; } return o; }

    /** The per-task contexts moved to their renamed slots (TaskSymmetry); nothing else here names a task slot. */
    KernelObjects withContextsRelabelled(int[] perm) {
        TaskContext[] copy = new TaskContext[contexts.length];
        for (int i = 0; i < contexts.length; i++) copy[perm[i]] = contexts[i];
        KernelObjects o = new KernelObjects(copy, userNs, ipcNs, undoLists, socket, ucounts, fown);
        o.files = files; // the same contexts, elsewhere
        long[] known = contextDigests; // a context's digest is its own, wherever it sits: they move with it
        if (known != null) {
            o.contextDigests = new long[known.length]; // o is not shared yet
            for (int i = 0; i < known.length; i++) o.contextDigests[perm[i]] = known[i];
        }
        return o;
    }

    /** The PID namespaces namespace files hold (N5): Kernel#collectNamespaces keeps them. */
    public List<Integer> heldPidNamespaces() { return anyFiles() ? FdTables.held(contexts, nscheck.spec.call.CloneFlags.CLONE_NEWPID) : List.of(); }

    public int freeUserNsSlot() { return SlotTables.freeSlot(userNs); }

    public int freeIpcNsSlot() { return SlotTables.freeSlot(ipcNs); }

    public int freeUndoSlot() { return SlotTables.freeSlot(undoLists); }

    /** Places the object in slot {@link #freeUserNsSlot()} (growing the table if needed). */
    public KernelObjects addUserNs(UserNamespace ns) {
        UserNamespace[] copy = SlotTables.grown(userNs, freeUserNsSlot(), UserNamespace[]::new);
        copy[freeUserNsSlot()] = ns;
        return sharing(new KernelObjects(contexts, copy, ipcNs, undoLists, socket, ucounts, fown));
    }

    public KernelObjects addIpcNs(IpcNamespace ns) {
        IpcNamespace[] copy = SlotTables.grown(ipcNs, freeIpcNsSlot(), IpcNamespace[]::new);
        copy[freeIpcNsSlot()] = ns;
        return sharing(new KernelObjects(contexts, userNs, copy, undoLists, socket, ucounts, fown));
    }

    public KernelObjects addUndoList(SemUndoList list) {
        SemUndoList[] copy = SlotTables.grown(undoLists, freeUndoSlot(), SemUndoList[]::new);
        copy[freeUndoSlot()] = list;
        return sharing(new KernelObjects(contexts, userNs, ipcNs, copy, socket, ucounts, fown));
    }

    /**
     * inc_rlimit_ucounts / dec_rlimit_ucounts for RLIMIT_NPROC: {@code delta} on (userNs, uid)
     * and on every (parent, owner) above it up to init_user_ns (U4).
     */
    public KernelObjects chargeNproc(int ns, int kuid, int delta) {
        UCounts u = ucounts;
        for (int n = ns, uid = kuid, hops = 0; n >= 0 && hops <= userNs.length; hops++) {
            u = u.add(n, uid, delta);
            uid = userNs[n].owner();
            n = userNs[n].parent();
        }
        return withUCounts(u);
    }

    /** release_task: the context goes, with its RLIMIT_NPROC charge; pidfds on its struct pid {@code pid} name no task (FdTables.reaped). */
    KernelObjects released(int slot, PidRef pid, int[] pinnedUserNs) {
        TaskContext c = contexts[slot];
        if (c == null) return this;
        KernelObjects o = chargeNproc(c.cred().userNs(), c.cred().uid(), -1).withContext(slot, null);
        return o.sharing(new KernelObjects(o.anyFiles() ? FdTables.reaped(o.contexts, pid) : o.contexts, o.userNs, ipcNs, undoLists, socket, o.ucounts, o.fown)).collect(pinnedUserNs);
    }

    /**
     * Frees unreferenced namespaces and undo lists: a user namespace lives while a credential,
     * an IPC namespace, a PID namespace (its owner, one of {@code pinnedUserNs}) or a child
     * namespace refers to it; an IPC namespace while a living task is in it; an undo list while
     * a task holds it. Trims empty tail slots. Callers with a Kernel use {@link Kernel#withCollected}.
     */
    public KernelObjects collect(int[] pinnedUserNs) {
        // closed fds release the socket ends no table names any more (unix_release_sock, C5)
        UnixSockets s = socket == null ? null : socket.collected(contexts);
        if (s != socket) return sharing(new KernelObjects(contexts, userNs, ipcNs, undoLists, s, ucounts, fown)).collect(pinnedUserNs);
        // Only the initial namespaces and no undo list: nothing can be unreferenced (the common case).
        if (ipcNs.length == 1 && userNs.length == 1 && undoLists.length == 0) return this;
        boolean[] ipcUsed = new boolean[ipcNs.length];
        boolean[] undoUsed = new boolean[undoLists.length];
        boolean[] userUsed = new boolean[userNs.length];
        ipcUsed[IpcNamespace.INIT] = true;
        userUsed[UserNamespace.INIT] = true;
        for (int owner : pinnedUserNs) markUser(userUsed, owner);
        for (TaskContext c : contexts) {
            if (c == null) continue;
            if (c.ipcNs() >= 0) ipcUsed[c.ipcNs()] = true;
            if (c.undoList() >= 0) undoUsed[c.undoList()] = true;
            markUser(userUsed, c.cred().userNs());
            for (SigInfo info : c.pending()) markUser(userUsed, info.readerUserNs());
        }
        // an IPC namespace pins its owner, and its queue's registration the registrant's user namespace (notify_user_ns)
        for (int n : FdTables.held(contexts, nscheck.spec.call.CloneFlags.CLONE_NEWIPC)) ipcUsed[n] = true; // N5: a file holds its namespace
        for (int n : FdTables.held(contexts, nscheck.spec.call.CloneFlags.CLONE_NEWUSER)) markUser(userUsed, n);
        for (int i = 0; i < ipcNs.length; i++) if (ipcNs[i] != null && ipcUsed[i]) for (int u : ipcNs[i].pinnedUserNs()) markUser(userUsed, u);
        IpcNamespace[] ipc = SlotTables.trimmed(ipcNs, ipcUsed, IpcNamespace[]::new);
        SemUndoList[] undo = SlotTables.trimmed(undoLists, undoUsed, SemUndoList[]::new);
        UserNamespace[] user = SlotTables.trimmed(userNs, userUsed, UserNamespace[]::new);
        if (ipc == ipcNs && undo == undoLists && user == userNs) return this;
        return sharing(new KernelObjects(contexts, user, ipc, undo, socket, ucounts, fown));
    }

    private void markUser(boolean[] used, int ns) {
        for (int n = ns; n >= 0 && !used[n]; n = userNs[n].parent()) used[n] = true;
    }

    /** Every struct pid reference held by an object: they pin their PID namespaces ({@link PidReferences}). */
    public List<PidRef> pidRefs() { return PidReferences.of(contexts, ipcNs, socket, fown); }

    /** What differs from a freshly booted system, for traces ({@link ObjectsDescription}). */
    String describe(Kernel k) {
        return ObjectsDescription.describe(this, k);
    }

    // ---- identity ------------------------------------------------------------------------

    void hashInto(StateHasher h) {
        long d = digest;
        if (!StateHasher.known(d)) {
            long[] cd = StateDigests.contexts(contexts, contextDigests);
            contextDigests = cd;
            d = StateDigests.objects(contexts, cd, userNs, ipcNs, undoLists, socket, ucounts, fown);
            digest = d;
        }
        h.add(d);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof KernelObjects k && Arrays.equals(contexts, k.contexts)
                && Arrays.equals(userNs, k.userNs) && Arrays.equals(ipcNs, k.ipcNs)
                && Arrays.equals(undoLists, k.undoLists) && java.util.Objects.equals(socket, k.socket)
                && ucounts.equals(k.ucounts) && java.util.Objects.equals(fown, k.fown));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(contexts) * 31 + Arrays.hashCode(ipcNs);
    }
}
