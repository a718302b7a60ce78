package nscheck.checkers.engine;

import nscheck.checkers.ToyModels;
import nscheck.checkers.store.BitstateSet;
import nscheck.checkers.trace.Trace;
import nscheck.checkers.trace.Violation;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import nscheck.model.Property;
import nscheck.model.Verdict;
import nscheck.model.futex.FutexMutex;
import nscheck.model.futex.FutexMutexObjects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The level-synchronous engine counts what Bfs counts on every search that runs to its end, with
 * and without symmetry, on any number of threads; on a seeded bug it finds the same properties
 * violated, on traces as short as Bfs's that replay, and reports the same violating state run after run.
 */
class LevelSynchronousBfsTest {
    private static final CheckOptions QUIET = CheckOptions.defaults().quiet();

    @ParameterizedTest(name = "{0}, symmetry={1}")
    @CsvSource({
            "pidns-basic,          true",
            "pidns-basic,          false",
            "futex-mutex,          false",
            "futex-pi,             false",
            "futex-robust,         true",
            "wait-status,          true",
            "wait-status,          false",
            "sessions,             true",
            "restore-migration,    false",
            "futex-pi-crossns,     true",
    })
    void countsWhatBfsCountsOnTheShippedModels(String name, boolean symmetry) {
        Model<?, ?> m = ModelCatalog.find(name).build(Map.of(), null).withSymmetry(symmetry);
        CheckResult<?, ?> bfs = new Bfs<>(m, QUIET.continuing(), Progress.NONE).run();
        for (int threads : new int[] {1, 3}) {
            CheckResult<?, ?> level = new LevelSynchronousBfs<>(m, QUIET.continuing(), Progress.NONE, threads).run();
            assertEquals(bfs.ending(), level.ending(), name);
            assertEquals(lengths(bfs), lengths(level), "violations");
            if (!bfs.complete()) continue; // every property violated: Bfs stops at the last one's state, this engine at the end of its level
            sameCounts(bfs, level);
            assertEquals(bfs.coverage().counts(), level.coverage().counts(), "coverage");
            assertEquals(java.util.Arrays.toString(bfs.exercised()), java.util.Arrays.toString(level.exercised()), "exercised");
        }
    }

    @ParameterizedTest(name = "{0} N={1}")
    @CsvSource({"ONCE, 2", "ONCE, 4", "ONCE, 6", "FOREVER, 3", "FOREVER, 5", "FOREVER, 6"})
    void countsTheFutexObjectModelAsTheOrderedEngine(FutexMutex.Loop loop, int n) {
        FutexMutexObjects m = new FutexMutexObjects(n, loop);
        CheckResult<?, ?> ordered = new ParallelBfs<>(m, QUIET, Progress.NONE, 2).run();
        CheckResult<?, ?> level = new LevelSynchronousBfs<>(m, QUIET, Progress.NONE, 2).run();
        assertEquals(Ending.EXHAUSTED, level.ending());
        sameCounts(ordered, level);
        assertTrue(level.violations().isEmpty());
    }

    /** {@code continuing}: also compare every property's shortest counterexample (a whole search: small models only). */
    @ParameterizedTest(name = "{0} / {1}, symmetry={2}")
    @CsvSource({
            "pidns-basic,          seeded-no-in-use-check,      true,  false",
            "pidns-basic,          seeded-no-in-use-check,      false, false",
            "pidns-init-death,     seeded-global-lookup,        true,  false",
            "pidns-init-death,     seeded-shallow-zap,          false, false",
            "futex-mutex,          seeded-wait-without-compare, false, true",
    })
    void findsWhatBfsFindsOnTheSeededBugs(String name, String variant, boolean symmetry, boolean continuing) {
        Model<?, ?> m = ModelCatalog.find(name).build(Map.of(), variant).withSymmetry(symmetry);
        sameFindings(m, continuing);
    }

