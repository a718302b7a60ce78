package nscheck.checkers.walk;

import nscheck.checkers.engine.Coverage;
import nscheck.checkers.trace.Violation;
import nscheck.model.Model;

import java.util.List;

/**
 * What a simulation found: for each violated property the first walk that violated it (the
 * trace as walked, before minimization), and how much walking it took.
 */
public record SimulationResult<S, A>(Model<S, A> model, SimulationOptions options, List<Found<S, A>> found,
                                     long walks, long steps, double seconds, Coverage coverage) {

    /** A violation and the walk that found it: walk index and the seed that reruns it alone. */
    public record Found<S, A>(Violation<S, A> violation, int walk, long walkSeed) {}

    public boolean violated() {
        return !found.isEmpty();
    }

    public double walksPerSecond() {
        return seconds > 0 ? walks / seconds : 0;
    }

    public double stepsPerSecond() {
        return seconds > 0 ? steps / seconds : 0;
    }
}
