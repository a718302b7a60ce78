package nscheck.checkers.engine;

import nscheck.checkers.store.ByteSink;
import nscheck.checkers.store.EncodedFrontier;
import nscheck.checkers.store.SegmentedFingerprintSet;
import nscheck.checkers.store.StateCodec;
import nscheck.checkers.store.TraceStore;
import nscheck.checkers.store.VisitedSet;
import nscheck.checkers.trace.Violation;
import nscheck.model.Model;
import nscheck.model.Property;

import java.util.Arrays;
import java.util.List;

/**
 * The breadth-first search over object states that {@link Bfs} and {@link ParallelBfs} share: the
 * levels, the visited fingerprints, the trace store, the statistics and how a search ends. An engine
 * says only how one level is expanded (one state after another, or chunks on worker threads merged
 * in order) and how an initial state is admitted; since everything else is this one loop, the two
 * agree on every count, id and trace by construction.
 */
abstract class LevelSearch<S, A> {
    final Model<S, A> model;
    final CheckOptions options;
    final Progress progress;
    final Findings<S, A> found;
    final List<Property<S, A>> props;
    final long[] exercised;
    /** Properties that already have their shortest counterexample and need no more verdicts. */
    final boolean[] done;
    /**
     * Fingerprints of the states seen: exact ({@link SegmentedFingerprintSet}, which grows a 256th
     * at a time and past 2^31 slots) or bitstate; only the merging thread adds.
     */
    final VisitedSet seen;
    long distinct;
    TraceStore store = new TraceStore();
    final int maxDepth;
    final long start = System.nanoTime();
    long lastReport = start;
    long generated;
    int depth;
    int reached;
    /** The id of the state being expanded: traces to a violation or a failure end there. */
    int currentId;
    /** The frontier holds states packed (a few hundred bytes each, not their object graphs); see {@link StateCodec}. */
    final StateCodec codec = new StateCodec();
    private final ByteSink sink = new ByteSink(1024);
    /** States of the next level and their ids, in the order they were first reached. */
    int nextSize;
    /**
     * States of the level being expanded, and how many of them are expanded (their transitions
     * counted; in ParallelBfs, merged): with {@link #nextSize}, what {@link #unexpanded} counts.
     */
    int levelSize, levelExpanded;
    private EncodedFrontier next;
    private int[] nextIds = new int[1024];

    private final StateStorage storage;

    LevelSearch(Model<S, A> model, CheckOptions options, Progress progress, StateStorage storage) {
        this.storage = storage;
        this.seen = storage.visited() == null ? new SegmentedFingerprintSet(1 << 16) : storage.visited();
        this.next = newLevel();
        this.model = model;
        this.options = options;
        this.progress = progress;
        this.found = new Findings<>(model, options);
        this.props = found.props;
        this.exercised = found.exercised;
        this.done = found.done;
        this.maxDepth = options.maxDepth() >= 0 ? options.maxDepth() : model.maxDepth() > 0 ? model.maxDepth() : Integer.MAX_VALUE;
    }

    /** Initial state number {@code index} (already counted as generated): add it if new, judge it, {@link #push} it. */
    abstract void initial(int index, S s);

    /** Expands the {@code levelSize} states of a level; null to go on, else why the search ends here. */
    abstract Ending expandLevel(EncodedFrontier level, int[] ids, int levelSize);

    private EncodedFrontier newLevel() {
        return storage.frontierBytes() < 0 ? new EncodedFrontier() : new EncodedFrontier(storage.frontierBytes(), storage.spillDirectory());
    }

    /** State {@code i} of {@code level}, rebuilt from its bytes (any thread). */
    final S state(EncodedFrontier level, int i) {
        return codec.decode(level.state(i));
    }

    /** How often each action family fired. */
    abstract Coverage coverage();

    /** The model failure {@code e} reports; rethrows {@code e} if it is not the model's. */
    abstract CheckResult.ModelFailure<S, A> failure(RuntimeException e);

    /** Asks the engine to stop at the next state (the heap watchdog's call). */
    abstract void stop();

