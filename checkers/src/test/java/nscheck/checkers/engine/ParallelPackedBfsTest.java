package nscheck.checkers.engine;

import nscheck.checkers.store.PackedStateSet;
import nscheck.checkers.trace.Trace;
import nscheck.checkers.trace.Violation;
import nscheck.model.TraceStep;
import nscheck.model.Verdict;
import nscheck.model.packed.PackedInvariant;
import nscheck.model.packed.PackedModel;
import nscheck.model.packed.PackedStep;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelPackedBfsTest {
    /**
     * A grid walk: from (0,0) step right or up inside a SIDE x SIDE square. The state is x + SIDE*y;
     * "far" fails when x + y reaches FAR, which many shortest paths reach; the corner has no step.
     */
    static class Grid implements PackedModel {
        static final int SIDE = 300;
        static final int FAR = 7;
        final boolean deadlockIsError;

        Grid(boolean deadlockIsError) {
            this.deadlockIsError = deadlockIsError;
        }

        @Override public String name() { return "grid"; }
        @Override public String description() { return "grid walk"; }
        @Override public String variant() { return "plain"; }
        @Override public Map<String, Integer> bounds() { return Map.of(); }
        @Override public long[] initialStates() { return new long[] {0}; }
        @Override public int maxSuccessors() { return 2; }
        @Override public List<String> actionFamilies() { return List.of("right", "up"); }
        @Override public boolean deadlockIsViolation() { return deadlockIsError; }

        @Override
        public int successors(long s, long[] next, int[] family) {
            long x = s % SIDE, y = s / SIDE;
            int n = 0;
            if (x + 1 < SIDE) { next[n] = s + 1; family[n++] = 0; }
            if (y + 1 < SIDE) { next[n] = s + SIDE; family[n++] = 1; }
            return n;
        }

        @Override
        public List<PackedInvariant> invariants() {
            return List.of(new PackedInvariant("near", "x + y stays below " + FAR,
                    s -> Verdict.of(s % SIDE + s / SIDE < FAR)));
        }

        @Override
        public TraceStep describe(long pre, int choice, long post) {
            return new TraceStep("walker", "", choice == 0 ? "right" : "up", Map.of(), "", describeState(post));
        }

        @Override public String describeState(long s) { return "(" + s % SIDE + "," + s / SIDE + ")"; }
    }

    private static final CheckOptions QUIET = CheckOptions.defaults().quiet();

    @Test
    void aViolationComesWithTheSameShortestTraceWhateverTheWorkers() {
        List<Long> firstTrace = null;
        for (int workers = 1; workers <= 4; workers++) {
            CheckResult<Long, PackedStep> r = new ParallelPackedBfs(new Grid(false), new PackedStateSet(4), QUIET, workers, Progress.NONE).run();
            assertEquals(Ending.VIOLATION, r.ending());
            assertEquals(1, r.violations().size());
            Trace<Long, PackedStep> t = r.violations().get(0).trace();
            assertEquals(Grid.FAR, t.length(), "shortest");
            // the smallest violating state at that level is (7,0); the level is finished before stopping
            assertEquals(7L, t.last());
            assertEquals(36, r.stats().distinct());
            List<Long> states = t.steps().stream().map(Trace.Step::post).toList();
            if (firstTrace == null) firstTrace = states;
            assertEquals(firstTrace, states);
        }
    }

    @Test
    void continuingFindsTheDeadlockInTheFarCorner() {
        CheckResult<Long, PackedStep> r = new ParallelPackedBfs(new Grid(true), new PackedStateSet(4),
                QUIET.continuing(), 2, Progress.NONE).run();
        assertEquals(List.of("near", Violation.DEADLOCK), r.violations().stream().map(Violation::property).toList());
        Trace<Long, PackedStep> deadlock = r.violations().get(1).trace();
        assertEquals(2 * (Grid.SIDE - 1), deadlock.length());
        assertEquals((long) Grid.SIDE * Grid.SIDE - 1, deadlock.last());
        assertEquals((long) Grid.SIDE * Grid.SIDE, r.stats().distinct());
        assertEquals(Ending.VIOLATION, r.ending());
    }

    @Test
    void theStateTableGrowsWhileWorkersRun() {
        PackedStateSet set = new PackedStateSet(4);
        CheckResult<Long, PackedStep> r = new ParallelPackedBfs(new Grid(false) {
            @Override public List<PackedInvariant> invariants() { return List.of(); }
        }, set, QUIET, 2, Progress.NONE).run();
        assertEquals(Ending.EXHAUSTED, r.ending());
        assertEquals((long) Grid.SIDE * Grid.SIDE, r.stats().distinct());
        assertTrue(set.room(r.stats().distinct()) > 0);
        assertEquals(2 * (Grid.SIDE - 1), r.stats().depth());
    }

    @Test
    void depthBoundStopsAtTheBound() {
        CheckResult<Long, PackedStep> r = new ParallelPackedBfs(new Grid(false) {
            @Override public List<PackedInvariant> invariants() { return List.of(); }
        }, new PackedStateSet(), QUIET.withMaxDepth(3), 2, Progress.NONE).run();
        assertEquals(Ending.DEPTH_BOUND, r.ending());
        assertEquals(10, r.stats().distinct());
        assertFalse(r.violated());
    }

    @Test
    void exactSetAddsEachStateOnce() {
        PackedStateSet set = new PackedStateSet(4);
        long stored = 0;
        for (long s = 0; s < 100_000; s++) {
            while (set.room(stored) < 1) set.grow();
            assertTrue(set.add(s * 31));
            stored++;
        }
        for (long s = 0; s < 100_000; s++) assertFalse(set.add(s * 31));
        assertTrue(set.add(0x7fff_ffff_ffff_fffL));
    }

    @Test
    void aDiskBackedFrontierGivesTheSameSearch(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        Grid walk = new Grid(true);
        CheckResult<Long, PackedStep> inMemory = new ParallelPackedBfs(walk, new PackedStateSet(4), QUIET.continuing(), 2,
                Progress.NONE).run();
        // No memory at all for the frontier: every segment of every level goes through the file.
        ParallelPackedBfs onDisk = new ParallelPackedBfs(walk, new PackedStateSet(4), QUIET.continuing(), 2, Progress.NONE)
                .spillFrontier(0, dir);
        CheckResult<Long, PackedStep> r = onDisk.run();
        assertEquals(inMemory.stats().distinct(), r.stats().distinct());
        assertEquals(inMemory.stats().generated(), r.stats().generated());
        assertEquals(inMemory.violations().get(1).trace(), r.violations().get(1).trace());
        assertTrue(onDisk.peakFrontierDiskBytes() > 0, "the frontier went to disk");
        try (var left = java.nio.file.Files.list(dir)) {
            assertEquals(0, left.count(), "spill files are deleted");
        }
    }

    @Test
    void aModelThatThrowsEndsTheSearchWithTheStateThatBrokeIt() {
        CheckResult<Long, PackedStep> r = new ParallelPackedBfs(new Grid(false) {
            @Override public List<PackedInvariant> invariants() { return List.of(); }

            @Override
            public int successors(long s, long[] next, int[] family) {
                if (s == 3 + 2 * SIDE) throw new IllegalStateException("no step from (3,2)");
                return super.successors(s, next, family);
            }
        }, new PackedStateSet(4), QUIET, 2, Progress.NONE).run();
        assertEquals(Ending.MODEL_ERROR, r.ending());
        assertEquals("no step from (3,2)", r.failure().error().getMessage());
        assertEquals(3L + 2 * Grid.SIDE, r.failure().trace().last());
        assertEquals(5, r.failure().trace().length());
    }

    /**
     * The stop is asked for when level 10 is about to be expanded, not from a progress line (those
     * come only while a level outlasts the poll, which a fast machine may never see): the search
     * ends with exactly the states a search bounded at depth 10 reaches, far from the 1,141,891.
     */
    @Test
    void aStopRequestEndsTheSearchWithWhatItFound() {
        var model = new nscheck.model.futex.FutexMutex(7, nscheck.model.futex.FutexMutex.Loop.FOREVER);
        ParallelPackedBfs[] engine = new ParallelPackedBfs[1];
        Progress stopAtLevelTen = new Progress() {
            @Override public void report(Statistics s) {}
            @Override public void level(int depth, long states, Statistics sofar) {
                if (depth == 10) engine[0].requestStop();
            }
        };
        engine[0] = new ParallelPackedBfs(model, new PackedStateSet(), new CheckOptions(-1, false, 1), 2, stopAtLevelTen); // progress still reported, when a level lasts
        CheckResult<Long, PackedStep> r = engine[0].run();
        assertEquals(Ending.INTERRUPTED, r.ending());
        CheckResult<Long, PackedStep> bounded = new ParallelPackedBfs(model, new PackedStateSet(), QUIET.withMaxDepth(10), 2, Progress.NONE).run();
        assertEquals(Ending.DEPTH_BOUND, bounded.ending());
        assertEquals(bounded.stats().distinct(), r.stats().distinct(), "levels 0 to 10 reached, level 10 not expanded: " + r.stats());
        assertTrue(r.stats().distinct() < 1_141_891, "stopped before the end");
    }

    /**
     * As in ParallelBfsTest: an interrupted search's queue is every state reached and not expanded
     * (it once counted the whole level being expanded, segments done included). On the binary tree
     * (s steps to 2s + 1 and 2s + 2) every state expanded has two successors: (generated - 1) / 2 were.
     */
    @Test
    void anInterruptedSearchQueuesEveryStateReachedButNotExpanded() {
        // Every state of level 14 (2^14 - 1 to 2^15 - 2, four segments and more) asks for the stop as it is
        // expanded: a worker that has expanded one claims no further segment, so at most one segment per
        // worker is done whatever the scheduling (a single state asking once could land in the last segment
        // claimed, and the level then ended whole), and the level is always left part done.
        long firstOfLevel14 = (1 << 14) - 1;
        ParallelPackedBfs[] engine = new ParallelPackedBfs[1];
        PackedModel tree = new Grid(false) {
            @Override public int maxSuccessors() { return 2; }
            @Override public List<PackedInvariant> invariants() { return List.of(); }

            @Override
            public int successors(long s, long[] next, int[] family) {
                if (s >= firstOfLevel14) engine[0].requestStop();
                next[0] = 2 * s + 1;
                next[1] = 2 * s + 2;
                family[0] = 0;
                family[1] = 1;
                return 2;
            }
        };
        for (int workers : new int[] {1, 2, 3}) {
            engine[0] = new ParallelPackedBfs(tree, new PackedStateSet(4), QUIET, workers, Progress.NONE);
            var s = engine[0].run().stats();
            long expanded = (s.generated() - 1) / 2;
            assertTrue(expanded > (1 << 14) - 1 && expanded < (1 << 15) - 1, "stopped in the middle of level 14: " + s);
            assertEquals(s.distinct() - expanded, s.queue(), workers + " workers: " + s);
        }
    }
}
