package nscheck.spec.state;

import java.util.List;

/**
 * The per-(user namespace, kuid) RLIMIT_NPROC counters (struct ucounts, kernel/ucount.c, U3).
 * A task is charged to (its cred's user namespace, its real kuid) and the charge repeats up the
 * chain (ns, uid) -> (ns->parent, ns->owner) -> ... -> init_user_ns (U4). Entries at zero are dropped.
 */
public record UCounts(List<Entry> entries) {
    public record Entry(int userNs, int kuid, int count) {}

    public static final UCounts EMPTY = new UCounts(List.of());

    public int count(int userNs, int kuid) {
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.userNs() == userNs && e.kuid() == kuid) return e.count();
        }
        return 0;
    }

    /** Adds {@code delta} to one counter, keeping entries sorted and without zeros. */
    public UCounts add(int userNs, int kuid, int delta) {
        // Into an array, indexed: every fork and every reap charges a counter, and a decoded state's list allocates its iterator.
        Entry[] out = new Entry[entries.size() + 1];
        int m = 0;
        boolean done = false;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (!done && (e.userNs() > userNs || (e.userNs() == userNs && e.kuid() >= kuid))) {
                int c = delta + (e.userNs() == userNs && e.kuid() == kuid ? e.count() : 0);
                if (c != 0) out[m++] = new Entry(userNs, kuid, c);
                done = true;
                if (e.userNs() == userNs && e.kuid() == kuid) continue;
            }
            out[m++] = e;
        }
        if (!done && delta != 0) out[m++] = new Entry(userNs, kuid, delta);
        return new UCounts(List.of(m == out.length ? out : java.util.Arrays.copyOf(out, m)));
    }

    void hashInto(StateHasher h) {
        h.add(entries.size());
        for (int i = 0; i < entries.size(); i++) { // indexed: no iterator on the fingerprint's path
            Entry e = entries.get(i);
            h.add(StateHasher.pair(e.userNs(), e.kuid()));
            h.add(e.count());
        }
    }
}
