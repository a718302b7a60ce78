package nscheck.checkers;

import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance: a long random walk that violates a property under a seeded bug shrinks to a trace
 * as short as the shortest one the BFS finds for the same property. Deterministic: the walks
 * come from fixed seeds.
 */
class MinimizerTest {
    static final int LONG = 24;

    @ParameterizedTest
    @CsvSource({
            "seeded-shallow-zap, init-kills-namespace",
            "seeded-flat-levels, pid-visibility",
            "seeded-no-in-use-check, pid-unique",
            "seeded-leaky-translate, isolation",
            "seeded-leaky-translate, pid-round-trip",
            "seeded-global-lookup, pid-round-trip"})
    void longWalkShrinksToTheBfsLength(String variant, String property) {
        shrinks(new SingleProperty<>(ModelCatalog.find("pidns-basic").build(Map.of(), variant), property));
    }

    private static <S, A> void shrinks(Model<S, A> m) {
        CheckResult<S, A> bfs = new Bfs<>(m, CheckOptions.defaults().quiet(), Progress.NONE).run();
        assertTrue(bfs.violated(), "the BFS finds the seeded bug");
        int shortest = bfs.violations().get(0).trace().length();

        Violation<S, A> walked = null;
        long seed = 0;
        for (long s = 1; s < 20_000 && walked == null; s++) {
            SimulationResult<S, A> r = new Simulation<>(m, new SimulationOptions(s, 1, 80, false)).run();
            if (r.violated() && r.found().get(0).violation().trace().length() >= LONG) {
                walked = r.found().get(0).violation();
                seed = s;
            }
        }
        assertNotNull(walked, "some walk of at least " + LONG + " steps violates " + m.properties().get(0).name());

        Minimizer<S, A> minimizer = new Minimizer<>(m, m.properties().get(0).name());
        Trace<S, A> small = minimizer.minimize(walked.trace(), false);
        System.out.printf("%s under %s: walk seed %d, %d steps -> %d (BFS %d), %d replays%n", m.properties().get(0).name(),
                m.variant(), seed, walked.trace().length(), small.length(), shortest, minimizer.replays());
        assertEquals(shortest, small.length(), "minimized walk (seed " + seed + ") is as short as the BFS's");
        Replay.Result<S, A> again = new Replay<>(m, m.properties().get(0).name()).run(small.initial(),
                small.steps().stream().map(st -> m.describe(st.pre(), st.action(), st.post())).toList(), Replay.Matching.EXACT, true);
        assertTrue(!again.diverged() && again.violatedAt() == small.length(), "the minimized trace replays exactly and violates at its end");
    }
}
