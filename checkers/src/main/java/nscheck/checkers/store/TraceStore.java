package nscheck.checkers.store;

import java.util.Arrays;

/**
 * How each distinct state was first reached: its parent's id and the index of the transition
 * taken (for an initial state: parent -1 and the index among the initial states). Eight bytes a
 * state; a trace is rebuilt by replaying those indices from the initial state, as Stateright
 * and TLC rebuild paths from fingerprints, so no state is ever stored twice.
 *
 * <p>Kept in chunks of {@value #CHUNK} states, so that growing never copies what is stored: one
 * doubling array would hold its old and its new copy at once (1.5 GiB at 2^26 states, at the same
 * moment the visited set grows; issue 14, the futex benchmark at N = 9).
 */
public final class TraceStore {
    private static final int CHUNK_BITS = 16;
    static final int CHUNK = 1 << CHUNK_BITS;

    private int[][] parent = new int[16][];
    private int[][] choice = new int[16][];
    private int chunks;
    private int size;
    private long bytes;

    /** Records a new state; returns its id. */
    public int add(int parentId, int choiceIndex) {
        if (size == Integer.MAX_VALUE) throw new OutOfMemoryError("the trace store holds at most 2^31 - 1 states");
        int c = size >>> CHUNK_BITS;
        if (c == chunks) {
            if (c == parent.length) {
                parent = Arrays.copyOf(parent, c * 2);
                choice = Arrays.copyOf(choice, c * 2);
            }
            // The first chunk starts small and doubles, so a search of a few states stays a few KiB.
            int length = c == 0 ? 1024 : CHUNK;
            parent[c] = new int[length];
            choice[c] = new int[length];
            chunks++;
            bytes += 2L * length * Integer.BYTES;
        }
        int i = size & (CHUNK - 1);
        if (i == parent[c].length) {
            bytes += 2L * i * Integer.BYTES;
            parent[c] = Arrays.copyOf(parent[c], i * 2);
            choice[c] = Arrays.copyOf(choice[c], i * 2);
        }
        parent[c][i] = parentId;
        choice[c][i] = choiceIndex;
        return size++;
    }

    public int size() {
        return size;
    }

    private int parentOf(int id) {
        return parent[id >>> CHUNK_BITS][id & (CHUNK - 1)];
    }

    private int choiceOf(int id) {
        return choice[id >>> CHUNK_BITS][id & (CHUNK - 1)];
    }

    /** For a checkpoint: every (parent, choice) pair in id order. */
    public void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeInt(parentOf(i));
            out.writeInt(choiceOf(i));
        }
    }

    /** Reads back what {@link #writeTo} wrote. */
    public static TraceStore readFrom(java.io.DataInputStream in) throws java.io.IOException {
        TraceStore t = new TraceStore();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            int p = in.readInt();
            t.add(p, in.readInt());
        }
        return t;
    }

    public long bytes() {
        return bytes;
    }

    /** The choices from an initial state to state {@code id}: first the initial state's index, then one per step. */
    public int[] path(int id) {
        int len = 0;
        for (int i = id; i >= 0; i = parentOf(i)) len++;
        int[] out = new int[len];
        for (int i = id, j = len - 1; i >= 0; i = parentOf(i), j--) out[j] = choiceOf(i);
        return out;
    }
}
