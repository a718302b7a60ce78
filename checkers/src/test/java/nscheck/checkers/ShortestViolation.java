package nscheck.checkers;

import nscheck.checkers.engine.Bfs;
import nscheck.checkers.engine.CheckOptions;
import nscheck.checkers.engine.CheckResult;
import nscheck.checkers.engine.Progress;
import nscheck.checkers.trace.Violation;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tests' proof that an invariant can fail: a violation exists, of a given length, and none shorter. */
final class ShortestViolation {
    private ShortestViolation() {}

    static void assertShortest(String model, String variant, String invariant, int length) {
        Model<?, ?> m = ModelCatalog.find(model).build(Map.of(), variant);
        Violation<?, ?> v = first(m, invariant, -1);
        assertTrue(v != null, model + " under " + variant + " must break " + invariant);
        assertEquals(length, v.trace().length(), () -> "trace: " + v.trace());
        assertEquals(null, first(m, invariant, length - 1), "a shorter trace exists");
    }

    /** The first violation of {@code invariant} within {@code depth} steps (-1: the model's own bound). */
    static <S, A> Violation<S, A> first(Model<S, A> m, String invariant, int depth) {
        // Only the one invariant, stopping at its first violation: a seeded bug can make the rest of
        // the state space far larger than the sound one (duplicate PIDs multiply states).
        CheckOptions o = CheckOptions.defaults().quiet().withMaxDepth(depth);
        CheckResult<S, A> r = new Bfs<>(new SingleProperty<>(m, invariant), o, Progress.NONE).run();
        return r.violations().stream().filter(x -> x.property().equals(invariant)).findFirst().orElse(null);
    }
}
