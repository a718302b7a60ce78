package nscheck.spec.restore;

import nscheck.spec.state.FutexWordLayout;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Task;
import nscheck.spec.variant.Variant;

import java.util.ArrayList;
import java.util.List;

/**
 * A checkpoint image of a container, as CRIU writes one: the process tree below the container's
 * init, each task's PIDs at every level inside the container (what its tasks can have seen), the
 * futex words of the memory they share with the owner each TID named, and the identifiers of the
 * container's namespaces. Numbers above the container are not kept: no task inside could see them.
 *
 * @param tasks   parents before children; entry 0 is the container's init
 * @param words   the shared futex words, as user space left them
 * @param nsIds   the identifiers of the container's namespaces, by namespace index (0: the container's own)
 */
public record Checkpoint(List<Entry> tasks, List<Word> words, List<Long> nsIds) {
    public Checkpoint {
        tasks = List.copyOf(tasks);
        words = List.copyOf(words);
        nsIds = List.copyOf(nsIds);
    }

    /**
     * @param parent       index of the parent in the image, -1 for the container's init (the restorer makes it)
     * @param newNamespace the task is the init of a namespace of its own (made with CLONE_NEWPID)
     * @param nsIndex      which of the container's namespaces the task lives in
     * @param inside       its numbers from the container's level down to its own, outermost first
     */
    public record Entry(int parent, boolean newNamespace, int nsIndex, List<Integer> inside) {
        public Entry {
            inside = List.copyOf(inside);
        }
    }

    /** A futex word and the image task its TID bits named (-1 for none). */
    public record Word(int value, int owner) {}

    /** Takes the image of the container whose init is task {@code init}; the tree is walked breadth-first, by slot. */
    public static Checkpoint take(Variant v, Kernel k, int init) {
        int containerNs = k.task(init).activeNs();
        int base = k.task(init).level();
        List<Integer> order = new ArrayList<>(List.of(init));
        for (int i = 0; i < order.size(); i++)
            for (int s = 0; s < k.taskSlots(); s++)
                if (k.task(s) != null && k.task(s).alive() && k.task(s).parent == order.get(i) && k.task(s).hasNumberIn(containerNs)) order.add(s);
        List<Integer> namespaces = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (int slot : order) {
            Task t = k.task(slot);
            if (!namespaces.contains(t.activeNs())) namespaces.add(t.activeNs());
            List<Integer> inside = new ArrayList<>();
            for (int l = base; l <= t.level(); l++) inside.add(t.numberAtLevel(l));
            boolean init0 = k.ns(t.activeNs()).childReaper() == slot;
            entries.add(new Entry(slot == init ? -1 : order.indexOf(t.parent), init0, namespaces.indexOf(t.activeNs()), inside));
        }
        List<Word> words = new ArrayList<>();
        for (int w = 0; w < k.memory().size(); w++) {
            int value = k.memory().word(w);
            int owner = -1;
            // The owner named by the TID bits, as the tasks that share the word read it (F3).
            for (int slot : order) {
                int tid = FutexWordLayout.tid(value);
                if (tid != 0 && v.futexLookupOwner(k, slot, tid) == slot) owner = order.indexOf(slot);
            }
            words.add(new Word(value, owner));
        }
        return new Checkpoint(entries, words, List.of());
    }

    public Checkpoint withNamespaceIds(List<Long> ids) {
        return new Checkpoint(tasks, words, ids);
    }

    /** How many namespaces the container has. */
    public int namespaces() {
        int n = 0;
        for (Entry e : tasks) n = Math.max(n, e.nsIndex() + 1);
        return n;
    }
}
