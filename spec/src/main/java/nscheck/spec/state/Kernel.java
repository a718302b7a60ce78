package nscheck.spec.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The whole kernel state the spec tracks: tasks and PID namespaces, each in a numbered slot.
 * Slots play the part of kernel addresses (task_struct, pid_namespace): they identify an object
 * while it lives and are reused, lowest first, once it is gone, so that a bounded model has a
 * finite state space. Slot 0 of each table is the root: init_pid_ns and the root init.
 * Immutable: every change returns a new Kernel.
 */
public final class Kernel {
    public static final int ROOT_NS = 0;
    public static final int ROOT_INIT = 0;

    private final Task[] tasks;
    private final PidNamespace[] namespaces;
    /** Futex words every task can address, and the kernel's futex queues for them. */
    private final SharedMemory memory;
    /** Credentials, user and IPC namespaces, signal queues, the Unix socket, ucounts (signals, SysV IPC, sockets, user namespaces). */
    private final KernelObjects objects;
    private final Kthreads kthreads; // none unless the boot option asks for them (Limits.kthreads)
    private final NsNames names; // null unless the boot option asks for them (Limits.nsNames)
    /** {@link #fingerprint()} memoised (StateHasher.memo): a call that changes nothing returns this kernel. */
    private transient long fingerprint;

    private Kernel(Task[] tasks, PidNamespace[] namespaces, SharedMemory memory, KernelObjects objects, Kthreads kthreads, NsNames names) {
        this.tasks = tasks;
        this.namespaces = namespaces;
        this.memory = memory;
        this.objects = objects;
        this.kthreads = kthreads;
        this.names = names;
    }

    /** A booted system: init_pid_ns and its init (PID 1), which is its child_reaper. */
    public static Kernel boot(Limits limits) {
        Task[] tasks = new Task[limits.maxTasks()];
        tasks[ROOT_INIT] = new Task(new int[] {ROOT_NS}, new int[] {1}, -1, TaskState.RUNNING, ROOT_NS, false, 0);
        // rest_init: init 1, kthreadd 2, its threads next; the first fork searches after the last (2 without any)
        Kthreads kt = new Kthreads(limits.kthreads(), 0);
        PidNamespace root = new PidNamespace(-1, 0, limits.pidMax(), kt.last() + 1, ROOT_INIT, true, UserNamespace.INIT);
        return new Kernel(tasks, new PidNamespace[] {root}, SharedMemory.NONE, KernelObjects.boot(limits.maxTasks()), kt, limits.nsNames() ? NsNames.boot() : null);
    }

    // ---- queries -------------------------------------------------------------------------

    public int taskSlots() { return tasks.length; }

    public Task task(int slot) { return slot < 0 || slot >= tasks.length ? null : tasks[slot]; }

    public int nsSlots() { return namespaces.length; }

    public PidNamespace ns(int slot) {
        return slot < 0 || slot >= namespaces.length ? null : namespaces[slot];
    }

    public int taskCount() { int n = 0; for (Task t : tasks) if (t != null) n++; return n; }

