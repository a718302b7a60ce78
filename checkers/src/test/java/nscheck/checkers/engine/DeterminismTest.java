package nscheck.checkers.engine;

import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The enumerator's counts are a property of the model, not of the run: two runs agree, and the
 * pinned numbers (docs/models-and-invariants.md, model/golden-counts.json) change only when the spec or a model changes on purpose.
 */
class DeterminismTest {

    @ParameterizedTest(name = "{0}: {1} distinct, {2} generated")
    @CsvSource({
            "pidns-basic,      10678,  166175",
            "pidns-init-death, 115048, 1614200",
    })
    void repeatedRunsGiveTheSameCounts(String model, long distinct, long generated) {
        Model<?, ?> m = ModelCatalog.find(model).build(Map.of(), null);
        for (int run = 0; run < 2; run++) {
            // run 0 sequential, run 1 on two worker threads: the engine `check` picks on a multi-core machine
            CheckResult<?, ?> r = run == 0 ? new Bfs<>(m, CheckOptions.defaults().quiet(), Progress.NONE).run()
                    : new ParallelBfs<>(m, CheckOptions.defaults().quiet(), Progress.NONE, 2).run();
            assertEquals(Ending.EXHAUSTED == r.ending() || Ending.DEPTH_BOUND == r.ending(), true,
                    () -> r.ending() + (r.failure() != null ? " " + r.failure().error() + " after " + r.failure().trace() : ""));
            assertEquals(distinct, r.stats().distinct(), "distinct states, run " + run);
            assertEquals(generated, r.stats().generated(), "generated states, run " + run);
            assertEquals(0, r.violations().size());
        }
    }
}
