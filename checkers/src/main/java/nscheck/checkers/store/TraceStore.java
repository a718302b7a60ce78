package nscheck.checkers.store;

import java.util.Arrays;

/**
 * How each distinct state was first reached: its parent's id and the index of the transition
 * taken (for an initial state: parent -1 and the index among the initial states). Eight bytes a
 * state; a trace is rebuilt by replaying those indices from the initial state, as Stateright
 * and TLC rebuild paths from fingerprints, so no state is ever stored twice.
 */
public final class TraceStore {
    private int[] parent = new int[1024];
    private int[] choice = new int[1024];
    private int size;

    /** Records a new state; returns its id. */
    public int add(int parentId, int choiceIndex) {
        if (size == parent.length) {
            int cap = size * 2;
            parent = Arrays.copyOf(parent, cap);
            choice = Arrays.copyOf(choice, cap);
        }
        parent[size] = parentId;
        choice[size] = choiceIndex;
        return size++;
    }

    public int size() {
        return size;
    }

    /** For a checkpoint: every (parent, choice) pair in id order. */
    public void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeInt(parent[i]);
            out.writeInt(choice[i]);
        }
    }

    /** Reads back what {@link #writeTo} wrote. */
    public static TraceStore readFrom(java.io.DataInputStream in) throws java.io.IOException {
        TraceStore t = new TraceStore();
        int n = in.readInt();
        t.parent = new int[Math.max(1024, n)];
        t.choice = new int[Math.max(1024, n)];
        for (int i = 0; i < n; i++) {
            t.parent[i] = in.readInt();
            t.choice[i] = in.readInt();
        }
        t.size = n;
        return t;
    }

    public long bytes() {
        return (long) parent.length * 2 * Integer.BYTES;
    }

    /** The choices from an initial state to state {@code id}: first the initial state's index, then one per step. */
    public int[] path(int id) {
        int len = 0;
        for (int i = id; i >= 0; i = parent[i]) len++;
        int[] out = new int[len];
        for (int i = id, j = len - 1; i >= 0; i = parent[i], j--) out[j] = choice[i];
        return out;
    }
}
