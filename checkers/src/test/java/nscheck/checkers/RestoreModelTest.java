package nscheck.checkers;

import nscheck.checkers.engine.Bfs;
import nscheck.checkers.engine.CheckOptions;
import nscheck.checkers.engine.CheckResult;
import nscheck.checkers.engine.Progress;
import nscheck.checkers.trace.Violation;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The migration invariants: each holds under mainline where mainline keeps it, and each can
 * fail, on a shortest trace, under the variant that breaks it.
 */
class RestoreModelTest {

    @ParameterizedTest(name = "{0} breaks {1} in {2} steps")
    @CsvSource({
            "global-pids,          pids-preserved-on-restore,  2",
            "pidspaces-2006,       pids-preserved-on-restore,  1",
            "seeded-shallow-zap,   restore-fails-cleanly,      3",
            "proc-inode,           ns-id-stable,               4",
            "mainline,             ns-id-survives-migration,   1",
            "serial-2014,          ns-id-survives-migration,   1",
            "proc-inode,           ns-id-survives-migration,   2",
            "clone-with-pids-2009, no-unprivileged-pid-choice, 2",
    })
    void variantBreaksInvariantOnAShortestTrace(String variant, String invariant, int length) {
        Model<?, ?> m = ModelCatalog.find("restore-migration").build(Map.of(), variant);
        Violation<?, ?> v = firstViolationOf(m, invariant, -1);
        assertNotNull(v, variant + " must break " + invariant);
        assertEquals(length, v.trace().length(), () -> "trace: " + v.trace());
        assertNull(firstViolationOf(m, invariant, length - 1), "a shorter trace exists");
    }

    @ParameterizedTest(name = "mainline keeps {0}")
    @CsvSource({"pids-preserved-on-restore", "restore-fails-cleanly", "ns-id-stable", "no-unprivileged-pid-choice"})
    void mainlineKeeps(String invariant) {
        Model<?, ?> m = ModelCatalog.find("restore-migration").build(Map.of(), "mainline");
        assertNull(firstViolationOf(m, invariant, -1));
    }

    private static <S, A> Violation<S, A> firstViolationOf(Model<S, A> m, String invariant, int depth) {
        CheckOptions o = CheckOptions.defaults().quiet().withMaxDepth(depth);
        CheckResult<S, A> r = new Bfs<>(new SingleProperty<>(m, invariant), o, Progress.NONE).run();
        if (r.exercised().length > 0 && depth < 0 && r.violations().isEmpty())
            assertEquals(true, r.exercised()[0] > 0, invariant + " was never exercised");
        return r.violations().stream().filter(x -> x.property().equals(invariant)).findFirst().orElse(null);
    }
}
