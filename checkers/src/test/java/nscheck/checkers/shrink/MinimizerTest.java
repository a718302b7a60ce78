package nscheck.checkers.shrink;

import nscheck.checkers.SingleProperty;
import nscheck.checkers.engine.Bfs;
import nscheck.checkers.engine.CheckOptions;
import nscheck.checkers.engine.CheckResult;
import nscheck.checkers.engine.Progress;
import nscheck.checkers.trace.Replay;
import nscheck.checkers.trace.Trace;
import nscheck.checkers.trace.Violation;
import nscheck.checkers.walk.Simulation;
import nscheck.checkers.walk.SimulationOptions;
import nscheck.checkers.walk.SimulationResult;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance: a long random walk that violates a property shrinks to a trace exactly as short as
 * the shortest one the BFS finds for the same property. On the PID models the walk is at least
 * three dozen steps (the violation comes late); the futex models end after a dozen or so steps,
 * so there the walk is as long as they allow. Deterministic: the walks come from fixed seeds
 * (the first seed from 1 up whose walk is long enough).
 */
class MinimizerTest {
    @ParameterizedTest
    @CsvSource({
            "pidns-basic, seeded-shallow-zap, init-kills-namespace, 36",
            "pidns-basic, seeded-flat-levels, pid-visibility, 36",
            "pidns-basic, seeded-no-in-use-check, pid-unique, 36",
            "pidns-basic, seeded-leaky-translate, isolation, 36",
            "pidns-basic, seeded-leaky-translate, pid-round-trip, 36",
            "pidns-basic, seeded-global-lookup, pid-round-trip, 36",
            "pidns-init-death, seeded-global-reaper, orphan-reaper, 36",
            "futex-pi-crossns, mainline, mutual-exclusion, 8",
            "futex-pi-crossns, mainline, no-lost-wakeup, 8",
            "futex-robust-crossns, mainline, robust-recovery, 8"})
    void longWalkShrinksToTheBfsLength(String model, String variant, String property, int atLeast) {
        shrinks(new SingleProperty<>(ModelCatalog.find(model).build(Map.of(), variant), property), atLeast);
    }

    private static <S, A> void shrinks(Model<S, A> m, int atLeast) {
        CheckResult<S, A> bfs = new Bfs<>(m, CheckOptions.defaults().quiet(), Progress.NONE).run();
        assertTrue(bfs.violated(), "the BFS finds the seeded bug");
        int shortest = bfs.violations().get(0).trace().length();

        Violation<S, A> walked = null;
        long seed = 0;
        for (long s = 1; s < 20_000 && walked == null; s++) {
            SimulationResult<S, A> r = new Simulation<>(m, new SimulationOptions(s, 1, 80, false)).run();
            if (r.violated() && r.found().get(0).violation().trace().length() >= atLeast) {
                walked = r.found().get(0).violation();
                seed = s;
            }
        }
        assertNotNull(walked, "some walk of at least " + atLeast + " steps violates " + m.properties().get(0).name());

        Minimizer<S, A> minimizer = new Minimizer<>(m, m.properties().get(0).name());
        Trace<S, A> small = minimizer.minimize(walked.trace(), false);
        System.out.printf("%s %s under %s: walk seed %d, %d steps -> %d (BFS %d), %d replays%n", m.name(), m.properties().get(0).name(),
                m.variant(), seed, walked.trace().length(), small.length(), shortest, minimizer.replays());
        assertEquals(shortest, small.length(), "minimized walk (seed " + seed + ") is as short as the BFS's");
        Replay.Result<S, A> again = new Replay<>(m, m.properties().get(0).name()).run(small.initial(),
                small.steps().stream().map(st -> m.describe(st.pre(), st.action(), st.post())).toList(), Replay.Matching.EXACT, true);
        assertTrue(!again.diverged() && again.violatedAt() == small.length(), "the minimized trace replays exactly and violates at its end");
    }
}
