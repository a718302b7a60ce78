package nscheck.checkers.shrink;

import nscheck.checkers.trace.Replay;
import nscheck.checkers.trace.Trace;
import nscheck.model.Model;
import nscheck.model.TraceStep;
import nscheck.model.Transition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Shrinks a violating trace while it still violates the same property. Three passes, repeated
 * while any makes progress:
 * <ol>
 *   <li>delta debugging over the steps (Zeller's ddmin, complements only): drop ever smaller
 *       chunks; a candidate is replayed with {@link Replay.Matching#SKIP}, so steps that are no
 *       longer possible drop out and the result is cut at the first violation;</li>
 *   <li>merging: two nearby steps replaced by one other step of the same actors, in the place
 *       of the first or of the second;</li>
 *   <li>simplification: replace one step by the same call with simpler arguments or made by a
 *       lower-numbered actor (clone(CLONE_NEWPID) becomes clone(0): one namespace fewer).</li>
 * </ol>
 * Every accepted candidate is no longer than the trace before and smaller in shortlex order,
 * so the loop ends; a replay budget bounds its cost on long traces.
 */
public final class Minimizer<S, A> {
    public static final int DEFAULT_BUDGET = 5_000;

    private final Model<S, A> model;
    private final Replay<S, A> replay;
    private final int budget;
    private int replays;

    public Minimizer(Model<S, A> model, String property, int budget) {
        this.model = model;
        this.replay = new Replay<>(model, property);
        this.budget = budget;
    }

    public Minimizer(Model<S, A> model, String property) {
        this(model, property, DEFAULT_BUDGET);
    }

    /** How many candidate traces were replayed so far. */
    public int replays() {
        return replays;
    }

    /**
     * A trace no longer than {@code trace} that violates the property; null if {@code trace} itself
     * no longer violates it under the model. {@code alreadyShortest} (a BFS trace) skips delta
     * debugging, which could not succeed, and only simplifies.
     */
    public Trace<S, A> minimize(Trace<S, A> trace, boolean alreadyShortest) {
        return minimize(trace.initial(), describe(trace), alreadyShortest);
    }

    /** As {@link #minimize(Trace, boolean)}, for recorded steps (a counterexample file's trace). */
    public Trace<S, A> minimize(S initial, List<TraceStep> steps, boolean alreadyShortest) {
        Trace<S, A> best = attempt(initial, steps);
        if (best == null) return null;
        boolean progress = true;
        while (progress && replays < budget) {
            if (!alreadyShortest) best = merge(deltaDebug(best));
            Trace<S, A> simpler = simplify(best);
            // A simpler step can make other steps redundant, so delta debugging runs again.
            progress = simpler != best;
            best = simpler;
        }
        return best;
    }

    private Trace<S, A> deltaDebug(Trace<S, A> trace) {
        Trace<S, A> best = trace;
        int n = 2;
        while (best.length() >= 1 && replays < budget) {
            List<TraceStep> cur = describe(best);
            int size = cur.size();
            int chunk = (size + n - 1) / n;
            boolean reduced = false;
            for (int start = 0; start < size && replays < budget; start += chunk) {
                List<TraceStep> candidate = new ArrayList<>(cur.subList(0, start));
                candidate.addAll(cur.subList(Math.min(size, start + chunk), size));
                Trace<S, A> r = attempt(best.initial(), candidate);
                if (r != null && r.length() < size) {
                    best = r;
                    n = Math.max(n - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (n >= size) break;
                n = Math.min(size, n * 2);
            }
        }
        return best;
    }

    /** How far apart two steps merged into one may be: further apart they seldom belong together. */
    static final int MERGE_REACH = 4;

    /**
     * Replaces two steps of the trace by one: step i becomes another call of the same actor (or
     * of step j's actor) and step j, a little later, goes. This is what delta debugging cannot
     * do: unshare(CLONE_NEWPID) followed by clone(0) is one clone(CLONE_NEWPID), and a walk
     * often takes the long way round.
     */
    private Trace<S, A> merge(Trace<S, A> trace) {
        Trace<S, A> best = trace;
        for (int i = 0; i < best.length() && replays < budget; i++) {
            boolean merged = false;
            for (int j = i + 1; j < Math.min(best.length(), i + 1 + MERGE_REACH) && !merged && replays < budget; j++) {
                List<TraceStep> cur = describe(best);
                String a = cur.get(i).actor(), b = cur.get(j).actor();
                java.util.function.Predicate<TraceStep> either = d -> d.actor().equals(a) || d.actor().equals(b);
                for (TraceStep alt : alternatives(best.steps().get(i).pre(), either)) {
                    if (replays >= budget) break;
                    List<TraceStep> candidate = new ArrayList<>(cur);
                    candidate.set(i, alt);
                    candidate.remove(j);
                    Trace<S, A> r = attempt(best.initial(), candidate);
                    if (r != null && r.length() < best.length()) {
                        best = r;
                        merged = true;
                        break;
                    }
                }
                if (merged || replays >= budget) break;
                // The other way round: step i goes and step j becomes the other call, where the steps
                // between have already happened (a prctl(PR_SET_CHILD_SUBREAPER) between a kill and
                // the death it causes must stay before the death: exit(0) replaces the delivery).
                List<TraceStep> without = new ArrayList<>(cur);
                without.remove(i);
                S at = prefixState(best.initial(), without.subList(0, j - 1));
                for (TraceStep alt : alternatives(at, either)) {
                    if (replays >= budget) break;
                    List<TraceStep> candidate = new ArrayList<>(without);
                    candidate.set(j - 1, alt);
                    Trace<S, A> r = attempt(best.initial(), candidate);
                    if (r != null && r.length() < best.length()) {
                        best = r;
                        merged = true;
                        break;
                    }
                }
            }
            if (merged) i = -1; // the trace changed under us: start over
        }
        return best;
    }

    /** The steps possible in {@code pre} that {@code keep} accepts, simplest first. */
    private List<TraceStep> alternatives(S pre, java.util.function.Predicate<TraceStep> keep) {
        List<Transition<S, A>> all = new ArrayList<>();
        model.successors(pre, all::add);
        List<TraceStep> out = new ArrayList<>();
        for (Transition<S, A> t : all) {
            TraceStep d = model.describe(pre, t.action(), t.next());
            if (keep.test(d)) out.add(d);
        }
        out.sort(SIMPLER);
        return out;
    }

    private Trace<S, A> simplify(Trace<S, A> trace) {
        Trace<S, A> best = trace;
        for (int i = 0; i < best.length() && replays < budget; i++) {
            List<TraceStep> cur = describe(best);
            TraceStep mine = cur.get(i);
            List<TraceStep> simpler = alternatives(best.steps().get(i).pre(),
                    d -> callName(d).equals(callName(mine)) && SIMPLER.compare(d, mine) < 0);
            for (TraceStep alt : simpler) {
                if (replays >= budget) break;
                List<TraceStep> candidate = new ArrayList<>(cur);
                candidate.set(i, alt);
                Trace<S, A> r = attempt(best.initial(), candidate);
                if (r != null && r.length() <= best.length()) {
                    best = r;
                    break;
                }
            }
        }
        return best;
    }

    /** The state the steps lead to, dropping those no longer possible (as candidates are replayed). */
    private S prefixState(S initial, List<TraceStep> steps) {
        replays++;
        try {
            return replay.run(initial, steps, Replay.Matching.SKIP, false).trace().last();
        } catch (RuntimeException specFailure) {
            return initial;
        }
    }

    /** The candidate's executed trace, cut at the violation, or null if it does not violate. */
    private Trace<S, A> attempt(S initial, List<TraceStep> candidate) {
        replays++;
        try {
            Replay.Result<S, A> r = replay.run(initial, candidate, Replay.Matching.SKIP, true);
            return r.violated() ? r.trace() : null;
        } catch (RuntimeException specFailure) {
            // A broken (seeded) variant can crash the spec in states no one should reach; such a
            // candidate is not a smaller reproduction of the same violation.
            return null;
        }
    }

    private List<TraceStep> describe(Trace<S, A> t) {
        List<TraceStep> out = new ArrayList<>(t.length());
        for (Trace.Step<S, A> s : t.steps()) out.add(model.describe(s.pre(), s.action(), s.post()));
        return out;
    }

    /** The system call's name without its arguments: "clone" for both clone(0) and clone(CLONE_NEWPID). */
    private static String callName(TraceStep s) {
        int paren = s.text() == null ? -1 : s.text().indexOf('(');
        return paren < 0 ? String.valueOf(s.text()) : s.text().substring(0, paren);
    }

    /** Simpler arguments first (smaller magnitudes, fewer flag bits), then lower-numbered actors. */
    static final Comparator<TraceStep> SIMPLER = Comparator.<TraceStep>comparingLong(Minimizer::argumentWeight)
            .thenComparingInt(s -> s.actor().length()).thenComparing(TraceStep::actor);

    private static long argumentWeight(TraceStep s) {
        long w = 0;
        if (s.args() == null) return 0;
        for (Map.Entry<String, Object> e : s.args().entrySet()) {
            Object v = e.getValue();
            if (v instanceof Number n) w += Math.abs(n.longValue());
            else if (v instanceof Boolean b) w += b ? 1 : 0;
            else if (v != null) w += v.toString().length();
        }
        return w;
    }
}
