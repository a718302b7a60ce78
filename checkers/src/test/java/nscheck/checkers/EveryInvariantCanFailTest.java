package nscheck.checkers;

import nscheck.model.ModelCatalog;
import nscheck.model.ModelSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A check that cannot fail is a defect: every invariant a shipped model checks must be broken by
 * a seeded bug or a variant in one of the tests that prove it on a shortest trace. Reads those
 * tests' own tables, so a new invariant without a proof fails here, not in review.
 */
class EveryInvariantCanFailTest {
    /** The tests whose parameter tables prove invariants can fail, and the column holding the invariant. */
    private static final List<Object[]> PROOFS = List.of(
            new Object[] {SeededBugsTest.class, "seededBugIsFoundOnAShortestTrace", 2},
            new Object[] {FutexModelsTest.class, "everyFutexInvariantFailsOnAShortestTrace", 2},
            new Object[] {RestoreModelTest.class, "variantBreaksInvariantOnAShortestTrace", 1});

    static Set<String> provenInvariants() {
        Set<String> proven = new TreeSet<>();
        for (Object[] p : PROOFS) {
            Method m = method((Class<?>) p[0], (String) p[1]);
            CsvSource table = m.getAnnotation(CsvSource.class);
            for (String row : table.value()) proven.add(row.split(",")[(int) p[2]].trim());
        }
        return proven;
    }

    private static Method method(Class<?> c, String name) {
        for (Method m : c.getDeclaredMethods()) if (m.getName().equals(name)) return m;
        throw new AssertionError(c.getSimpleName() + "." + name + " is gone: update PROOFS");
    }

    @Test
    void everyShippedInvariantHasAProofThatItCanFail() {
        Set<String> proven = provenInvariants();
        List<String> unproven = new ArrayList<>();
        for (ModelSource m : ModelCatalog.shipped())
            for (String inv : m.invariants()) if (!proven.contains(inv)) unproven.add(m.name() + ": " + inv);
        assertEquals(List.of(), unproven, "invariants no seeded bug or variant is shown to break");
    }

    /** The benchmark models implement their two invariants apart from the kernel futex models: each needs its own proof. */
    @Test
    void theBenchmarkModelsInvariantsHaveTheirOwnProofs() {
        Method m = method(SeededBugsTest.class, "seededBugIsFoundOnAShortestTrace");
        List<String> rows = List.of(m.getAnnotation(CsvSource.class).value());
        for (String model : List.of("futex-mutex-once", "futex-mutex-forever"))
            for (String inv : List.of("mutual-exclusion", "no-lost-wakeup"))
                assertFalse(rows.stream().noneMatch(r -> r.split(",")[0].trim().equals(model) && r.split(",")[2].trim().equals(inv)),
                        model + " " + inv);
    }
}
