package nscheck.checkers.engine;

import nscheck.checkers.store.PackedStateSet;
import nscheck.checkers.trace.Trace;
import nscheck.model.packed.PackedModel;
import nscheck.model.packed.PackedModelView;
import nscheck.model.packed.PackedStep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shortest traces for the packed search, which keeps no parent pointers (they would cost more
 * than its whole state table): a second, sequential BFS from the initial states keeps every level
 * until it reaches the target, then walks back choosing at each level the smallest predecessor
 * (and its first step to the target), so the trace is the same on every run whatever order the
 * parallel search visited states in. The re-search costs at most the levels up to the violation.
 */
final class PackedTraces {
    private PackedTraces() {}

    static Trace<Long, PackedStep> shortest(PackedModel model, long target) {
        return Trace.replay(new PackedModelView(model), path(model, target));
    }

    /** The choices leading to {@code target}, in the form {@link Trace#replay} takes. */
    static int[] path(PackedModel model, long target) {
        long[] initial = model.initialStates();
        PackedStateSet seen = new PackedStateSet(10);
        long stored = 0;
        List<long[]> levels = new ArrayList<>();
        long[] level = new long[0];
        int n = 0;
        for (long s : initial) {
            if (seen.add(s)) {
                level = grow(level, n);
                level[n++] = s;
                stored++;
            }
        }
        long[] next = new long[model.maxSuccessors()];
        int[] family = new int[next.length];
        levels.add(Arrays.copyOf(level, n));
        while (!contains(levels.get(levels.size() - 1), target)) {
            long[] cur = levels.get(levels.size() - 1);
            if (cur.length == 0) throw new IllegalStateException("state " + target + " is not reachable: the model is not deterministic");
            long[] out = new long[16];
            int m = 0;
            for (long s : cur) {
                int k = model.successors(s, next, family);
                for (int j = 0; j < k; j++) {
                    while (seen.room(stored) <= 0) seen.grow();
                    if (seen.add(next[j])) {
                        stored++;
                        out = grow(out, m);
                        out[m++] = next[j];
                    }
                }
            }
            levels.add(Arrays.copyOf(out, m));
        }
        int depth = levels.size() - 1;
        int[] path = new int[depth + 1];
        long cur = target;
        for (int d = depth - 1; d >= 0; d--) {
            long best = -1;
            int bestChoice = -1;
            for (long s : levels.get(d)) {
                if (best >= 0 && s >= best) continue;
                int k = model.successors(s, next, family);
                for (int j = 0; j < k; j++) {
                    if (next[j] == cur) {
                        best = s;
                        bestChoice = j;
                        break;
                    }
                }
            }
            path[d + 1] = bestChoice;
            cur = best;
        }
        for (int i = 0; i < initial.length; i++) if (initial[i] == cur) path[0] = i;
        return path;
    }

    private static boolean contains(long[] level, long s) {
        for (long x : level) if (x == s) return true;
        return false;
    }

    private static long[] grow(long[] a, int n) {
        return n < a.length ? a : Arrays.copyOf(a, Math.max(16, a.length * 2));
    }
}