    final CheckResult<S, A> run() {
        Ending ending;
        CheckResult.ModelFailure<S, A> failure = null;
        try (HeapWatchdog watchdog = new HeapWatchdog(HeapWatchdog.fraction(), this::stop)) {
            ending = search();
            if (watchdog.fired() && ending == Ending.INTERRUPTED) {
                // Reported as running out of memory, which is what it is, seconds instead of a minute of collections before it.
                next.close();
                next = null;
                ending = Ending.OUT_OF_MEMORY;
            }
        } catch (OutOfMemoryError e) {
            if (next != null) next.close();
            next = null;
            ending = Ending.OUT_OF_MEMORY;
        } catch (CheckpointUnreadable e) {
            throw e;
        } catch (RuntimeException e) {
            // Keep what was found; the path to the state that broke the model is itself a finding.
            failure = failure(e);
            ending = Ending.MODEL_ERROR;
        }
        if (next != null) next.close();
        return new CheckResult<>(model, ending, stats(), List.copyOf(found.violations), coverage(),
                exercised, failure);
    }

    private Ending search() {
        if (storage.resume()) {
            resume();
        } else {
            List<S> initial = model.initialStates();
            for (int i = 0; i < initial.size() && !found.stop; i++) {
                generated++;
                initial(i, model.canonical(initial.get(i))); // one state per class (Model#canonical)
            }
        }
        long lastCheckpoint = System.nanoTime();
        while (nextSize > 0 && !found.stop) {
            progress.level(depth, nextSize, stats());
            // At a level boundary the whole search is a few arrays: save them (not after a violation: the search ends there).
            if (storage.checkpointDirectory() != null && found.violations.isEmpty()
                    && (System.nanoTime() - lastCheckpoint) / 1_000_000 >= storage.checkpointMillis()) {
                checkpoint();
                lastCheckpoint = System.nanoTime();
            }
            if (depth >= maxDepth) return Ending.DEPTH_BOUND;
            EncodedFrontier level = next;
            int[] ids = nextIds;
            int levelSize = nextSize;
            this.levelSize = levelSize;
            levelExpanded = 0;
            next = newLevel();
            nextIds = new int[Math.max(1024, levelSize)];
            nextSize = 0;
            depth++;
            Ending ending;
            try {
                ending = expandLevel(level, ids, levelSize);
            } finally {
                level.close();
            }
            if (ending != null) return ending;
        }
        if (found.stop) return Ending.VIOLATION;
        return Ending.EXHAUSTED;
    }

    /** How often each action family fired so far, for a checkpoint. */
    abstract java.util.Map<String, Long> fired();

    /** Restores {@link #fired()} from a checkpoint. */
    abstract void restoreFired(java.util.Map<String, Long> counts);

    private void checkpoint() {
        try {
            SearchCheckpoint.save(storage.checkpointDirectory(), SearchCheckpoint.identity(model), out -> {
                out.writeInt(depth);
                out.writeInt(reached);
                out.writeLong(generated);
                out.writeLong(distinct);
                for (long e : exercised) out.writeLong(e);
                java.util.Map<String, Long> fired = fired();
                out.writeInt(fired.size());
                for (java.util.Map.Entry<String, Long> e : fired.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeLong(e.getValue());
                }
                codec.writeTable(out);
                seen.writeTo(out);
                store.writeTo(out);
                next.writeTo(out);
                for (int i = 0; i < nextSize; i++) out.writeInt(nextIds[i]);
            });
            progress.checkpoint(storage.checkpointDirectory());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the checkpoint in " + storage.checkpointDirectory(), e);
        }
    }

