package nscheck.spec.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The order in which tasks were created, as the kernel's task, children and thread lists keep it
 * (copy_process appends). The state keeps no fork counter, so the number in init_pid_ns stands for
 * it: it grows with every fork until pid_max wraps it (alloc_pid, idr_alloc_cyclic; known
 * divergence "creation-order" past a wrap). Rules that walk tasks in list order use it rather than
 * slot order, which is a label (TaskSymmetry).
 */
final class CreationOrder {
    private CreationOrder() {}

    static int of(Task t) { return t.numberAtLevel(0); }

    /** The slots of every existing task, oldest first (slot order among equal numbers, a seeded bug's state). */
    static int[] slots(Task[] tasks) {
        int[] out = new int[tasks.length];
        int m = 0;
        for (int i = 0; i < tasks.length; i++) if (tasks[i] != null) m = insert(tasks, out, m, 0, i);
        return Arrays.copyOf(out, m);
    }

    /** The thread group led by {@code leader} as for_each_thread walks signal->thread_head: the leader, then its threads oldest first. */
    static List<Integer> group(Task[] tasks, int leader) {
        boolean threads = false;
        for (int i = 0; i < tasks.length && !threads; i++) threads = tasks[i] != null && i != leader && tasks[i].leader == leader;
        // A process without threads (most of them; every one of a model without CLONE_THREAD): its leader alone, no list built.
        if (!threads) return leader >= 0 && leader < tasks.length && tasks[leader] != null ? alone(leader) : List.of();
        int[] out = new int[tasks.length];
        int m = 0;
        if (leader >= 0 && leader < tasks.length && tasks[leader] != null) out[m++] = leader;
        int first = m; // the threads sort after the leader, even when it is gone
        for (int i = 0; i < tasks.length; i++)
            if (tasks[i] != null && i != leader && tasks[i].leader == leader) m = insert(tasks, out, m, first, i);
        List<Integer> list = new ArrayList<>(m);
        for (int j = 0; j < m; j++) list.add(out[j]);
        return list;
    }

    private static final List<Integer>[] ALONE = alone();

    @SuppressWarnings("unchecked")
    private static List<Integer>[] alone() {
        List<Integer>[] a = new List[64];
        for (int i = 0; i < a.length; i++) a[i] = List.of(i);
        return a;
    }

    private static List<Integer> alone(int slot) {
        return slot < ALONE.length ? ALONE[slot] : List.of(slot);
    }

    /** Inserts slot {@code i} into the sorted {@code out[from..m)}, after every task no younger; returns the new length. */
    private static int insert(Task[] tasks, int[] out, int m, int from, int i) {
        int j = m;
        while (j > from && of(tasks[out[j - 1]]) > of(tasks[i])) {
            out[j] = out[j - 1];
            j--;
        }
        out[j] = i;
        return m + 1;
    }
}
