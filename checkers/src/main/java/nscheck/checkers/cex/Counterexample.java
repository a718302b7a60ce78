package nscheck.checkers.cex;

import nscheck.model.TraceStep;

import java.util.List;
import java.util.Map;

/**
 * A counterexample file: everything needed to reproduce a violation without the run that
 * found it. Format documented in docs/counterexample-format.md; {@link #VERSION} changes whenever a
 * field changes meaning.
 *
 * @param model     the model's name, or the path of its file
 * @param expect    {@code violates} (the bug is still there) or {@code holds} (fixed, must stay fixed)
 * @param initial   the initial state, described
 * @param trace     one entry per step: actor, call, arguments, and what the actor observed
 */
public record Counterexample(String format, int version, String model, Map<String, Integer> bounds, String variant,
                             PropertyRef property, FoundBy foundBy, String expect, String initial,
                             List<TraceStep> trace) {
    public static final String FORMAT = "nscheck-counterexample";
    public static final int VERSION = 1;
    public static final String VIOLATES = "violates";
    public static final String HOLDS = "holds";

    public record PropertyRef(String name, String statement) {}

    /** How the trace was found: the engine, its seed if it had one, and whether it was minimized. */
    public record FoundBy(String engine, Long seed, boolean minimized) {}
}