    private static <S, A> void sameFindings(Model<S, A> m, boolean continuing) {
        CheckResult<S, A> first = new Bfs<>(m, QUIET, Progress.NONE).run();
        CheckResult<S, A> all = continuing ? new Bfs<>(m, QUIET.continuing(), Progress.NONE).run() : null;
        assertTrue(first.violated(), "the seeded bug is found");
        CheckResult<S, A> previous = null;
        for (int threads : new int[] {1, 2, 3}) {
            CheckResult<S, A> level = new LevelSynchronousBfs<>(m, QUIET, Progress.NONE, threads).run();
            assertEquals(Ending.VIOLATION, level.ending());
            Violation<S, A> v = first.violations().get(0);
            Violation<S, A> same = level.violations().stream().filter(x -> x.property().equals(v.property())).findFirst().orElse(null);
            assertNotNull(same, v.property() + " is reported");
            assertEquals(v.trace().length(), same.trace().length(), "a shortest trace");
            for (Violation<S, A> x : level.violations()) assertTrue(really(m, x), x.property() + " really fails at the end of its trace");
            if (previous != null) assertEquals(lasts(previous), lasts(level), "the same violating states on every run");
            previous = level;
            if (all == null) continue;
            CheckResult<S, A> continued = new LevelSynchronousBfs<>(m, QUIET.continuing(), Progress.NONE, threads).run();
            assertEquals(lengths(all), lengths(continued), "every property's shortest counterexample");
        }
    }

    /** The trace replays on the model without symmetry, and its last state (or step) violates the property. */
    private static <S, A> boolean really(Model<S, A> m, Violation<S, A> v) {
        Trace<S, A> t = v.trace();
        Model<S, A> plain = m.withSymmetry(false);
        if (v.property().equals(Violation.DEADLOCK)) {
            boolean[] any = {false};
            plain.successors(t.last(), x -> any[0] = true);
            return !any[0];
        }
        for (Property<S, A> p : plain.properties()) {
            if (!p.name().equals(v.property())) continue;
            if (p instanceof Property.Always<S, A> inv) return inv.check().check(t.last()) == Verdict.VIOLATED;
            Trace.Step<S, A> last = t.steps().get(t.length() - 1);
            return ((Property.AlwaysStep<S, A>) p).check().check(last.pre(), last.action(), last.post()) == Verdict.VIOLATED;
        }
        return false;
    }

    private static Map<String, Object> lasts(CheckResult<?, ?> r) {
        Map<String, Object> out = new TreeMap<>();
        for (Violation<?, ?> v : r.violations()) out.put(v.property(), v.trace().last());
        return out;
    }

    private static Map<String, Integer> lengths(CheckResult<?, ?> r) {
        Map<String, Integer> out = new TreeMap<>();
        for (Violation<?, ?> v : r.violations()) out.put(v.property(), v.trace().length());
        return out;
    }

    private static void sameCounts(CheckResult<?, ?> expected, CheckResult<?, ?> actual) {
        assertEquals(expected.stats().distinct(), actual.stats().distinct(), "distinct");
        assertEquals(expected.stats().generated(), actual.stats().generated(), "generated");
        assertEquals(expected.stats().depth(), actual.stats().depth(), "depth");
    }

    @Test
    void aDeadlockAndAViolationHaveTheirShortestTraces() {
        var m = ToyModels.counter(2000, 1500, true);
        CheckResult<Integer, String> bfs = new Bfs<>(m, QUIET.continuing(), Progress.NONE).run();
        CheckResult<Integer, String> level = new LevelSynchronousBfs<>(m, QUIET.continuing(), Progress.NONE, 3).run();
        assertEquals(lengths(bfs), lengths(level));
        assertEquals(1500, lasts(level).get("not-bad"));
        assertEquals(2000, lasts(level).get(Violation.DEADLOCK));
    }

    @Test
    void aDepthBoundStopsAtBfsLevel() {
        Model<?, ?> m = ModelCatalog.find("pidns-init-death").build(Map.of(), null);
        CheckOptions o = QUIET.withMaxDepth(4);
        CheckResult<?, ?> bfs = new Bfs<>(m, o, Progress.NONE).run();
        CheckResult<?, ?> level = new LevelSynchronousBfs<>(m, o, Progress.NONE, 2).run();
        assertEquals(Ending.DEPTH_BOUND, level.ending());
        sameCounts(bfs, level);
    }

