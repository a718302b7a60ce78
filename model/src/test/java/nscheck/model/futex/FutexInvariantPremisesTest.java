package nscheck.model.futex;

import nscheck.model.ModelCatalog;
import nscheck.model.Property;
import nscheck.model.Transition;
import nscheck.model.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The futex invariants say nothing (vacuous) outside their premise, rather than holding: no
 * owner-identity while nobody holds the PI mutex, no no-lost-wakeup while some thread can still
 * move; and say something once the premise is met.
 */
class FutexInvariantPremisesTest {
    private static Verdict judge(FutexModel m, String invariant, FutexState s) {
        for (Property<FutexState, FutexStep> p : m.properties())
            if (p.name().equals(invariant)) return ((Property.Always<FutexState, FutexStep>) p).check().check(s);
        throw new AssertionError("no " + invariant);
    }

    private static FutexState first(FutexModel m, FutexState s) {
        List<Transition<FutexState, FutexStep>> out = new ArrayList<>();
        m.successors(s, out::add);
        return out.get(0).next();
    }

    @Test
    void beforeAnyoneHoldsOrWhileAnyoneCanMoveTheyAreVacuous() {
        FutexModel m = (FutexModel) ModelCatalog.find("futex-pi").build(Map.of("threads", 2, "rounds", 1), null);
        FutexState s = m.initialStates().get(0);
        assertEquals(Verdict.VACUOUS, judge(m, "owner-identity", s));
        assertEquals(Verdict.VACUOUS, judge(m, "no-lost-wakeup", s));
        assertEquals(Verdict.VACUOUS, judge(m, "mutual-exclusion", s));
        // the first thread's lock: one holder, named by the word in both threads' namespace
        FutexState held = first(m, s);
        assertEquals(Verdict.HOLDS, judge(m, "owner-identity", held));
        assertEquals(Verdict.HOLDS, judge(m, "mutual-exclusion", held));
        assertEquals(Verdict.VACUOUS, judge(m, "no-lost-wakeup", held));
        // run to the end: every thread finished, nobody can move
        FutexState end = held;
        for (int i = 0; i < 50 && !m.quiescent(end); i++) end = first(m, end);
        assertEquals(Verdict.HOLDS, judge(m, "no-lost-wakeup", end));
    }
}
