package nscheck.model.futex;

import nscheck.model.ModelCatalog;
import nscheck.model.ModelException;
import nscheck.model.ModelSource;
import nscheck.model.TraceStep;
import nscheck.model.Transition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The futex protocol models over the spec's kernel: each thread takes its protocol's next atomic
 * step or futex call; a finished thread takes none; rounds are counted; a robust owner may die
 * holding the lock, and the next owner learns it.
 */
class FutexModelStepsTest {
    private static FutexModel model(String name, Map<String, Integer> bounds) {
        return (FutexModel) ModelCatalog.find(name).build(bounds, null);
    }

    private static List<Transition<FutexState, FutexStep>> successors(FutexModel m, FutexState s) {
        List<Transition<FutexState, FutexStep>> out = new ArrayList<>();
        m.successors(s, out::add);
        return out;
    }

    private static FutexState after(FutexModel m, FutexState s, int thread, String family) {
        for (var t : successors(m, s)) if (t.action().thread() == thread && t.action().family().equals(family)) return t.next();
        throw new AssertionError("T" + thread + " has no " + family + " in " + m.describeState(s));
    }

    @Test
    void everyThreadStartsWithItsLockAttempt() {
        FutexModel m = model("futex-mutex", Map.of("threads", 2, "rounds", 1));
        FutexState s = m.initialStates().get(0);
        List<Transition<FutexState, FutexStep>> steps = successors(m, s);
        assertEquals(2, steps.size());
        FutexStep first = steps.get(0).action();
        assertEquals(new FutexStep(0, m.slot(0), "cmpxchg", "cmpxchg(w0, 0, 1)", "= 0"), first);
        assertEquals("cmpxchg", m.family(first));
        assertEquals(new TraceStep("T" + m.slot(0), "TID 2", "cmpxchg", Map.of(), "cmpxchg(w0, 0, 1)", "= 0"), m.describe(s, first, steps.get(0).next()));
        assertTrue(m.describeState(s).startsWith("T" + m.slot(0) + "[2] lock; T" + m.slot(1) + "[3] lock; "), m.describeState(s));
        assertEquals(List.of("cmpxchg", "xchg", "futex-wait", "futex-return", "atomic-dec", "store", "futex-wake"), m.actionFamilies());
        assertEquals(Map.of("threads", 2, "rounds", 1, "steps", 0), m.bounds());
        assertEquals(0, m.maxDepth());
        assertEquals("futex-mutex", m.name());
        assertEquals("mainline", m.variant());
        assertTrue(m.description().startsWith("Drepper's three-state futex mutex"));
        assertNotEquals(m.fingerprint(s), m.fingerprint(steps.get(0).next()));
    }

    @Test
    void aThreadThatFinishedItsRoundsTakesNoMoreSteps() {
        FutexModel once = model("futex-mutex", Map.of("threads", 2, "rounds", 1));
        FutexState s = after(once, once.initialStates().get(0), 0, "cmpxchg");
        assertTrue(once.describeState(s).contains("critical"), once.describeState(s));
        s = after(once, s, 0, "atomic-dec");
        assertEquals(1, s.rounds()[0]);
        assertTrue(once.describeState(s).startsWith("T" + once.slot(0) + "[2] done; "), once.describeState(s));
        FutexState done = s;
        assertTrue(successors(once, done).stream().allMatch(t -> t.action().thread() == 1));
        assertFalse(once.quiescent(done));
        // with two rounds the same unlock starts the second lock attempt
        FutexModel twice = model("futex-mutex", Map.of("threads", 2, "rounds", 2));
        FutexState again = after(twice, after(twice, twice.initialStates().get(0), 0, "cmpxchg"), 0, "atomic-dec");
        assertEquals(1, again.rounds()[0]);
        assertEquals(0, again.pc(0));
        FutexState second = after(twice, after(twice, again, 0, "cmpxchg"), 0, "atomic-dec");
        assertEquals(2, second.rounds()[0]);
        assertEquals(ThreeStateMutex.DONE, second.pc(0));
    }

