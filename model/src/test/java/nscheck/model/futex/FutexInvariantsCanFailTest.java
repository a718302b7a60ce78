package nscheck.model.futex;

import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import nscheck.model.Reachable;
import nscheck.model.Reachable.Judgement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The futex models' invariants: each fails first at the step checkers' FutexModelsTest proves
 * shortest (a seeded bug, or mainline with the threads in two PID namespaces), and each holds,
 * not only vacuously, over every state of the same protocol with its threads in one namespace.
 */
class FutexInvariantsCanFailTest {

    @ParameterizedTest(name = "{0} under {1} breaks {2} in {3} steps")
    @CsvSource({
            "futex-pi,             seeded-anonymous-owner,      mutual-exclusion, 5",
            "futex-mutex,          seeded-wait-without-compare, no-lost-wakeup,   11",
            "futex-pi-crossns,     mainline,                    owner-identity,   1",
            "futex-pi-crossns,     mainline,                    mutual-exclusion, 5",
            "futex-pi-crossns,     mainline,                    no-lost-wakeup,   6",
            "futex-robust-crossns, mainline,                    robust-recovery,  6",
    })
    void breaksFirstAtThatStep(String model, String variant, String invariant, int steps) {
        Model<?, ?> m = ModelCatalog.find(model).build(Map.of(), variant);
        assertEquals(steps, Reachable.judge(m, steps).get(invariant).firstViolation(), () -> model + " under " + variant);
    }

    /** Every state of two threads making one round (the walk ends when the state space does). */
    @ParameterizedTest(name = "{0} keeps its invariants")
    @CsvSource({"futex-mutex", "futex-pi", "futex-robust"})
    void theSameNamespaceProtocolsKeepEveryInvariant(String model) {
        Model<?, ?> m = ModelCatalog.find(model).build(Map.of("threads", 2, "rounds", 1), null);
        Map<String, Judgement> all = Reachable.judge(m, 1000);
        assertEquals(m.properties().size(), all.size());
        all.forEach((inv, j) -> {
            assertFalse(j.violated(), inv + " broken after " + j.firstViolation() + " steps");
            assertTrue(j.held() > 0, inv + " only ever vacuous");
        });
    }
}
