package nscheck.checkers.engine;

import nscheck.checkers.trace.Trace;
import nscheck.checkers.trace.Violation;
import nscheck.model.Model;

import java.util.List;

/**
 * Everything a search found.
 *
 * @param exercised per property (in the model's order), how often it was evaluated with a
 *                  non-vacuous verdict; 0 means the property was never tested
 * @param failure   set when the search ended with {@link Ending#MODEL_ERROR}
 */
public record CheckResult<S, A>(Model<S, A> model, Ending ending, Statistics stats,
                                List<Violation<S, A>> violations, Coverage coverage, long[] exercised,
                                ModelFailure<S, A> failure) {

    /** The model threw {@code error} while expanding the last state of {@code trace}. */
    public record ModelFailure<S, A>(RuntimeException error, Trace<S, A> trace) {}

    public boolean violated() {
        return !violations.isEmpty();
    }

    /** Properties that held in every state the search saw, but only vacuously. */
    public List<String> vacuous() {
        var props = model.properties();
        return java.util.stream.IntStream.range(0, props.size())
                .filter(i -> exercised[i] == 0 && violations.stream().noneMatch(v -> v.property().equals(props.get(i).name())))
                .mapToObj(i -> props.get(i).name()).toList();
    }

    public boolean complete() {
        return ending == Ending.EXHAUSTED || ending == Ending.DEPTH_BOUND;
    }
}