    @Test
    void aRobustOwnerMayDieHoldingTheLockAndTheNextOwnerLearnsIt() {
        FutexModel m = model("futex-robust", Map.of("threads", 2, "rounds", 1));
        assertEquals(List.of("cmpxchg", "futex-lock-pi", "futex-return", "futex-unlock-pi", "atomic-and", "exit"), m.actionFamilies());
        FutexState held = after(m, m.initialStates().get(0), 0, "cmpxchg");
        FutexState dead = after(m, held, 0, "exit");
        assertEquals(FutexState.DEATH_PENDING, dead.death());
        assertTrue(m.describeState(dead).endsWith("; owner death pending"), m.describeState(dead));
        // no second death: a thread that holds the lock after one may not die
        FutexState next = after(m, dead, 1, "cmpxchg");
        FutexState taken = successors(m, next).get(0).next();
        assertEquals(FutexState.DEATH_LEARNED, taken.death(), m.describeState(taken));
        assertTrue(m.describeState(taken).contains("owner death learned"));
        assertTrue(successors(m, taken).stream().noneMatch(t -> t.action().family().equals("exit")));
        assertEquals(List.of("cmpxchg", "futex-lock-pi", "futex-return", "futex-unlock-pi"), model("futex-pi", Map.of()).actionFamilies());
    }

    @Test
    void theCatalogsFutexModelsAndTheirBounds() {
        for (String name : List.of("futex-mutex", "futex-pi", "futex-pi-crossns", "futex-robust", "futex-robust-crossns")) {
            ModelSource s = ModelCatalog.find(name);
            assertEquals(name, s.name());
            assertEquals(name, s.build(Map.of(), null).name());
            assertEquals("mainline", s.defaultVariant());
            assertEquals(s.invariants(), s.build(Map.of(), null).properties().stream().map(p -> p.name()).toList());
            assertFalse(s.description().isBlank());
            assertThrows(ModelException.class, () -> s.build(Map.of("threads", 1), null));
            assertThrows(ModelException.class, () -> s.build(Map.of("threads", 6), null));
            assertThrows(ModelException.class, () -> s.build(Map.of("rounds", 0), null));
            assertThrows(ModelException.class, () -> s.build(Map.of("rounds", 4), null));
        }
        assertEquals(Map.of("threads", 3, "rounds", 2, "steps", 0), ModelCatalog.find("futex-mutex").defaultBounds());
        assertEquals(1, ModelCatalog.find("futex-pi-crossns").defaultBounds().get("rounds"));
        assertEquals(5, model("futex-mutex", Map.of("threads", 5, "rounds", 3)).initialStates().get(0).threads());
        assertThrows(ModelException.class, () -> FutexInvariants.named("no-such", model("futex-mutex", Map.of())));
        assertEquals(List.of("mutual-exclusion", "no-lost-wakeup", "robust-recovery"), ModelCatalog.find("futex-robust-crossns").invariants());
    }

    @Test
    void aStateIsItsKernelItsCountersAndWhatBecameOfADeath() {
        FutexModel m = model("futex-mutex", Map.of("threads", 2, "rounds", 1));
        FutexState s = m.initialStates().get(0);
        FutexState same = new FutexState(s.kernel(), s.pc().clone(), s.rounds().clone(), s.death());
        assertEquals(s, same);
        assertEquals(s.hashCode(), same.hashCode());
        assertEquals(s.fingerprint(), same.fingerprint());
        FutexState moved = s.with(s.kernel(), 1, 4, 0, FutexState.NO_DEATH);
        assertNotEquals(s, moved);
        assertNotEquals(s.fingerprint(), moved.fingerprint());
        FutexState counted = s.with(s.kernel(), 1, 0, 1, FutexState.NO_DEATH);
        assertNotEquals(s, counted);
        assertNotEquals(s.fingerprint(), counted.fingerprint());
        FutexState died = s.with(s.kernel(), 1, 0, 0, FutexState.DEATH_MISSED);
        assertNotEquals(s, died);
        assertNotEquals(s.hashCode(), died.hashCode());
        assertNotEquals(s.fingerprint(), died.fingerprint());
        assertTrue(died.toString().endsWith(" death 3"));
        assertFalse(s.toString().contains("death"));
        assertEquals(2, s.threads());
    }
}
