package nscheck.spec.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Task slots are labels, like the kernel addresses they stand for ({@link Kernel}): two states that
 * differ only by which slot holds which task are one state to every observer, since a caller sees
 * PID numbers, never slots. This class renames the slots of a state and picks one representative
 * of each class of renamed states, so that a search can store one state per class.
 * <p>
 * What is renamed: the task table and everything that names a task by slot, which is the
 * real_parent and group leader of a task ({@link Task#parent}, {@link Task#leader}), a PID
 * namespace's child_reaper, the per-task contexts ({@link TaskContext}), a futex waiter's task and a
 * PI state's owner ({@link SharedMemory}). Everything else names a task through a struct pid
 * ({@link PidRef}: numbers and PID namespace slots), which no renaming of task slots touches. The root
 * init stays in slot 0 (rules name it, {@link Kernel#ROOT_INIT}). PID, user and IPC namespace slots
 * and undo-list slots are not renamed: a search reduces less, soundly.
 * <p>
 * The representative: the other tasks in the order of their number in init_pid_ns (unique while
 * pid-unique holds, and slot-independent), in slots 1, 2, ... When two tasks share that number (a
 * seeded bug's state), every order of the tied tasks is tried and the renamed state with the least
 * fingerprint is kept, so the representative is still one per class (up to a fingerprint collision,
 * which only keeps two representatives of one class: sound, less reduced).
 */
public final class TaskSymmetry {
    private TaskSymmetry() {}

    /** Tied blocks whose orders multiply beyond this are left in slot order: still a member of the class, less reduced. */
    private static final int MAX_TIED_ORDERS = 5040;

    /** {@code k} with task slot {@code i} renamed {@code perm[i]} everywhere; {@code perm} must fix slot 0. */
    public static Kernel relabelled(Kernel k, int[] perm) {
        Task[] tasks = k.taskTable();
        if (perm.length != tasks.length || perm[Kernel.ROOT_INIT] != Kernel.ROOT_INIT)
            throw new IllegalArgumentException("a renaming of " + tasks.length + " task slots fixing the root init: " + Arrays.toString(perm));
        if (isIdentity(perm)) return k;
        Task[] renamed = new Task[tasks.length];
        for (int i = 0; i < tasks.length; i++) {
            Task t = tasks[i];
            if (t == null) continue;
            if (renamed[perm[i]] != null) throw new IllegalArgumentException("not a permutation: " + Arrays.toString(perm));
            renamed[perm[i]] = t.withSlotRefs(map(perm, t.parent), map(perm, t.leader));
        }
        PidNamespace[] ns = k.nsTable();
        PidNamespace[] nsRenamed = ns;
        for (int i = 0; i < ns.length; i++) {
            if (ns[i] == null || ns[i].childReaper() < 0) continue;
            int r = perm[ns[i].childReaper()];
            if (r == ns[i].childReaper()) continue;
            if (nsRenamed == ns) nsRenamed = ns.clone();
            nsRenamed[i] = ns[i].withChildReaper(r);
        }
        return k.rebuilt(renamed, nsRenamed, k.memory().relabelled(perm), k.objects().withContextsRelabelled(perm));
    }

    private static int map(int[] perm, int slot) {
        return slot < 0 ? slot : perm[slot];
    }

    private static boolean isIdentity(int[] perm) {
        for (int i = 0; i < perm.length; i++) if (perm[i] != i) return false;
        return true;
    }

    /** The representative of {@code k}'s class: {@code k} with its live tasks renamed into slots 1, 2, ... by number in init_pid_ns. */
    public static Kernel canonical(Kernel k) {
        Task[] tasks = k.taskTable();
        if (inOrder(tasks)) return k; // most successors: nothing to sort, allocate or rename
        int n = tasks.length;
        // slots 1.. of the live tasks, sorted by their number in init_pid_ns (insertion sort: a handful of tasks)
        int[] order = new int[n];
        long[] key = new long[n];
        int m = 0;
        for (int i = 1; i < n; i++) {
            if (tasks[i] == null) continue;
            long kk = tasks[i].numberAtLevel(0);
            int j = m++;
            while (j > 0 && key[j - 1] > kk) {
                key[j] = key[j - 1];
                order[j] = order[j - 1];
                j--;
            }
            key[j] = kk;
            order[j] = i;
        }
        for (int j = 1; j < m; j++) if (key[j] == key[j - 1]) return leastOfTiedOrders(k, order, key, m, n);
        return relabelled(k, renaming(order, m, n)); // the identity (the common case) returns k itself
    }

    /**
     * Whether the representative is {@code tasks}' own state (the identity renaming): the live tasks fill slots 1..m without a gap,
     * their numbers in init_pid_ns strictly rising. A tie is not in order here: the least of its orders decides.
     */
    private static boolean inOrder(Task[] tasks) {
        int previous = Integer.MIN_VALUE;
        boolean gap = false;
        for (int i = 1; i < tasks.length; i++) {
            Task t = tasks[i];
            if (t == null) {
                gap = true;
                continue;
            }
            int nr = t.numberAtLevel(0);
            if (gap || nr <= previous) return false;
            previous = nr;
        }
        return true;
    }

    /** The renaming that puts {@code order[j]} in slot j + 1 and the free slots after, in slot order. */
    private static int[] renaming(int[] order, int m, int n) {
        int[] perm = new int[n];
        Arrays.fill(perm, -1);
        perm[0] = 0;
        for (int j = 0; j < m; j++) perm[order[j]] = j + 1;
        int next = m + 1;
        for (int i = 1; i < n; i++) if (perm[i] < 0) perm[i] = next++;
        return perm;
    }

    /** Every order of each block of tied keys; the renamed state with the least fingerprint (then the first) wins. */
    private static Kernel leastOfTiedOrders(Kernel k, int[] order, long[] key, int m, int n) {
        List<int[]> blocks = new ArrayList<>(); // [start, end) of each block of equal keys, longer than one
        long orders = 1;
        for (int j = 0; j < m; ) {
            int e = j + 1;
            while (e < m && key[e] == key[j]) e++;
            if (e - j > 1) {
                blocks.add(new int[] {j, e});
                for (int f = 2; f <= e - j; f++) orders *= f;
            }
            j = e;
        }
        if (orders > MAX_TIED_ORDERS) return relabelled(k, renaming(order, m, n));
        Kernel[] best = {null};
        long[] bestPrint = {0};
        permuteBlocks(k, order.clone(), m, n, blocks, 0, best, bestPrint);
        return best[0];
    }

    private static void permuteBlocks(Kernel k, int[] order, int m, int n, List<int[]> blocks, int b, Kernel[] best, long[] bestPrint) {
        if (b == blocks.size()) {
            Kernel c = relabelled(k, renaming(order, m, n));
            long f = c.fingerprint();
            if (best[0] == null || Long.compareUnsigned(f, bestPrint[0]) < 0) {
                best[0] = c;
                bestPrint[0] = f;
            }
            return;
        }
        int[] blk = blocks.get(b);
        permuteRange(k, order, m, n, blocks, b, blk[0], blk[1], best, bestPrint);
    }

    /** Heap-free recursive permutation of order[from, to). */
    private static void permuteRange(Kernel k, int[] order, int m, int n, List<int[]> blocks, int b, int from, int to, Kernel[] best, long[] bestPrint) {
        if (from >= to - 1) {
            permuteBlocks(k, order, m, n, blocks, b + 1, best, bestPrint);
            return;
        }
        for (int i = from; i < to; i++) {
            swap(order, from, i);
            permuteRange(k, order, m, n, blocks, b, from + 1, to, best, bestPrint);
            swap(order, from, i);
        }
    }

    private static void swap(int[] a, int i, int j) {
        int x = a[i];
        a[i] = a[j];
        a[j] = x;
    }

    /** Every renaming of {@code n} task slots that fixes the root init's slot 0 ((n-1)! of them), identity first. */
    public static List<int[]> renamings(int n) {
        List<int[]> out = new ArrayList<>();
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        collect(p, 1, out);
        return out;
    }

    private static void collect(int[] p, int from, List<int[]> out) {
        if (from >= p.length - 1) {
            out.add(p.clone());
            return;
        }
        for (int i = from; i < p.length; i++) {
            swap(p, from, i);
            collect(p, from + 1, out);
            swap(p, from, i);
        }
    }

    /** Whether some renaming of the task slots turns {@code a} into {@code b} (tries them all: for traces and tests, not searches). */
    public static boolean sameClass(Kernel a, Kernel b) {
        if (a.equals(b)) return true;
        if (a.taskSlots() != b.taskSlots() || a.taskCount() != b.taskCount()) return false;
        for (int[] perm : renamings(a.taskSlots())) if (relabelled(a, perm).equals(b)) return true;
        return false;
    }
}
