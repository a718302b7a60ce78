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
