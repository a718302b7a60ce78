package nscheck.checkers.engine;

import nscheck.checkers.ToyModels;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parallel object engine is the sequential one on more cores: for clean models, seeded bugs,
 * step and state properties, with and without --continue, every figure and every trace is equal.
 */
class ParallelBfsTest {

    @ParameterizedTest(name = "{0} / {1}, continue={2}")
    @CsvSource({
            "pidns-basic,          ,                            false",
            "pidns-basic,          seeded-no-in-use-check,      false",
            "pidns-init-death,     seeded-global-lookup,        false",
            "pidns-init-death,     seeded-shallow-zap,          false",
            "futex-mutex,          seeded-wait-without-compare, true",
            "futex-pi-crossns,     ,                            true",
            "futex-robust-crossns, ,                            false",
    })
    void sameResultAsTheSequentialSearch(String model, String variant, boolean continuing) {
        Model<?, ?> m = ModelCatalog.find(model).build(Map.of(), variant);
        CheckOptions o = continuing ? CheckOptions.defaults().quiet().continuing() : CheckOptions.defaults().quiet();
        CheckResult<?, ?> sequential = new Bfs<>(m, o, Progress.NONE).run();
        for (int threads : new int[] {1, 3}) {
            for (ParallelBfs.Discovery d : ParallelBfs.Discovery.values()) {
                CheckResult<?, ?> parallel = new ParallelBfs<>(m, o, Progress.NONE, threads).discovery(d).run();
                assertSame(sequential, parallel);
            }
        }
    }

    @Test
    void aDepthBoundStopsBothAtTheSameLevel() {
        Model<?, ?> m = ModelCatalog.find("pidns-init-death").build(Map.of(), null);
        CheckOptions o = CheckOptions.defaults().quiet().withMaxDepth(4);
        CheckResult<?, ?> sequential = new Bfs<>(m, o, Progress.NONE).run();
        CheckResult<?, ?> parallel = new ParallelBfs<>(m, o, Progress.NONE, 2).run();
        assertEquals(Ending.DEPTH_BOUND, parallel.ending());
        assertSame(sequential, parallel);
    }

    @Test
    void aStopRequestEndsTheSearchWithWhatItFound() {
        Model<?, ?> m = ModelCatalog.find("pidns-init-death").build(Map.of(), null);
        ParallelBfs<?, ?>[] engine = new ParallelBfs<?, ?>[1];
        engine[0] = new ParallelBfs<>(m, new CheckOptions(-1, false, 1), s -> engine[0].requestStop(), 2);
        CheckResult<?, ?> r = engine[0].run();
        assertEquals(Ending.INTERRUPTED, r.ending());
        assertTrue(r.stats().distinct() > 0);
    }

    @Test
    void aDeadlockAndAViolationAreFoundAsSequentiallyOnAToyModel() {
        var m = ToyModels.counter(2000, 1500, true);
        CheckOptions o = CheckOptions.defaults().quiet().continuing();
        for (ParallelBfs.Discovery d : ParallelBfs.Discovery.values())
            assertSame(new Bfs<>(m, o, Progress.NONE).run(), new ParallelBfs<>(m, o, Progress.NONE, 2).discovery(d).run());
    }

    @Test
    void aModelThatThrowsEndsBothEnginesAtTheSameState() {
        throwingModelEndsBothAt(false, 3001);
    }

    /** Judging a new state throws: whoever packs discoveries (a claimer or a chunk) hands the error to the merge. */
    @Test
    void aPropertyThatThrowsEndsBothEnginesAtTheSameState() {
        throwingModelEndsBothAt(true, -1);
    }

    private static void throwingModelEndsBothAt(boolean judgingThrows, int last) {
        var counter = ToyModels.counter(5000, -1, false);
        nscheck.model.Model<Integer, String> m = new nscheck.model.Model<>() {
            public String name() { return counter.name(); }
            public String description() { return counter.description(); }
            public String variant() { return counter.variant(); }
            public Map<String, Integer> bounds() { return counter.bounds(); }
            public java.util.List<Integer> initialStates() { return counter.initialStates(); }
            public void successors(Integer s, java.util.function.Consumer<nscheck.model.Transition<Integer, String>> out) {
                if (s == 3001 && !judgingThrows) throw new IllegalStateException("no step from 3001");
                counter.successors(s, out);
            }
            public java.util.List<nscheck.model.Property<Integer, String>> properties() {
                if (!judgingThrows) return counter.properties();
                java.util.List<nscheck.model.Property<Integer, String>> p = new java.util.ArrayList<>(counter.properties());
                p.add(new nscheck.model.Property.Always<>("judged", "state 2000 cannot be judged", s -> {
                    if (s == 2000) throw new IllegalStateException("cannot judge 2000");
                    return nscheck.model.Verdict.HOLDS;
                }));
                return p;
            }
            public long fingerprint(Integer s) { return counter.fingerprint(s); }
            public int maxDepth() { return 0; }
            public java.util.List<String> actionFamilies() { return counter.actionFamilies(); }
            public String family(String a) { return a; }
            public nscheck.model.TraceStep describe(Integer pre, String a, Integer post) { return counter.describe(pre, a, post); }
            public String describeState(Integer s) { return counter.describeState(s); }
        };
        CheckResult<?, ?> sequential = new Bfs<>(m, CheckOptions.defaults().quiet(), Progress.NONE).run();
        for (ParallelBfs.Discovery d : ParallelBfs.Discovery.values()) {
            CheckResult<?, ?> parallel = new ParallelBfs<>(m, CheckOptions.defaults().quiet(), Progress.NONE, 2).discovery(d).run();
            assertEquals(Ending.MODEL_ERROR, parallel.ending());
            // Bfs counts the properties judged before the one that threw as exercised; the parallel
            // engine judges a state whole or not at all, so only there may the counts differ.
            if (!judgingThrows) assertSame(sequential, parallel);
            assertEquals(sequential.stats().distinct(), parallel.stats().distinct(), "distinct");
            assertEquals(sequential.stats().generated(), parallel.stats().generated(), "generated");
            if (!judgingThrows) assertEquals(last, parallel.failure().trace().last());
            assertEquals(sequential.failure().trace(), parallel.failure().trace());
        }
    }

    static void assertSame(CheckResult<?, ?> expected, CheckResult<?, ?> actual) {
        assertEquals(expected.ending(), actual.ending());
        assertEquals(expected.stats().distinct(), actual.stats().distinct(), "distinct");
        assertEquals(expected.stats().generated(), actual.stats().generated(), "generated");
        assertEquals(expected.stats().depth(), actual.stats().depth(), "depth");
        assertEquals(expected.coverage().counts(), actual.coverage().counts(), "coverage");
        assertEquals(Arrays.toString(expected.exercised()), Arrays.toString(actual.exercised()), "exercised");
        assertEquals(expected.violations().size(), actual.violations().size(), "violations");
        for (int i = 0; i < expected.violations().size(); i++) {
            assertEquals(expected.violations().get(i).property(), actual.violations().get(i).property());
            assertEquals(expected.violations().get(i).trace(), actual.violations().get(i).trace(), "trace");
        }
    }
}
