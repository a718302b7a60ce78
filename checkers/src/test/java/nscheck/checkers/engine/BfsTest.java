package nscheck.checkers.engine;

import nscheck.checkers.ToyModels;
import nscheck.checkers.trace.Trace;
import nscheck.checkers.trace.Violation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BfsTest {
    private static <S, A> CheckResult<S, A> run(nscheck.model.Model<S, A> m, CheckOptions o) {
        return new Bfs<>(m, o.quiet(), Progress.NONE).run();
    }

    @Test
    void exhaustsAKnownStateSpace() {
        CheckResult<Integer, String> r = run(ToyModels.counter(10, 99, false), CheckOptions.defaults());
        assertEquals(Ending.EXHAUSTED, r.ending());
        assertEquals(11, r.stats().distinct());
        assertEquals(1 + 10 + 9, r.stats().generated());
        assertEquals(5, r.stats().depth());
        assertEquals(List.of("dec"), r.coverage().neverFired());
    }

    @Test
    void findsTheShortestTrace() {
        CheckResult<Integer, String> r = run(ToyModels.counter(20, 7, false), CheckOptions.defaults());
        assertTrue(r.violated());
        Trace<Integer, String> t = r.violations().get(0).trace();
        assertEquals(4, t.length());                               // 2+2+2+1
        assertEquals(7, t.last());
    }

    @Test
    void depthBoundStopsTheSearchAndSaysSo() {
        CheckResult<Integer, String> r = run(ToyModels.counter(20, 7, false), CheckOptions.defaults().withMaxDepth(3));
        assertFalse(r.violated());
        assertEquals(Ending.DEPTH_BOUND, r.ending());
    }

    @Test
    void aStateWithoutSuccessorsIsADeadlockWhenTheModelSaysSo() {
        CheckResult<Integer, String> r = run(ToyModels.counter(3, 99, true), CheckOptions.defaults());
        assertEquals(Violation.DEADLOCK, r.violations().get(0).property());
        assertEquals(2, r.violations().get(0).trace().length());
        assertFalse(run(ToyModels.counter(3, 99, false), CheckOptions.defaults()).violated());
    }

    @Test
    void aPropertyThatWasNeverExercisedIsReportedVacuous() {
        CheckResult<Integer, String> r = run(ToyModels.counter(10, 99, false), CheckOptions.defaults());
        assertEquals(List.of("never-negative"), r.vacuous());
    }
}
