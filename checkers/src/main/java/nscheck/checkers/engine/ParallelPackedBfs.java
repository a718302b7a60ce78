package nscheck.checkers.engine;

import nscheck.checkers.store.PackedFrontier;
import nscheck.checkers.store.PackedVisitedSet;
import nscheck.checkers.trace.Trace;
import nscheck.checkers.trace.Violation;
import nscheck.model.Verdict;
import nscheck.model.packed.PackedInvariant;
import nscheck.model.packed.PackedModel;
import nscheck.model.packed.PackedModelView;
import nscheck.model.packed.PackedStep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Level-synchronous parallel BFS over a {@link PackedModel}: states are longs, the visited set
 * is a shared lock-free table of them ({@link PackedVisitedSet}), each level is a list of
 * segments that the workers take one at a time, and each worker writes the new states it finds
 * into segments of its own. Expanding a state allocates nothing.
 *
 * <p>Results do not depend on scheduling: a level is always finished before the next starts
 * (also when a violation is found in it), so the distinct and generated counts and the depth
 * are those of whole levels; among the states of a level that violate a property the smallest
 * encoding is reported, with the trace {@link PackedTraces} rebuilds for it. (Bitstate storage
 * is the exception: which states it misses depends on insertion order.)
 */
public final class ParallelPackedBfs implements Engine<Long, PackedStep> {
    /** Successors probed together: enough loads in flight to cover memory latency, few enough to stay in L1. */
    static final int BATCH = 64;

    private final PackedModel model;
    private final PackedModelView view;
    private final PackedVisitedSet seen;
    private final CheckOptions options;
    private final int threads;
    private final Progress progress;
    private final List<PackedInvariant> invariants;
    private volatile boolean stopRequested;

    // Shared by the workers during a level.
    private final AtomicInteger nextSegment = new AtomicInteger();
    private final AtomicLong stored = new AtomicLong();
    /** States of the level being expanded whose segment is done: not in the queue any more (a stop comes between segments). */
    private final AtomicLong levelExpanded = new AtomicLong();
    private volatile boolean pause;
    private volatile long pauseAt;
    private final boolean[] done;

    private long peakFrontierBytes;
    private long peakFrontierDiskBytes;
    private long frontierBudget = Long.MAX_VALUE;
    private java.nio.file.Path spillDirectory;

