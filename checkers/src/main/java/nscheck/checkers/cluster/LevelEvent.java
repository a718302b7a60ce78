package nscheck.checkers.cluster;

import java.io.Serializable;
import java.util.Comparator;

/**
 * A violation met while a level was expanded, placed where the single-machine BFS would meet it:
 * that search expands a level's states in the order of their paths and each state's transitions
 * in order, judging a step invariant on the transition, then a state invariant on the state it
 * reaches if that state is new, then (after the last transition) the deadlock check. So an event
 * is ordered by its transition's path ({@code key}: the parent's path and the choice; for a
 * deadlock the choice is {@link Integer#MAX_VALUE}), then by kind, then by property.
 */
record LevelEvent(int[] key, int kind, int property) implements Serializable {
    static final int STEP = 0;
    static final int STATE = 1;
    static final int DEADLOCK = 2;

    static final Comparator<LevelEvent> ORDER = Comparator.<LevelEvent, int[]>comparing(LevelEvent::key, LevelEvent::compare)
            .thenComparingInt(LevelEvent::kind).thenComparingInt(LevelEvent::property);

    /** Paths of one level, lexicographically: the order in which the single-machine BFS reaches them. */
    static int compare(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) if (a[i] != b[i]) return Integer.compare(a[i], b[i]);
        return Integer.compare(a.length, b.length);
    }

    /** The path of the trace that shows the violation: a step's includes the step, a deadlock's ends at the stuck state. */
    int[] tracePath() {
        return kind == DEADLOCK ? java.util.Arrays.copyOf(key, key.length - 1) : key;
    }
}
