package nscheck.checkers;

import nscheck.checkers.engine.Bfs;
import nscheck.checkers.engine.CheckOptions;
import nscheck.checkers.engine.CheckResult;
import nscheck.checkers.engine.Ending;
import nscheck.checkers.trace.Violation;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs BFS on every futex model: the same-namespace ones verify clean under mainline, and each
 * invariant is shown to fail with a shortest counterexample of a known length (a seeded bug, or
 * mainline on the cross-namespace layout).
 */
class FutexModelsTest {

    private static CheckResult<?, ?> check(String model, String variant) {
        Model<?, ?> m = ModelCatalog.find(model).build(Map.of(), variant);
        return new Bfs<>(m, CheckOptions.defaults().quiet().continuing(), s -> {}).run();
    }

    /** Each violated property with the length of its shortest counterexample. */
    private static Map<String, Integer> violations(CheckResult<?, ?> r) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Violation<?, ?> v : r.violations()) out.put(v.property(), v.trace().length());
        return out;
    }

    private static void assertClean(String model) {
        CheckResult<?, ?> r = check(model, null);
        assertEquals(Map.of(), violations(r), model);
        assertEquals(Ending.EXHAUSTED, r.ending(), model);
        assertEquals(List.of(), r.vacuous(), model + ": every invariant must have been exercised");
    }

    @Test
    void sameNamespaceModelsVerifyClean() {
        assertClean("futex-mutex");
        assertClean("futex-pi");
        assertClean("futex-robust");
    }

    @Test
    void mutualExclusionFailsWhenThePiOwnerCannotBeNamed() {
        Map<String, Integer> v = violations(check("futex-pi", "seeded-anonymous-owner"));
        assertEquals(5, v.get("mutual-exclusion"));
    }

    @Test
    void noLostWakeupFailsWhenFutexWaitDoesNotCompare() {
        Map<String, Integer> v = violations(check("futex-mutex", "seeded-wait-without-compare"));
        assertEquals(Map.of("no-lost-wakeup", 11), v);
    }

    @Test
    void ownerIdentityFailsAcrossPidNamespacesUnderMainline() {
        // The host process takes the lock: its TID 2 is, inside the container, the container's own thread.
        Map<String, Integer> v = violations(check("futex-pi-crossns", null));
        assertEquals(1, v.get("owner-identity"));
        // A host contender attaches to the container's init (TID 3 outside), a container contender then gets
        // EINVAL, which glibc ignores: two owners.
        assertEquals(5, v.get("mutual-exclusion"));
        // A container thread sees the host owner's TID as its own: EDEADLK, and glibc parks it for good.
        assertEquals(6, v.get("no-lost-wakeup"));
    }

    @Test
    void robustRecoveryFailsAcrossPidNamespacesUnderMainline() {
        // A container thread sleeps on a pi_state whose owner is the wrong task; the real owner dies and the
        // robust list marks the word, but exit_pi_state_list has nothing of its to release: nobody wakes it.
        Map<String, Integer> v = violations(check("futex-robust-crossns", null));
        assertEquals(6, v.get("robust-recovery"));
    }

    /**
     * Every futex invariant can fail, each on a shortest trace: the search for that invariant alone
     * finds it at {@code length} steps, and the same search bounded one step shorter finds nothing.
     */
    @ParameterizedTest(name = "{0} under {1} breaks {2} in {3} steps")
    @CsvSource({
            "futex-pi,             seeded-anonymous-owner,      mutual-exclusion, 5",
            "futex-mutex,          seeded-wait-without-compare, no-lost-wakeup,   11",
            "futex-pi-crossns,     mainline,                    owner-identity,   1",
            "futex-pi-crossns,     mainline,                    mutual-exclusion, 5",
            "futex-pi-crossns,     mainline,                    no-lost-wakeup,   6",
            "futex-robust-crossns, mainline,                    robust-recovery,  6",
    })
    void everyFutexInvariantFailsOnAShortestTrace(String model, String variant, String invariant, int length) {
        ShortestViolation.assertShortest(model, variant, invariant, length);
    }


    @Test
    void everyFutexModelIsListedAndBuilds() {
        for (String name : List.of("futex-mutex", "futex-pi", "futex-pi-crossns", "futex-robust", "futex-robust-crossns")) {
            Model<?, ?> m = ModelCatalog.find(name).build(Map.of(), null);
            assertFalse(m.properties().isEmpty(), name);
            assertTrue(ModelCatalog.shipped().stream().anyMatch(s -> s.name().equals(name)), name);
        }
    }
}
