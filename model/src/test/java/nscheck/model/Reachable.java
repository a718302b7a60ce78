package nscheck.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a model's properties say within a few steps of its start: a breadth-first walk over
 * distinct states (by the model's fingerprint, as the engines count them) to a depth bound, judging every property on every
 * state and every step it meets. For tests that show an invariant holds where it should and fails
 * where a seeded bug breaks it; the engines proper live in checkers.
 */
public final class Reachable {
    /** Per property: the depth of its first violation (-1: none), and how often it held (not vacuously). */
    public record Judgement(int firstViolation, int held) {
        public boolean violated() {
            return firstViolation >= 0;
        }
    }

    private Reachable() {}

    /** Every property of {@code m} judged over the states within {@code depth} steps of the start. */
    public static <S, A> Map<String, Judgement> judge(Model<S, A> m, int depth) {
        Map<String, int[]> seen = new LinkedHashMap<>();
        for (Property<S, A> p : m.properties()) seen.put(p.name(), new int[] {-1, 0});
        Set<Long> visited = new HashSet<>();
        List<S> level = new ArrayList<>();
        for (S s : m.initialStates()) if (visited.add(m.fingerprint(s))) level.add(s);
        for (S s : level) judgeState(m, s, 0, seen);
        for (int d = 1; d <= depth && !level.isEmpty(); d++) {
            List<S> next = new ArrayList<>();
            int at = d;
            for (S s : level)
                m.successors(s, t -> {
                    judgeStep(m, s, t.action(), t.next(), at, seen);
                    if (visited.add(m.fingerprint(t.next()))) {
                        judgeState(m, t.next(), at, seen);
                        next.add(t.next());
                    }
                });
            level = next;
        }
        Map<String, Judgement> out = new LinkedHashMap<>();
        seen.forEach((k, v) -> out.put(k, new Judgement(v[0], v[1])));
        return out;
    }

    /** The number of distinct states within {@code depth} steps of the start. */
    public static <S, A> int count(Model<S, A> m, int depth) {
        Set<Long> visited = new HashSet<>();
        List<S> level = new ArrayList<>();
        for (S s : m.initialStates()) if (visited.add(m.fingerprint(s))) level.add(s);
        for (int d = 1; d <= depth && !level.isEmpty(); d++) {
            List<S> next = new ArrayList<>();
            for (S s : level) m.successors(s, t -> { if (visited.add(m.fingerprint(t.next()))) next.add(t.next()); });
            level = next;
        }
        return visited.size();
    }

    private static <S, A> void judgeState(Model<S, A> m, S s, int depth, Map<String, int[]> seen) {
        for (Property<S, A> p : m.properties())
            if (p instanceof Property.Always<S, A> a) record(seen.get(p.name()), a.check().check(s), depth);
    }

    private static <S, A> void judgeStep(Model<S, A> m, S pre, A action, S post, int depth, Map<String, int[]> seen) {
        for (Property<S, A> p : m.properties())
            if (p instanceof Property.AlwaysStep<S, A> a) record(seen.get(p.name()), a.check().check(pre, action, post), depth);
    }

    private static void record(int[] r, Verdict v, int depth) {
        if (v == Verdict.VIOLATED && r[0] < 0) r[0] = depth;
        if (v == Verdict.HOLDS) r[1]++;
    }
}