    /** The slots of every existing task, in slot order (a deterministic iteration order). */
    public List<Integer> taskSlotList() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < tasks.length; i++) if (tasks[i] != null) out.add(i);
        return out;
    }

    /** find_pid_ns: the task holding {@code nr} in {@code ns}, -1 if none; of two (pid-unique broken) the oldest, not the lowest slot (TaskSymmetry). */
    public int holderOf(int ns, int nr) {
        if (nr <= 0) return -1;
        int best = -1;
        for (int i = 0; i < tasks.length; i++)
            if (tasks[i] != null && tasks[i].numberIn(ns) == nr && (best < 0 || tasks[i].numberAtLevel(0) < tasks[best].numberAtLevel(0))) best = i;
        return best;
    }

    /** Creation order (the kernel's list order), not slot order: {@link CreationOrder}. */
    public int creationOrder(int slot) { return CreationOrder.of(tasks[slot]); }

    /** The slots of every existing task, oldest first ({@link CreationOrder}). */
    public int[] slotsByCreation() { return CreationOrder.slots(tasks); }

    /** alloc_pid skips a number some task holds as its PID or uses as its PGID (P3), or a kernel thread holds. */
    public boolean numberInUse(int ns, int nr) {
        return holderOf(ns, nr) >= 0 || UsedNumbers.heldBeyondTasks(this, ns, nr);
    }

    public Kthreads kthreads() { return kthreads; } // the root namespace's kernel threads (none unless booted with them)
    public NsNames names() { return names; } // each namespace's inode number and id (N1, N3), or null when the boot keeps none

    public Kernel withNames(NsNames n) { return n == names ? this : new Kernel(tasks, namespaces, memory, objects, kthreads, n); }

    /** The kernel threads changed (only a seeded bug ends one: kernel-threads-live). */
    public Kernel withKthreads(Kthreads kt) { return new Kernel(tasks, namespaces, memory, objects, kt, names); }

    /** True if {@code ns} is {@code ancestor} or lies below it. */
    public boolean isSelfOrDescendant(int ns, int ancestor) {
        for (int n = ns, hops = 0; n >= 0 && hops <= namespaces.length; n = namespaces[n].parent(), hops++)
            if (n == ancestor) return true;
        return false;
    }

    /** The namespace at {@code level} on the path from the root to {@code ns}. */
    public int ancestorAtLevel(int ns, int level) {
        int n = ns;
        while (n >= 0 && namespaces[n].level() > level) n = namespaces[n].parent();
        return n;
    }

    /** The leader of the thread group of task {@code slot} (getpid() names it). */
    public int groupLeader(int slot) {
        Task t = tasks[slot];
        return t.hasLeader() ? t.leader : slot;
    }

    /** The thread group led by {@code leader}: the leader first, then its threads oldest first (for_each_thread; {@link CreationOrder}). */
    public List<Integer> groupMembers(int leader) { return CreationOrder.group(tasks, leader); }

    /** SIGNAL_UNKILLABLE is the signal_struct's, shared by the thread group: the group of {@code slot} holds its namespace's child_reaper (P5, P9). */
    public boolean groupIsChildReaper(int slot) {
        int leader = groupLeader(slot);
        for (int i = 0; i < tasks.length; i++) // groupMembers(leader), without the list: asked on every signal
            if (tasks[i] != null && (i == leader || tasks[i].leader == leader) && isChildReaper(i)) return true;
        return false;
    }

    /** The task is the child_reaper of its active namespace (and so SIGNAL_UNKILLABLE, P5). */
    public boolean isChildReaper(int slot) {
        Task t = tasks[slot];
        return t != null && namespaces[t.activeNs()].childReaper() == slot;
    }

    // ---- changes -------------------------------------------------------------------------

    public Kernel withTask(int slot, Task task) {
        Task[] copy = tasks.clone();
        copy[slot] = task;
        return new Kernel(copy, namespaces, memory, objects, kthreads, names);
    }

    /** Each non-null entry of {@code replaced} put in its slot, in one copy of the table (zap_pid_ns_processes signals a namespace at once). */
    public Kernel withTasks(Task[] replaced) {
        Task[] copy = tasks.clone();
        for (int i = 0; i < replaced.length; i++) if (replaced[i] != null) copy[i] = replaced[i];
        return new Kernel(copy, namespaces, memory, objects, kthreads, names);
    }

    public Kernel withNamespace(int slot, PidNamespace ns) {
        PidNamespace[] copy = namespaces.clone();
        copy[slot] = ns;
        return new Kernel(tasks, copy, memory, objects, kthreads, names);
    }

    /** The lowest free task slot, or -1 when the table is full. */
    public int freeTaskSlot() {
        for (int i = 0; i < tasks.length; i++) if (tasks[i] == null) return i;
        return -1;
    }

    /** Places a new namespace in the lowest free slot; the result's {@link #lastAddedNs()} names it. */
    public Kernel addNamespace(PidNamespace ns) {
        int slot = freeNsSlot();
        PidNamespace[] copy = Arrays.copyOf(namespaces, Math.max(namespaces.length, slot + 1));
        copy[slot] = ns;
        return new Kernel(tasks, copy, memory, objects, kthreads, names);
    }

    /** The slot a preceding {@link #addNamespace} used: the lowest free slot before that call. */
    public int freeNsSlot() {
        for (int i = 0; i < namespaces.length; i++) if (namespaces[i] == null) return i;
        return namespaces.length;
    }

    /** release_task: the slot is free and every number the task held can be allocated again. */
    public Kernel release(int slot) {
        Task[] copy = tasks.clone();
        copy[slot] = null;
        PidNamespace[] ns = namespaces;
        for (int i = 0; i < ns.length; i++) {
            if (ns[i] != null && ns[i].childReaper() == slot) {
                if (ns == namespaces) ns = namespaces.clone();
                ns[i] = ns[i].withChildReaper(-1);
            }
        }
        PidRef pid = objects.anyFiles() ? PidRef.of(this, slot) : null; // only a pidfd can hold it past the reap
        return new Kernel(copy, ns, memory, objects.released(slot, pid, pidNsOwners(ns)), kthreads, names);
    }

    /**
     * put_pid_ns: a namespace lives while a task holds a number in it or will number its
     * children in it; its parent lives while it does. Frees the rest and trims empty tail slots
     * so that equal kernels have equal tables.
     */
    public Kernel collectNamespaces() {
        boolean[] used = new boolean[namespaces.length];
        for (Task t : tasks) {
            if (t == null) continue;
            for (int l = 0; l <= t.level(); l++) markWithAncestors(used, t.nsAtLevel(l));
            // pid_ns_for_children, and the namespace its proc's superblock holds (proc_fill_super: get_pid_ns, V1)
            markWithAncestors(used, t.nsForChildren);
            markWithAncestors(used, t.procNs);
        }
        // Marks only add up: once the tasks hold every namespace, the objects' references change nothing.
        int unmarked = 0;
        for (int i = 0; i < namespaces.length; i++) if (namespaces[i] != null && !used[i]) unmarked++;
        if (unmarked > 0) {
            // A struct pid reference held by an IPC object, a siginfo or a socket pins its namespaces (get_pid_ns).
            for (PidRef r : objects.pidRefs()) for (int l = 0; l <= r.level(); l++) markWithAncestors(used, r.nsAtLevel(l));
            for (int n : objects.heldPidNamespaces()) markWithAncestors(used, n); // N5: and so does a namespace file
        }
        PidNamespace[] copy = null;
        for (int i = 0; i < namespaces.length; i++) {
            if (namespaces[i] != null && !used[i]) {
                if (copy == null) copy = namespaces.clone();
                copy[i] = null;
            }
        }
        PidNamespace[] result = copy == null ? namespaces : copy;
        int len = result.length;
        while (len > 1 && result[len - 1] == null) len--;
        if (len != result.length) result = Arrays.copyOf(result, len);
        if (result == namespaces) return this;
        // put_pid_ns drops the namespace's reference on its user namespace too.
        return new Kernel(tasks, result, memory, objects.collect(pidNsOwners(result)), kthreads, names);
    }

    public SharedMemory memory() { return memory; }
    public Kernel withMemory(SharedMemory m) { return m == memory ? this : new Kernel(tasks, namespaces, m, objects, kthreads, names); }

    public KernelObjects objects() { return objects; }
    public Kernel withObjects(KernelObjects o) { return o == objects ? this : new Kernel(tasks, namespaces, memory, o, kthreads, names); }

    /** {@code o} with its unreferenced objects freed; the owners of the PID namespaces stay (K1: a namespace holds its user_ns). */
    public Kernel withCollected(KernelObjects o) {
        return withObjects(o.collect(pidNsOwners(namespaces)));
    }

    private static int[] pidNsOwners(PidNamespace[] ns) {
        int[] out = new int[ns.length];
        for (int i = 0; i < ns.length; i++) out[i] = ns[i] == null ? UserNamespace.INIT : ns[i].userNs();
        return out;
    }

    /** A user-space store (or atomic read-modify-write) to a shared futex word. */
    public Kernel withWord(int word, int value) {
        return withMemory(memory.withWord(word, value));
    }

    /** get_pid_ns on the parent at creation: a namespace keeps its ancestors alive. */
    private void markWithAncestors(boolean[] used, int ns) {
        for (int n = ns; n >= 0 && namespaces[n] != null && !used[n]; n = namespaces[n].parent()) used[n] = true;
    }

    // ---- symmetry (TaskSymmetry renames the task slots) -----------------------------------

    Task[] taskTable() { return tasks; }
    PidNamespace[] nsTable() { return namespaces; }
    Kernel rebuilt(Task[] t, PidNamespace[] n, SharedMemory m, KernelObjects o) { return new Kernel(t, n, m, o, kthreads, names); }

    // ---- identity ------------------------------------------------------------------------

    public long fingerprint() {
        long f = fingerprint;
        if (!StateHasher.known(f)) fingerprint = f = StateDigests.kernel(namespaces, tasks, memory, objects, kthreads, names);
        return f;
    }

    /** One word: the kernel's {@link #fingerprint()} (a state that embeds a kernel hashes it so). */
    public void hashInto(StateHasher h) {
        h.add(fingerprint());
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Kernel k && Arrays.equals(tasks, k.tasks) && Arrays.equals(namespaces, k.namespaces)
                && memory.equals(k.memory) && objects.equals(k.objects) && kthreads.equals(k.kthreads) && java.util.Objects.equals(names, k.names));
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(tasks) + Arrays.hashCode(namespaces);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < tasks.length; i++) {
            if (tasks[i] == null) continue;
            if (s.length() > 0) s.append("; ");
            s.append('T').append(i).append(tasks[i]);
        }
        if (memory.size() > 0) s.append("; ").append(memory);
        if (kthreads.count() > 0) s.append("; ").append(kthreads);
        if (names != null) s.append("; ").append(names);
        String more = objects.describe(this);
        if (!more.isEmpty()) s.append("; ").append(more);
        return s.toString();
    }
}
