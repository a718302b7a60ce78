package nscheck.checkers.engine;

import nscheck.checkers.store.BitstateSet;
import nscheck.checkers.store.PackedStateSet;
import nscheck.model.futex.FutexMutex;
import nscheck.model.futex.FutexMutexObjects;
import nscheck.model.packed.PackedModelView;
import nscheck.model.packed.PackedStep;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * nscheck and SPIN enumerate the same state space. The expected numbers are SPIN 6.5.2's
 * "states, stored", "transitions" and "depth reached" for bench/futex-mutex.pml, from
 *   spin -DN=$n [-DFOREVER] -a bench/futex-mutex.pml && gcc -O2 -DBFS -DSAFETY -DNOREDUCE -o pan pan.c && ./pan
 * (SPIN's transitions = stored + matched, which is nscheck's generated count: the initial state
 * plus every transition.)
 */
class FutexMutexCountsTest {
    private static final CheckOptions QUIET = CheckOptions.defaults().quiet();

    @ParameterizedTest(name = "{0} N={1}")
    @CsvSource({
            "ONCE,    2,    45,    67,  9",
            "ONCE,    3,   471,  1030, 13",
            "ONCE,    4,  4193, 11793, 17",
            "ONCE,    5, 35493, 119246, 21",
            "FOREVER, 2,    44,    81,  9",
            "FOREVER, 3,   359,   919, 13",
            "FOREVER, 4,  2656,  8533, 17",
            "FOREVER, 5, 19317, 72761, 21",
    })
    void bothEnginesCountWhatSpinCounts(FutexMutex.Loop variant, int n, long states, long transitions, int depth) {
        FutexMutex model = new FutexMutex(n, variant);
        for (int workers : new int[] {1, 2, 3}) {
            CheckResult<Long, PackedStep> r = new ParallelPackedBfs(model, new PackedStateSet(4), QUIET, workers, Progress.NONE).run();
            assertEquals(Ending.EXHAUSTED, r.ending());
            assertEquals(states, r.stats().distinct(), "distinct, " + workers + " workers");
            assertEquals(transitions, r.stats().generated(), "generated, " + workers + " workers");
            assertEquals(depth, r.stats().depth());
            assertTrue(r.violations().isEmpty());
        }
        CheckResult<Long, PackedStep> generic = new Bfs<>(new PackedModelView(model), QUIET, Progress.NONE).run();
        assertEquals(states, generic.stats().distinct());
        assertEquals(transitions, generic.stats().generated());
        assertEquals(depth, generic.stats().depth());
        // The same system as objects, on the generic path (no 3-bit thread ids: bench runs it up to N = 12).
        CheckResult<FutexMutexObjects.State, FutexMutexObjects.Step> objects =
                new ParallelBfs<>(new FutexMutexObjects(n, variant), QUIET, Progress.NONE, 2).run();
        assertEquals(states, objects.stats().distinct(), "object model");
        assertEquals(transitions, objects.stats().generated(), "object model");
        assertEquals(depth, objects.stats().depth(), "object model");
        assertTrue(objects.violations().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ONCE", "FOREVER"})
    void bitstateWithRoomToSpareMissesNothing(FutexMutex.Loop variant) {
        FutexMutex model = new FutexMutex(4, variant);
        BitstateSet bits = new BitstateSet(24);
        CheckResult<Long, PackedStep> r = new ParallelPackedBfs(model, bits, QUIET, 1, Progress.NONE).run();
        long exact = new ParallelPackedBfs(model, new PackedStateSet(), QUIET, 1, Progress.NONE).run().stats().distinct();
        assertEquals(exact, r.stats().distinct());
        assertTrue(bits.expectedOmissions(exact) < 1e-6);
    }

    /**
     * Issue 14's largest size, on the generic path (bench -n 12; beyond FutexMutex's 11): the object
     * model builds, and its first levels on the parallel engine are those of a plain search over
     * the states' own equality (at N = 12 the fingerprint is a hash, not an exact key).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"ONCE", "FOREVER"})
    void theGenericPathExpandsTheFirstLevelsOfTwelveThreads(FutexMutex.Loop variant) {
        int n = FutexMutexObjects.MAX_THREADS, levels = 5;
        FutexMutexObjects model = new FutexMutexObjects(n, variant);
        java.util.Set<FutexMutexObjects.State> seen = new java.util.HashSet<>(model.initialStates());
        java.util.List<FutexMutexObjects.State> level = model.initialStates();
        long[] generated = {level.size()};
        for (int d = 0; d < levels; d++) {
            java.util.List<FutexMutexObjects.State> next = new java.util.ArrayList<>();
            for (FutexMutexObjects.State s : level)
                model.successors(s, t -> {
                    generated[0]++;
                    if (seen.add(t.next())) next.add(t.next());
                });
            level = next;
        }
        CheckResult<FutexMutexObjects.State, FutexMutexObjects.Step> r =
                new ParallelBfs<>(model, QUIET.withMaxDepth(levels), Progress.NONE, 2).run();
        assertEquals(Ending.DEPTH_BOUND, r.ending());
        assertEquals(seen.size(), r.stats().distinct(), "distinct");
        assertEquals(generated[0], r.stats().generated(), "generated");
        assertEquals(levels, r.stats().depth());
        assertTrue(r.violations().isEmpty());
        assertTrue(r.exercised()[0] > 0, "mutual exclusion judged");
    }
}