    /** A stop ends the search with what it has, and the queue is every state reached and not expanded (on the tree, (generated - 1) / 2 were). */
    @Test
    void aStopRequestEndsTheSearchWithAPartialSummary() {
        @SuppressWarnings("unchecked") Engine<Integer, String>[] engine = new Engine[1];
        Model<Integer, String> tree = ToyModels.tree(1 << 20, n -> {
            if (n == 3000) engine[0].requestStop();
        });
        for (int threads : new int[] {1, 3}) {
            engine[0] = new LevelSynchronousBfs<>(tree, QUIET, Progress.NONE, threads);
            CheckResult<Integer, String> r = engine[0].run();
            assertEquals(Ending.INTERRUPTED, r.ending());
            Statistics s = r.stats();
            long expanded = (s.generated() - 1) / 2;
            assertTrue(expanded >= (1 << 11) - 1 && expanded < (1 << 20), "stopped in level 11: " + s);
            assertEquals(s.distinct() - expanded, s.queue(), threads + " threads: " + s);
        }
    }

    @Test
    void progressLinesComeWhileItRuns() {
        java.util.List<Statistics> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Progress levels = new Progress() {
            public void report(Statistics s) {}
            public void level(int depth, long states, Statistics sofar) { seen.add(sofar); }
        };
        CheckResult<?, ?> r = new LevelSynchronousBfs<>(new FutexMutexObjects(4, FutexMutex.Loop.ONCE), QUIET, levels, 2).run();
        assertEquals(r.stats().depth() + 1, seen.size(), "one line a level");
    }

    @Test
    void aModelThatThrowsEndsTheSearchAtTheSmallestFailingState() {
        var counter = ToyModels.counter(5000, -1, false);
        Model<Integer, String> m = ToyModels.withProperties(counter, new Property.Always<>("judged", "3001 and 3002 cannot be judged", s -> {
            if (s == 3001 || s == 3002) throw new IllegalStateException("cannot judge " + s);
            return Verdict.HOLDS;
        }));
        for (int threads : new int[] {1, 3}) {
            CheckResult<Integer, String> r = new LevelSynchronousBfs<>(m, QUIET, Progress.NONE, threads).run();
            assertEquals(Ending.MODEL_ERROR, r.ending());
            // 3001 and 3002 are new in one level; the one with the smaller fingerprint is reported, with its parent's trace, as Bfs does.
            long f1 = counter.fingerprint(3001), f2 = counter.fingerprint(3002);
            int expected = f1 < f2 ? 3001 : 3002;
            assertEquals("cannot judge " + expected, r.failure().error().getMessage());
            assertTrue(r.failure().trace().last() == expected - 1 || r.failure().trace().last() == expected - 2);
        }
    }

    @Test
    void bitstateCountsNoStateTwice() {
        FutexMutexObjects m = new FutexMutexObjects(5, FutexMutex.Loop.FOREVER);
        long exact = new Bfs<>(m, QUIET, Progress.NONE).run().stats().distinct();
        CheckResult<?, ?> bits = new LevelSynchronousBfs<>(m, QUIET, Progress.NONE, 3,
                new StateStorage(new BitstateSet(24), -1, null)).run();
        assertEquals(exact, bits.stats().distinct(), "2^24 bits for 19,317 states miss none");
    }

    @Test
    void aSpilledFrontierCountsTheSame(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        FutexMutexObjects m = new FutexMutexObjects(5, FutexMutex.Loop.ONCE);
        CheckResult<?, ?> memory = new LevelSynchronousBfs<>(m, QUIET, Progress.NONE, 2).run();
        CheckResult<?, ?> spilled = new LevelSynchronousBfs<>(m, QUIET, Progress.NONE, 2, new StateStorage(null, 0, tmp)).run();
        sameCounts(memory, spilled);
    }