    public ParallelPackedBfs(PackedModel model, PackedVisitedSet seen, CheckOptions options, int threads, Progress progress) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
        this.model = model;
        this.view = new PackedModelView(model);
        this.seen = seen;
        this.options = options;
        this.threads = threads;
        this.progress = progress;
        this.invariants = model.invariants();
        this.done = new boolean[invariants.size() + 1];
    }

    @Override public void requestStop() { stopRequested = true; }

    /** "bfs" in counterexample files (their found_by.engine is bfs or simulation): a breadth-first search, shortest traces. */
    @Override public String name() { return "bfs"; }

    public PackedVisitedSet store() { return seen; }

    /**
     * Disk-backed frontier: each level keeps at most {@code bytesPerLevel} in memory and appends
     * the rest to a temporary file in {@code directory}, for state spaces whose levels outgrow the heap.
     */
    public ParallelPackedBfs spillFrontier(long bytesPerLevel, java.nio.file.Path directory) {
        this.frontierBudget = bytesPerLevel;
        this.spillDirectory = directory;
        return this;
    }

    /** The most a level wrote to disk (0 unless {@link #spillFrontier}). */
    public long peakFrontierDiskBytes() { return peakFrontierDiskBytes; }

    /** Spilling frontiers not yet closed: closed (their files deleted) as the search moves on, and all at its end. */
    private final List<PackedFrontier> spilling = new ArrayList<>();

    private PackedFrontier newFrontier() {
        if (spillDirectory == null) return new PackedFrontier();
        PackedFrontier f = new PackedFrontier(frontierBudget, spillDirectory);
        spilling.add(f);
        return f;
    }

    /** The most memory two consecutive levels took at once (the frontier's share of bytes/state). */
    public long peakFrontierBytes() { return peakFrontierBytes; }

    @Override
    public CheckResult<Long, PackedStep> run() {
        try (WorkerPool pool = new WorkerPool(threads)) {
            return new Search(pool).run();
        } finally {
            for (PackedFrontier f : spilling) f.close();
            spilling.clear();
        }
    }

    /** One worker's buffers and counts; reused level after level so that nothing is allocated per state. */
    private final class Worker {
        final long[] next = new long[Math.max(1, model.maxSuccessors())];
        final int[] family = new int[next.length];
        final long[] fired = new long[model.actionFamilies().size()];
        final long[] exercised = new long[invariants.size()];
        /** Per property (the last is deadlock), the smallest violating state found this level, or -1. */
        final long[] violating = new long[invariants.size() + 1];
        /** Successors of several states, probed together. */
        final long[] batch = new long[Math.max(BATCH, next.length)];
        /** Where touched slots are folded, so that the JIT keeps the reads. */
        long sink;
        long generated;
        long[] out = new long[PackedFrontier.SEGMENT];
        int outLength;

        Worker() {
            Arrays.fill(violating, -1);
        }

        /** The state being expanded or checked, for the report if the model throws. */
        long current;

        /** Expands segments of {@code level} until none is left, a pause for growth, or a stop. */
        Void expand(PackedFrontier level, PackedFrontier into) {
            try {
                return expandSegments(level, into);
            } catch (RuntimeException e) {
                throw new WorkerFailure(current, e);
            }
        }

        private Void expandSegments(PackedFrontier level, PackedFrontier into) {
            final int segments = level.segmentCount();
            final boolean deadlocks = model.deadlockIsViolation() && !done[invariants.size()];
            while (!pause && !stopRequested) {
                int c = nextSegment.getAndIncrement();
                if (c >= segments) break;
                long[] seg = level.segment(c);
                int len = level.length(c);
                long added = 0;
                int i = 0;
                while (i < len) {
                    // Generate a batch, touch all its slots (their misses overlap), then add them.
                    int b = 0;
                    for (; i < len && b + next.length <= batch.length; i++) {
                        current = seg[i];
                        int n = model.successors(current, next, family);
                        generated += n;
                        if (n == 0 && deadlocks) noteViolation(invariants.size(), seg[i]);
                        for (int j = 0; j < n; j++) {
                            fired[family[j]]++;
                            batch[b++] = next[j];
                        }
                    }
                    long touched = 0;
                    for (int j = 0; j < b; j++) touched += seen.touch(batch[j]);
                    sink += touched;
                    for (int j = 0; j < b; j++) {
                        long s = batch[j];
                        if (seen.add(s)) {
                            added++;
                            emit(s, into);
                            check(s);
                        }
                    }
                }
                level.release(c);
                levelExpanded.addAndGet(len);
                if (stored.addAndGet(added) > pauseAt) pause = true;
            }
            return null;
        }

        void emit(long s, PackedFrontier into) {
            if (outLength == out.length) flush(into);
            out[outLength++] = s;
        }

        void flush(PackedFrontier into) {
            into.add(out, outLength);
            out = new long[PackedFrontier.SEGMENT];
            outLength = 0;
        }

        void check(long s) {
            current = s;
            for (int p = 0; p < invariants.size(); p++) {
                if (done[p]) continue;
                Verdict v = invariants.get(p).check().check(s);
                if (v == Verdict.VACUOUS) continue;
                exercised[p]++;
                if (v == Verdict.VIOLATED) noteViolation(p, s);
            }
        }

        void noteViolation(int p, long s) {
            if (violating[p] < 0 || s < violating[p]) violating[p] = s;
        }
    }

    /** The model threw while a worker expanded or checked {@code state}. */
    private static final class WorkerFailure extends RuntimeException {
        final long state;
        final RuntimeException error;

        WorkerFailure(long state, RuntimeException error) {
            super(error.getMessage(), error, false, false);
            this.state = state;
            this.error = error;
        }
    }

    private final class Search {
        final WorkerPool pool;
        final List<Worker> workers = new ArrayList<>();
        final List<Violation<Long, PackedStep>> violations = new ArrayList<>();
        final long start = System.nanoTime();
        final int maxDepth = options.maxDepth() >= 0 ? options.maxDepth() : model.maxDepth() > 0 ? model.maxDepth() : Integer.MAX_VALUE;
        final long headroom;
        long lastReport = start;
        int depth;
        long initialGenerated;
        PackedFrontier level = newFrontier();
        PackedFrontier next = newFrontier();

        Search(WorkerPool pool) {
            this.pool = pool;
            for (int i = 0; i < threads; i++) workers.add(new Worker());
            // After the threshold is crossed each worker may finish its segment and take one more.
            headroom = 2L * threads * PackedFrontier.SEGMENT * Math.max(1, model.maxSuccessors());
        }

        CheckResult<Long, PackedStep> run() {
            Ending ending;
            CheckResult.ModelFailure<Long, PackedStep> failure = null;
            try {
                ending = search();
            } catch (OutOfMemoryError e) {
                level = next = null;
                ending = Ending.OUT_OF_MEMORY;
            } catch (WorkerFailure e) {
                // As in Bfs: keep what was found, and the path to the state that broke the model.
                level = next = null;
                ending = Ending.MODEL_ERROR;
                failure = new CheckResult.ModelFailure<>(e.error, PackedTraces.shortest(model, e.state));
            }
            Coverage coverage = new Coverage(model.actionFamilies());
            long[] exercised = new long[invariants.size()];
            for (Worker w : workers) {
                for (int f = 0; f < w.fired.length; f++) coverage.add(model.actionFamilies().get(f), w.fired[f]);
                for (int p = 0; p < exercised.length; p++) exercised[p] += w.exercised[p];
            }
            return new CheckResult<>(view, ending, stats(), List.copyOf(violations), coverage, exercised, failure);
        }

        Ending search() {
            Worker first = workers.get(0);
            for (long s : model.initialStates()) {
                initialGenerated++;
                if (seen.add(s)) {
                    stored.incrementAndGet();
                    first.emit(s, level);
                    try {
                        first.check(s);
                    } catch (RuntimeException e) {
                        throw new WorkerFailure(s, e);
                    }
                }
            }
            first.flush(level);
            if (reportViolations()) return Ending.VIOLATION;
            while (level.size() > 0) {
                progress.level(depth, level.size(), stats());
                if (depth >= maxDepth) return Ending.DEPTH_BOUND;
                expandLevel();
                if (stopRequested) return Ending.INTERRUPTED;
                peakFrontierBytes = Math.max(peakFrontierBytes, level.bytes() + next.bytes());
                peakFrontierDiskBytes = Math.max(peakFrontierDiskBytes, level.diskBytes() + next.diskBytes());
                level.close();
                spilling.remove(level);
                level = next;
                levelExpanded.set(0);
                next = newFrontier();
                if (level.size() > 0) depth++;
                if (reportViolations()) return Ending.VIOLATION;
            }
            return Ending.EXHAUSTED;
        }

        /** Runs the workers over the whole level, pausing them whenever the visited set must grow. */
        void expandLevel() {
            nextSegment.set(0);
            while (true) {
                while (seen.room(stored.get()) < headroom) seen.grow();
                long room = seen.room(stored.get());
                pauseAt = room == Long.MAX_VALUE ? Long.MAX_VALUE : stored.get() + room - headroom;
                pause = false;
                PackedFrontier from = level, into = next;
                List<Future<Void>> running = new ArrayList<>();
                for (Worker w : workers) running.add(pool.submit(() -> w.expand(from, into)));
                // the workers see a stop between segments; keep waiting for them to see it
                for (Future<Void> f : running) WorkerPool.await(f, options.progressMillis(), this::tick, () -> stopRequested = true);
                if (stopRequested || nextSegment.get() >= level.segmentCount()) break;
            }
            for (Worker w : workers) w.flush(next);
        }

        void tick() {
            long now = System.nanoTime();
            if ((now - lastReport) / 1_000_000 < options.progressMillis()) return;
            lastReport = now;
            progress.report(stats());
        }

        /** After a whole level: the smallest violating state of each property found in it, with its shortest trace. */
        boolean reportViolations() {
            boolean any = false;
            for (int p = 0; p <= invariants.size(); p++) {
                long worst = -1;
                for (Worker w : workers) {
                    long v = w.violating[p];
                    if (v >= 0 && (worst < 0 || v < worst)) worst = v;
                    w.violating[p] = -1;
                }
                if (worst < 0 || done[p]) continue;
                done[p] = true;
                any = true;
                Trace<Long, PackedStep> trace = PackedTraces.shortest(model, worst);
                if (p == invariants.size())
                    violations.add(new Violation<>(Violation.DEADLOCK, "every reachable state has a successor", trace));
                else
                    violations.add(new Violation<>(invariants.get(p).name(), invariants.get(p).statement(), trace));
            }
            if (!any) return false;
            if (!options.continueAfterViolation()) return true;
            for (int p = 0; p < invariants.size(); p++) if (!done[p]) return false;
            return !model.deadlockIsViolation() || done[invariants.size()];
        }

        Statistics stats() {
            long generated = initialGenerated;
            for (Worker w : workers) generated += w.generated;
            // Reached but not yet expanded: the level's segments not done, and the next level (what a worker holds back is flushed at its end).
            long queue = level == null ? 0 : level.size() - levelExpanded.get() + next.size();
            double seconds = (System.nanoTime() - start) / 1e9;
            long frontier = level == null ? 0 : Math.max(peakFrontierBytes, level.bytes() + next.bytes());
            return new Statistics(stored.get(), generated, depth, queue, seconds, seen.bytes() + frontier);
        }
    }
}