    private void resume() {
        try {
            SearchCheckpoint.load(storage.checkpointDirectory(), SearchCheckpoint.identity(model), in -> {
                depth = in.readInt();
                reached = in.readInt();
                generated = in.readLong();
                distinct = in.readLong();
                for (int p = 0; p < exercised.length; p++) exercised[p] = in.readLong();
                java.util.Map<String, Long> fired = new java.util.LinkedHashMap<>();
                int families = in.readInt();
                for (int f = 0; f < families; f++) fired.put(in.readUTF(), in.readLong());
                restoreFired(fired);
                codec.readTable(in);
                seen.readFrom(in);
                store = TraceStore.readFrom(in);
                next.readFrom(in);
                nextSize = next.size();
                nextIds = new int[Math.max(1024, nextSize)];
                for (int i = 0; i < nextSize; i++) nextIds[i] = in.readInt();
            });
        } catch (java.io.IOException e) {
            throw new CheckpointUnreadable(e.getMessage(), e);
        }
    }

    /**
     * With the system property {@code nscheck.packedFingerprints=true}, fingerprints are hashes of a
     * state's codec bytes (canonical within a run) instead of the model's own {@code fingerprint}.
     * Off by default: every successor must then be encoded, and on the kernel models that costs
     * more than their fingerprint (each task's digest is computed once), while with the model's
     * only the new states are encoded ({@link LevelDiscoveries}). Kept to measure, and for models
     * whose fingerprint is dear.
     */
    static final boolean PACKED_FINGERPRINTS = Boolean.getBoolean("nscheck.packedFingerprints");

    /** The state's fingerprint; with {@link #PACKED_FINGERPRINTS}, {@code sink} holds its bytes afterwards. */
    final long fingerprint(S s, ByteSink sink) {
        return fingerprint(model, codec, s, sink);
    }

    /** {@link #fingerprint(Object, ByteSink)} for an engine of its own ({@link LevelSynchronousBfs}). */
    static <S> long fingerprint(Model<S, ?> model, StateCodec codec, S s, ByteSink sink) {
        if (!PACKED_FINGERPRINTS) return model.fingerprint(s);
        sink.reset();
        codec.encode(s, sink);
        return StateCodec.fingerprint(sink);
    }

    /** Adds a state's fingerprint to the visited set; true if the state is new. */
    final boolean admit(long fingerprint) {
        if (!seen.add(fingerprint)) return false;
        distinct++;
        return true;
    }

    /** A new state, already judged, joins the next level. */
    final void push(S s, int id) {
        sink.reset();
        codec.encode(s, sink);
        reached = Math.max(reached, depth);
        if (nextSize == nextIds.length) nextIds = Arrays.copyOf(nextIds, nextSize * 2);
        next.add(sink);
        nextIds[nextSize++] = id;
    }

    /** As {@link #push}, for a state a worker has already packed with {@link #codec}: {@code buf[from, from + length)}. */
    final void pushEncoded(byte[] buf, int from, int length, int id) {
        reached = Math.max(reached, depth);
        if (nextSize == nextIds.length) nextIds = Arrays.copyOf(nextIds, nextSize * 2);
        next.add(buf, from, length);
        nextIds[nextSize++] = id;
    }

    /** Step property {@code p} failed on transition {@code index} out of the current state. */
    final void stepFailed(int p, int index) {
        int[] path = store.path(currentId);
        int[] withStep = Arrays.copyOf(path, path.length + 1);
        withStep[path.length] = index;
        found.fail(p, withStep);
    }

    /** The current state has no successor: a violation if the model says so. */
    final void noSuccessor() {
        if (model.deadlockIsViolation() && !found.stop)
            found.violate(Violation.DEADLOCK, "every reachable state has a successor", store.path(currentId));
    }

    final void tick() {
        if (options.progressMillis() <= 0) return;
        long now = System.nanoTime();
        if ((now - lastReport) / 1_000_000 >= options.progressMillis()) {
            lastReport = now;
            progress.report(stats());
        }
    }

    /**
     * States reached but not yet expanded: the rest of the level being expanded and the next level
     * so far. The queue of the progress lines and of an interrupted search's summary (which once
     * counted the next level alone, below the last progress line's figure).
     */
    final long unexpanded() {
        return (long) levelSize - levelExpanded + nextSize;
    }

    final Statistics stats() {
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Statistics(distinct, generated, reached, unexpanded(), seconds, seen.bytes() + store.bytes());
    }
}
