package nscheck.spec.state;

import java.util.Arrays;
import java.util.List;

/**
 * Every AF_UNIX socket pair of the system, in slots as the other object tables are: a new pair
 * takes the lowest free slot, and a pair no fd names any more is freed ({@link #collected}).
 * KernelObjects holds null instead of an empty table, so models without sockets hash as before.
 */
public final class UnixSockets {
    private final UnixSocketPair[] pairs;

    private UnixSockets(UnixSocketPair[] pairs) {
        this.pairs = pairs;
    }

    public static final UnixSockets EMPTY = new UnixSockets(new UnixSocketPair[0]);

    public UnixSocketPair pair(int slot) {
        return slot < 0 || slot >= pairs.length ? null : pairs[slot];
    }

    public int freeSlot() {
        return SlotTables.freeSlot(pairs);
    }

    public UnixSockets with(int slot, UnixSocketPair p) {
        UnixSocketPair[] copy = SlotTables.grown(pairs, slot, UnixSocketPair[]::new);
        copy[slot] = p;
        return new UnixSockets(copy);
    }

    /**
     * After fds were closed (close(2), exit_files): an end no table names is released
     * (unix_release_sock), and a pair with both ends released is freed. Null when none is left.
     */
    UnixSockets collected(TaskContext[] contexts) {
        boolean[][] named = new boolean[pairs.length][2];
        for (TaskContext c : contexts)
            if (c != null) for (OpenFile f : c.fds().files()) if (f instanceof OpenFile.Socket s) named[s.pair()][s.end()] = true;
        UnixSocketPair[] copy = pairs.clone();
        boolean[] used = new boolean[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            if (copy[i] == null) continue;
            for (int e = 0; e < 2; e++) if (!named[i][e] && copy[i].end(e).open()) copy[i] = copy[i].released(e);
            used[i] = named[i][0] || named[i][1];
        }
        UnixSocketPair[] left = SlotTables.trimmed(copy, used, UnixSocketPair[]::new);
        if (left.length == 0) return null;
        return Arrays.equals(left, pairs) ? this : new UnixSockets(left);
    }

    void pidRefs(List<PidRef> out) {
        for (UnixSocketPair p : pairs) if (p != null) p.pidRefs(out);
    }

    void hashInto(StateHasher h) {
        h.add(pairs.length);
        for (UnixSocketPair p : pairs) {
            if (p == null) h.add(-11);
            else p.hashInto(h);
        }
    }

    @Override public boolean equals(Object o) {
        return this == o || (o instanceof UnixSockets s && Arrays.equals(pairs, s.pairs));
    }

    @Override public int hashCode() {
        return Arrays.hashCode(pairs);
    }

    @Override public String toString() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < pairs.length; i++) if (pairs[i] != null) s.append(s.length() > 0 ? " " : "").append("sock").append(i).append(pairs[i].stream() ? "(stream" : "(dgram")
                .append(' ').append(pairs[i].end(0).queue().size()).append('/').append(pairs[i].end(1).queue().size()).append(')');
        return s.toString();
    }
}
