package nscheck.checkers.engine;

import nscheck.checkers.ToyModels;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import nscheck.model.Property;
import nscheck.model.Verdict;
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

    /**
     * The stop is asked for when level 2 is about to be expanded, not from a progress line: those
     * come only once a chunk outlasts the progress interval, which a fast machine may never see on
     * this model (ClusterBfsTest once ran to the depth bound that way on CI). The search then ends
     * with exactly the states a search bounded at depth 2 reaches.
     */
    @Test
    void aStopRequestEndsTheSearchWithWhatItFound() {
        Model<?, ?> m = ModelCatalog.find("pidns-init-death").build(Map.of(), null);
        ParallelBfs<?, ?>[] engine = new ParallelBfs<?, ?>[1];
        Progress stopAtLevelTwo = new Progress() {
            @Override public void report(Statistics s) {}
            @Override public void level(int depth, long states, Statistics sofar) {
                if (depth == 2) engine[0].requestStop();
            }
        };
        engine[0] = new ParallelBfs<>(m, new CheckOptions(-1, false, 1), stopAtLevelTwo, 2); // progress still reported, when a chunk lasts
        CheckResult<?, ?> r = engine[0].run();
        assertEquals(Ending.INTERRUPTED, r.ending());
        CheckResult<?, ?> bounded = new Bfs<>(m, CheckOptions.defaults().quiet().withMaxDepth(2), Progress.NONE).run();
        assertEquals(bounded.stats().distinct(), r.stats().distinct(), "levels 0 to 2 reached, level 2 not expanded: " + r.stats());
        assertTrue(r.stats().queue() > 0, r.stats().toString());
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
        var counter = ToyModels.counter(5000, -1, false);
        nscheck.model.Model<Integer, String> m = new nscheck.model.Model<>() {
            public String name() { return counter.name(); }
            public String description() { return counter.description(); }
            public String variant() { return counter.variant(); }
            public Map<String, Integer> bounds() { return counter.bounds(); }
            public java.util.List<Integer> initialStates() { return counter.initialStates(); }
            public void successors(Integer s, java.util.function.Consumer<nscheck.model.Transition<Integer, String>> out) {
                if (s == 3001) throw new IllegalStateException("no step from 3001");
                counter.successors(s, out);
            }
            public java.util.List<nscheck.model.Property<Integer, String>> properties() { return counter.properties(); }
            public long fingerprint(Integer s) { return counter.fingerprint(s); }
            public int maxDepth() { return 0; }
            public java.util.List<String> actionFamilies() { return counter.actionFamilies(); }
            public String family(String a) { return a; }
            public nscheck.model.TraceStep describe(Integer pre, String a, Integer post) { return counter.describe(pre, a, post); }
            public String describeState(Integer s) { return counter.describeState(s); }
        };
        CheckResult<?, ?> parallel = sameResultOnEveryEngine(m, CheckOptions.defaults().quiet());
        assertEquals(Ending.MODEL_ERROR, parallel.ending());
        assertEquals(3001, parallel.failure().trace().last());
    }

    /**
     * Judging a new state throws: whoever packs discoveries (a claimer or a chunk) hands the error
     * to the merge, which counts as exercised the properties Bfs judged before the one that threw
     * (the parallel engine once judged a state whole or not at all, one exercised verdict short).
     */
    @Test
    void aPropertyThatThrowsIsCountedAsBfsCountsIt() {
        var m = ToyModels.withProperties(ToyModels.counter(5000, -1, false), throwingOn(2000));
        CheckResult<?, ?> parallel = sameResultOnEveryEngine(m, CheckOptions.defaults().quiet());
        assertEquals(Ending.MODEL_ERROR, parallel.ending());
        assertEquals("cannot judge 2000", parallel.failure().error().getMessage());
        assertTrue(parallel.exercised()[0] > 0);
    }

    /** A step property throws: the transition it judged counts as generated and fired, and the step properties before it as exercised. */
    @Test
    void aStepPropertyThatThrowsIsCountedAsBfsCountsIt() {
        var m = ToyModels.withProperties(ToyModels.counter(5000, -1, false),
                new Property.AlwaysStep<>("steps-forward", "every step adds", (pre, a, post) -> Verdict.of(post > pre)),
                new Property.AlwaysStep<>("step-judged", "the step 1999 to 2000 cannot be judged", (pre, a, post) -> {
                    if (pre == 1999 && post == 2000) throw new IllegalStateException("cannot judge 1999 to 2000");
                    return Verdict.HOLDS;
                }));
        CheckResult<?, ?> parallel = sameResultOnEveryEngine(m, CheckOptions.defaults().quiet());
        assertEquals(Ending.MODEL_ERROR, parallel.ending());
        assertEquals(1999, parallel.failure().trace().last());
    }

    /**
     * Bfs never calls a property after one that ended the search on the same state, nor one
     * already violated under --continue: one that would throw there does not end the search.
     */
    @Test
    void aPropertyThatWouldThrowWhereBfsNeverCallsItIsNoError() {
        var violatedFirst = ToyModels.withProperties(ToyModels.counter(5000, 2000, false), throwingOn(2000));
        assertEquals(Ending.VIOLATION, sameResultOnEveryEngine(violatedFirst, CheckOptions.defaults().quiet()).ending());
        var judged = new Property.Always<Integer, String>("judged", "violated at 10, cannot be judged at 2000", s -> {
            if (s == 2000) throw new IllegalStateException("cannot judge 2000");
            return Verdict.of(s != 10);
        });
        var violatedEarlier = ToyModels.withProperties(ToyModels.counter(5000, -1, false), judged);
        CheckResult<?, ?> r = sameResultOnEveryEngine(violatedEarlier, CheckOptions.defaults().quiet().continuing());
        assertEquals(Ending.EXHAUSTED, r.ending());
        assertEquals("judged", r.violations().get(0).property());
    }

    private static Property<Integer, String> throwingOn(int state) {
        return new Property.Always<>("judged", "state " + state + " cannot be judged", s -> {
            if (s == state) throw new IllegalStateException("cannot judge " + state);
            return Verdict.HOLDS;
        });
    }

    /** Runs {@code m} on Bfs and on ParallelBfs (1 and 3 threads, every way of discovering), asserts every figure equal; the last parallel result. */
    private static <S, A> CheckResult<?, ?> sameResultOnEveryEngine(Model<S, A> m, CheckOptions o) {
        CheckResult<S, A> sequential = new Bfs<>(m, o, Progress.NONE).run();
        CheckResult<S, A> parallel = null;
        for (int threads : new int[] {1, 3}) {
            for (ParallelBfs.Discovery d : ParallelBfs.Discovery.values()) {
                parallel = new ParallelBfs<>(m, o, Progress.NONE, threads).discovery(d).run();
                assertSame(sequential, parallel);
                assertEquals(sequential.failure() == null, parallel.failure() == null, "failure");
                if (sequential.failure() != null) {
                    assertEquals(sequential.failure().error().getMessage(), parallel.failure().error().getMessage());
                    assertEquals(sequential.failure().trace(), parallel.failure().trace());
                }
            }
        }
        return parallel;
    }

    /**
     * An interrupted search counts as queued every state reached and not expanded: the rest of the
     * level being expanded and the next level so far, as its progress lines do (the summary once
     * counted the next level alone). On the binary tree every state expanded has two successors,
     * so (generated - 1) / 2 states were expanded.
     */
    @Test
    void anInterruptedSearchQueuesEveryStateReachedButNotExpanded() {
        int stopAt = 3000; // in the middle of level 11, states 2047 to 4094
        @SuppressWarnings("unchecked") Engine<Integer, String>[] engine = new Engine[1];
        Model<Integer, String> tree = ToyModels.tree(1 << 20, n -> {
            if (n == stopAt) engine[0].requestStop();
        });
        CheckOptions o = CheckOptions.defaults().quiet();
        engine[0] = new Bfs<>(tree, o, Progress.NONE);
        CheckResult<Integer, String> sequential = engine[0].run();
        assertEquals(Ending.INTERRUPTED, sequential.ending());
        // States 0..3000 expanded, their 6,002 successors reached: 3,002 not expanded, 1,094 of them in level 11.
        assertEquals(2 * (stopAt + 1) + 1, sequential.stats().distinct());
        assertEquals(stopAt + 2, sequential.stats().queue());
        for (int threads : new int[] {1, 3}) {
            for (ParallelBfs.Discovery d : ParallelBfs.Discovery.values()) {
                engine[0] = new ParallelBfs<>(tree, o, Progress.NONE, threads).discovery(d);
                Statistics s = engine[0].run().stats();
                long expanded = (s.generated() - 1) / 2;
                assertTrue(expanded >= (1 << 11) - 1, "stopped in level 11: " + s);
                assertEquals(s.distinct() - expanded, s.queue(), threads + " threads, " + d + ": " + s);
            }
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