    /**
     * A model that says it fingerprints its successors before building them (here with the default
     * successorFingerprints and successor, which build them: what the engine does with such a model
     * is under test) is searched building only the claimed successors: the same counts, coverage and
     * findings, on traces that replay, with and without symmetry.
     */
    @ParameterizedTest(name = "{0} / {1}, symmetry={2}, continuing={3}")
    @CsvSource({
            "pidns-basic,          ,                            true,  true",
            "pidns-basic,          seeded-no-in-use-check,      true,  false",
            "pidns-init-death,     seeded-shallow-zap,          false, false",
    })
    void aModelThatFingerprintsBeforeBuildingIsSearchedTheSame(String name, String variant, boolean symmetry, boolean continuing) {
        Model<?, ?> m = ModelCatalog.find(name).build(Map.of(), variant).withSymmetry(symmetry);
        sameWhenFingerprintedFirst(m, continuing ? QUIET.continuing() : QUIET);
    }

    private static <S, A> void sameWhenFingerprintedFirst(Model<S, A> m, CheckOptions options) {
        Model<S, A> first = new FingerprintsFirst<>(m);
        for (int threads : new int[] {1, 3}) {
            CheckResult<S, A> built = new LevelSynchronousBfs<>(m, options, Progress.NONE, threads).run();
            CheckResult<S, A> lazy = new LevelSynchronousBfs<>(first, options, Progress.NONE, threads).run();
            assertEquals(built.ending(), lazy.ending());
            sameCounts(built, lazy);
            assertEquals(built.coverage().counts(), lazy.coverage().counts(), "coverage");
            assertEquals(java.util.Arrays.toString(built.exercised()), java.util.Arrays.toString(lazy.exercised()), "exercised");
            assertEquals(lengths(built), lengths(lazy), "violations");
            for (Violation<S, A> x : lazy.violations()) assertTrue(really(m, x), x.property() + " really fails at the end of its trace");
        }
    }

    /** A model error met building a claimed successor ends the search, reported at the state it came from, with a trace to it. */
    @Test
    void aSuccessorThatCannotBeBuiltEndsTheSearch() {
        Model<Integer, String> counter = ToyModels.counter(5000, -1, false);
        Model<Integer, String> m = new FingerprintsFirst<>(counter) {
            @Override
            public Integer successor(Integer state, int index) {
                if (state == 3000) throw new IllegalStateException("cannot build a successor of " + state);
                return super.successor(state, index);
            }
        };
        for (int threads : new int[] {1, 3}) {
            CheckResult<Integer, String> r = new LevelSynchronousBfs<>(m, QUIET, Progress.NONE, threads).run();
            assertEquals(Ending.MODEL_ERROR, r.ending());
            assertEquals("cannot build a successor of 3000", r.failure().error().getMessage());
            assertEquals(3000, r.failure().trace().last());
        }
    }

    /** {@code m}, saying that it fingerprints successors before building them (Model#fingerprintsBeforeBuilding). */
    private static class FingerprintsFirst<S, A> implements Model<S, A> {
        private final Model<S, A> m;

        FingerprintsFirst(Model<S, A> m) {
            this.m = m;
        }

        @Override public boolean fingerprintsBeforeBuilding() { return true; }
        @Override public String name() { return m.name(); }
        @Override public String description() { return m.description(); }
        @Override public String variant() { return m.variant(); }
        @Override public Map<String, Integer> bounds() { return m.bounds(); }
        @Override public java.util.List<S> initialStates() { return m.initialStates(); }
        @Override public void successors(S state, java.util.function.Consumer<nscheck.model.Transition<S, A>> out) { m.successors(state, out); }
        @Override public java.util.List<Property<S, A>> properties() { return m.properties(); }
        @Override public long fingerprint(S state) { return m.fingerprint(state); }
        @Override public int maxDepth() { return m.maxDepth(); }
        @Override public boolean deadlockIsViolation() { return m.deadlockIsViolation(); }
        @Override public java.util.List<String> actionFamilies() { return m.actionFamilies(); }
        @Override public String family(A action) { return m.family(action); }
        @Override public nscheck.model.TraceStep describe(S pre, A action, S post) { return m.describe(pre, action, post); }
        @Override public String describeState(S state) { return m.describeState(state); }
        @Override public S canonical(S state) { return m.canonical(state); }
        @Override public String symmetry() { return m.symmetry(); }
        @Override public boolean sameClass(S a, S b) { return m.sameClass(a, b); }
        @Override public boolean sameAction(S preA, A a, S preB, A b) { return m.sameAction(preA, a, preB, b); }
    }
}
