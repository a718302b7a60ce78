package nscheck.model.futex;

import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import nscheck.model.ModelException;
import nscheck.model.Reachable;
import nscheck.model.Reachable.Judgement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark models' own seeded bugs (FutexMutex.Bug): each breaks its invariant first at the
 * step checkers' SeededBugsTest proves shortest, and the correct protocol keeps both invariants,
 * not only vacuously, over its whole state space.
 */
class MutexProtocolBugsTest {

    @ParameterizedTest(name = "{0} under {1} breaks {2} in {3} steps")
    @CsvSource({
            "futex-mutex-once,    seeded-xchg-takes-held,      mutual-exclusion, 3",
            "futex-mutex-forever, seeded-xchg-takes-held,      mutual-exclusion, 3",
            "futex-mutex-once,    seeded-wait-without-compare, no-lost-wakeup,   7",
            "futex-mutex-forever, seeded-wait-without-compare, no-lost-wakeup,   7",
    })
    void theBugBreaksItsInvariantFirstAtThatStep(String model, String bug, String invariant, int steps) {
        Model<?, ?> m = ModelCatalog.find(model).build(Map.of(), bug);
        assertEquals(bug, m.variant());
        Map<String, Judgement> j = Reachable.judge(m, steps);
        assertEquals(steps, j.get(invariant).firstViolation());
        j.forEach((inv, v) -> {
            if (!inv.equals(invariant)) assertFalse(v.violated(), bug + " breaks only " + invariant + ", not " + inv);
        });
    }

    @ParameterizedTest(name = "{0} keeps both invariants")
    @CsvSource({"futex-mutex-once", "futex-mutex-forever"})
    void theProtocolKeepsBothInvariants(String model) {
        Model<?, ?> m = ModelCatalog.find(model).build(Map.of("threads", 3), null);
        Reachable.judge(m, 1000).forEach((inv, v) -> {
            assertFalse(v.violated(), inv);
            assertTrue(v.held() > 0, inv + " only ever vacuous");
        });
    }

    @Test
    void theBugsAreVariantsByName() {
        assertEquals(List.of("seeded-wait-without-compare", "seeded-xchg-takes-held"), FutexMutexSource.seededBugs());
        assertEquals(FutexMutex.Bug.XCHG_TAKES_HELD, FutexMutex.Bug.byVariant("seeded-xchg-takes-held"));
        assertEquals(FutexMutex.Bug.WAIT_WITHOUT_COMPARE, FutexMutex.Bug.byVariant("seeded-wait-without-compare"));
        assertNull(FutexMutex.Bug.byVariant("mainline"));
        assertNull(FutexMutex.Bug.byVariant(null));
        assertEquals("mutual-exclusion", FutexMutex.Bug.XCHG_TAKES_HELD.breaks());
        assertEquals("no-lost-wakeup", FutexMutex.Bug.WAIT_WITHOUT_COMPARE.breaks());
        assertNull(FutexMutex.Bug.NONE.variant());
        assertEquals("forever", new FutexMutex(2, FutexMutex.Loop.FOREVER).variant());
        assertEquals("seeded-xchg-takes-held", new FutexMutex(2, FutexMutex.Loop.ONCE, FutexMutex.Bug.XCHG_TAKES_HELD).variant());
    }

    @Test
    void aCatalogModelTakesItsLoopItsBugsOrNothing() {
        FutexMutexSource once = new FutexMutexSource(FutexMutex.Loop.ONCE);
        assertEquals("futex-mutex-once", once.name());
        assertEquals("once", once.defaultVariant());
        assertEquals(Map.of("threads", 3), once.defaultBounds());
        assertEquals(List.of("mutual-exclusion", "no-lost-wakeup"), once.invariants());
        assertTrue(once.description().startsWith("Drepper's three-state futex mutex"));
        assertEquals("once", once.build(Map.of(), "once").variant());
        assertEquals("once", once.build(null, null).variant());
        assertEquals("model futex-mutex-once has only the variant once and the seeded bugs [seeded-wait-without-compare, seeded-xchg-takes-held]"
                + " (the other is a model of its own: futex-mutex-forever)", assertThrows(ModelException.class, () -> once.build(Map.of(), "mainline")).getMessage());
        assertTrue(assertThrows(ModelException.class, () -> new FutexMutexSource(FutexMutex.Loop.FOREVER).build(Map.of(), "once")).getMessage()
                .endsWith("(the other is a model of its own: futex-mutex-once)"));
    }
}
