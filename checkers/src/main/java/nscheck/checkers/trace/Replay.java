package nscheck.checkers.trace;

import nscheck.model.Model;
import nscheck.model.ModelException;
import nscheck.model.Property;
import nscheck.model.TraceStep;
import nscheck.model.Transition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Re-executes recorded steps against a model built from today's spec. A recorded step names an
 * actor, a call, its arguments and what the actor observed; it is matched against the
 * descriptions of the transitions enabled in the current state. The observation takes part in
 * the match because one call can have several outcomes (waitpid(-1) has one transition per
 * zombie it could reap). Only the named property is judged: a file is about one property.
 */
public final class Replay<S, A> {
    /** How strictly a recorded step must match. */
    public enum Matching {
        /** Actor, call, arguments and observation must all match: `nscheck replay`. */
        EXACT,
        /** Actor, call and arguments must match; the observation is what the spec says now (re-recording). */
        CALLS,
        /** As CALLS, but a step that is not enabled is dropped instead of ending the replay (the minimizer's candidates). */
        SKIP
    }

    /** The first recorded step that today's spec does not reproduce (1-based; 0 is the initial state). */
    public record Divergence(int step, String message) {}

    /**
     * @param trace      the steps actually executed
     * @param divergence null if every step was reproduced
     * @param violatedAt -1 if the property held throughout; 0 if the initial state violates it; else the
     *                   1-based index (in {@code trace}) of the step after which it was first violated
     */
    public record Result<S, A>(Trace<S, A> trace, Divergence divergence, int violatedAt) {
        public boolean diverged() {
            return divergence != null;
        }

        public boolean violated() {
            return violatedAt >= 0;
        }
    }

    private final Model<S, A> model;
    private final List<Property<S, A>> judged;
    private final boolean deadlock;

    /** @throws ModelException if the model has no property of that name */
    public Replay(Model<S, A> model, String property) {
        this.model = model;
        this.deadlock = Violation.DEADLOCK.equals(property) && model.deadlockIsViolation();
        this.judged = model.properties().stream().filter(p -> p.name().equals(property)).toList();
        if (judged.isEmpty() && !deadlock)
            throw new ModelException("model " + model.name() + " has no property '" + property + "' (it checks: "
                    + String.join(", ", model.properties().stream().map(Property::name).toList()) + ")");
    }

    public Model<S, A> model() {
        return model;
    }

    /** The initial state the model describes as {@code description}; null if it has none such. */
    public static <S, A> S initialState(Model<S, A> model, String description) {
        for (S s : model.initialStates()) if (model.describeState(s).equals(description)) return s;
        return null;
    }

    public Result<S, A> run(S initial, List<TraceStep> recorded, Matching matching, boolean stopAtViolation) {
        List<Trace.Step<S, A>> done = new ArrayList<>();
        int violatedAt = PropertyCheck.violatedBy(judged, initial) != null ? 0 : -1;
        Divergence divergence = null;
        S s = initial;
        for (int i = 0; i < recorded.size() && !(stopAtViolation && violatedAt >= 0); i++) {
            TraceStep want = recorded.get(i);
            List<Transition<S, A>> all = new ArrayList<>();
            model.successors(s, all::add);
            Transition<S, A> sameCall = null, exact = null;
            String nowObserved = null;
            for (Transition<S, A> t : all) {
                TraceStep d = model.describe(s, t.action(), t.next());
                if (!sameCall(d, want)) continue;
                if (sameCall == null) {
                    sameCall = t;
                    nowObserved = d.observation();
                }
                if (Objects.equals(d.observation(), want.observation())) {
                    exact = t;
                    break;
                }
            }
            Transition<S, A> take = exact != null ? exact : matching == Matching.EXACT ? null : sameCall;
            if (take == null) {
                if (matching == Matching.SKIP) continue;
                divergence = new Divergence(i + 1, sameCall == null
                        ? want.actor() + " " + want.text() + " is no longer possible (state " + model.describeState(s) + ")"
                        : want.actor() + " " + want.text() + " now observes " + nowObserved + ", recorded " + want.observation());
                break;
            }
            done.add(new Trace.Step<>(s, take.action(), take.next()));
            if (violatedAt < 0 && PropertyCheck.violatedBy(judged, s, take.action(), take.next()) != null) violatedAt = done.size();
            s = take.next();
        }
        if (deadlock && violatedAt < 0 && divergence == null) {
            List<Transition<S, A>> after = new ArrayList<>();
            model.successors(s, after::add);
            if (after.isEmpty()) violatedAt = done.size();
        }
        return new Result<>(new Trace<>(initial, List.copyOf(done)), divergence, violatedAt);
    }

    /** Same actor, call and arguments; numbers compare by value (a file gives back Integer or Long). */
    static boolean sameCall(TraceStep a, TraceStep b) {
        return Objects.equals(a.actor(), b.actor()) && Objects.equals(a.call(), b.call()) && sameArgs(a.args(), b.args());
    }

    private static boolean sameArgs(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> x = a == null ? Map.of() : a, y = b == null ? Map.of() : b;
        if (!x.keySet().equals(y.keySet())) return false;
        for (var e : x.entrySet()) {
            Object u = e.getValue(), v = y.get(e.getKey());
            if (u instanceof Number m && v instanceof Number n) {
                if (m.doubleValue() != n.doubleValue()) return false;
            } else if (!Objects.equals(String.valueOf(u), String.valueOf(v))) {
                return false;
            }
        }
        return true;
    }
}
