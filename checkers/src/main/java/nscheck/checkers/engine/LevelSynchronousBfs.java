package nscheck.checkers.engine;

import nscheck.checkers.store.ByteSink;
import nscheck.checkers.store.ConcurrentFingerprintSet;
import nscheck.checkers.store.EncodedFrontier;
import nscheck.checkers.store.PackedVisitedSet;
import nscheck.checkers.store.StateCodec;
import nscheck.checkers.store.VisitedSet;
import nscheck.checkers.trace.Trace;
import nscheck.checkers.trace.Violation;
import nscheck.model.FingerprintSink;
import nscheck.model.Model;
import nscheck.model.Property;
import nscheck.model.Transition;
import nscheck.model.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@link ParallelPackedBfs}'s design for any object model (issue 14: the generic path at half the
 * packed engine's speed): a level-synchronous breadth-first search whose visited set is one table
 * of 64-bit fingerprints that every worker inserts into with a compare-and-set
 * ({@link ConcurrentFingerprintSet}, or a {@link nscheck.checkers.store.BitstateSet}), and which has
 * no merging thread. A worker takes the level's states a chunk at a time, computes each successor,
 * canonicalises it ({@link Model#canonical}) and fingerprints it ({@link Model#fingerprint}, as
 * {@link LevelSearch} does), gathers a batch of successors, loads their slots together (their
 * cache misses overlap) and then claims them one by one: only the claimer of a state packs it
 * ({@link StateCodec}) into its own part of the next level and judges the state properties.
 *
 * <p>What it guarantees. The distinct, generated and depth counts are those of whole levels, so
 * they equal {@link Bfs}'s on a search that runs to its end (exhausted or at the depth bound), on
 * every run: the states a level reaches do not depend on who claims them. They are exact as far as
 * the model's fingerprints are (64-bit hashes, unless the model's fingerprint is an exact key).
 * A level is always finished, also when a violation is found in it; then, per property, the
 * violation reported is the level's smallest by fingerprint (of the state; of a step: its
 * successor's, then its state's, then the transition's index), so the verdict and the state reported
 * do not depend on scheduling. Its trace is a real shortest one: each state keeps its parent's index
 * in the level before and the transition's index ({@link ParentLinks}), which {@link Trace#replay}
 * replays; which of a state's shortest traces it is depends on who claimed the state. A model error
 * is reported the same way (the smallest failing state's fingerprint). Counts after a violation,
 * and how often each property was exercised, are those of the whole level (Bfs stops at the
 * violation), so they may be larger than Bfs's. (Bitstate storage is the exception to determinism:
 * which states it misses depends on insertion order.)
 *
 * <p>What it does not do: checkpoints (use {@link ParallelBfs}), and Bfs's state ids.
 */
public final class LevelSynchronousBfs<S, A> implements Engine<S, A> {
    /** States per unit of work: small enough to keep every core busy to the end of a level. */
    static final int CHUNK = 256;
    /** Successors probed together (as {@link ParallelPackedBfs#BATCH}). */
    static final int BATCH = ParallelPackedBfs.BATCH;

    private final Model<S, A> model;
    private final CheckOptions options;
    private final Progress progress;
    private final int threads;
    private final StateStorage storage;
    private volatile boolean stopRequested;

    public LevelSynchronousBfs(Model<S, A> model, CheckOptions options, Progress progress, int threads) {
        this(model, options, progress, threads, StateStorage.IN_MEMORY);
    }

    public LevelSynchronousBfs(Model<S, A> model, CheckOptions options, Progress progress, int threads, StateStorage storage) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
        if (!supports(storage)) throw new IllegalArgumentException("the level-synchronous engine keeps no checkpoints and needs a set many threads add to");
        this.model = model;
        this.options = options;
        this.progress = progress;
        this.threads = threads;
        this.storage = storage;
    }

    /** Whether this engine can keep the search in {@code storage}: no checkpoint, a visited set many threads may add to. */
    public static boolean supports(StateStorage storage) {
        return storage.checkpointDirectory() == null && (storage.visited() == null || storage.visited() instanceof PackedVisitedSet);
    }

    @Override public String name() { return "bfs"; }

    @Override public void requestStop() { stopRequested = true; }

    @Override
    public CheckResult<S, A> run() {
        try (WorkerPool pool = new WorkerPool(threads)) {
            return new Search(pool).run();
        }
    }

    /** One level: the workers' parts, each a frontier of packed states and their parent links, numbered part after part. */
    private static final class Level implements AutoCloseable {
        final EncodedFrontier[] parts;
        final ParentLinks[] links;
        /** Where each part starts in the level's numbering; {@code base[parts.length]} is the level's size. */
        final int[] base;
        /** Chunk {@code c} is states {@code [chunkFrom[c], chunkFrom[c] + CHUNK)} of part {@code chunkPart[c]}, cut at its end. */
        final int[] chunkPart, chunkFrom;

        Level(List<EncodedFrontier> parts, List<ParentLinks> links) {
            this.parts = parts.toArray(new EncodedFrontier[0]);
            this.links = links.toArray(new ParentLinks[0]);
            base = new int[this.parts.length + 1];
            int chunks = 0;
            for (int p = 0; p < this.parts.length; p++) {
                long end = (long) base[p] + this.parts[p].size();
                if (end > Integer.MAX_VALUE) throw new OutOfMemoryError("a level holds at most 2^31 - 1 states");
                base[p + 1] = (int) end;
                chunks += (this.parts[p].size() + CHUNK - 1) / CHUNK;
            }
            chunkPart = new int[chunks];
            chunkFrom = new int[chunks];
            int c = 0;
            for (int p = 0; p < this.parts.length; p++)
                for (int i = 0; i < this.parts[p].size(); i += CHUNK) {
                    chunkPart[c] = p;
                    chunkFrom[c++] = i;
                }
        }

        int size() {
            return base[parts.length];
        }

        /** The link of state {@code g} of this level. */
        long link(int g) {
            int p = 0;
            while (base[p + 1] <= g) p++;
            return links[p].get(g - base[p]);
        }

        long linkBytes() {
            long b = 0;
            for (ParentLinks l : links) b += l.bytes();
            return b;
        }

        /** The states' bytes go; the links stay, for traces. */
        @Override
        public void close() {
            for (EncodedFrontier f : parts) f.close();
            java.util.Arrays.fill(parts, null);
        }
    }

    /**
     * The smallest (by key) finding of one kind a worker met this level: a violation of a property,
     * a deadlock, or a model error; with the path {@link Trace#replay} takes to it.
     */
    private static final class Finding {
        boolean any;
        long key1, key2, key3;
        int[] path;
        RuntimeException error;

        boolean beats(long k1, long k2, long k3) {
            if (!any) return true;
            if (k1 != key1) return k1 < key1;
            if (k2 != key2) return k2 < key2;
            return k3 < key3;
        }

        void set(long k1, long k2, long k3, int[] path, RuntimeException error) {
            any = true;
            key1 = k1;
            key2 = k2;
            key3 = k3;
            this.path = path;
            this.error = error;
        }

        /** Whether this finding is smaller than {@code o} (null: none yet). */
        boolean beats(Finding o) {
            return any && (o == null || o.beats(key1, key2, key3));
        }

        void clear() {
            any = false;
            path = null;
            error = null;
        }
    }

    private final class Search {
        final WorkerPool pool;
        final List<Property<S, A>> props = model.properties();
        final boolean anyStepProperty = props.stream().anyMatch(p -> p instanceof Property.AlwaysStep);
        /**
         * Whether successors are fingerprinted before they are built ({@link Model#fingerprintsBeforeBuilding}):
         * then only a claimed successor is built, from its state and its transition's index. Not when a step
         * property must see every successor, nor when fingerprints are hashes of the packed bytes.
         */
        final boolean lazy = model.fingerprintsBeforeBuilding() && !anyStepProperty && !LevelSearch.PACKED_FINGERPRINTS;
        final PackedVisitedSet seen;
        final StateCodec codec = new StateCodec();
        final ActionFamilies families = new ActionFamilies(model.actionFamilies());
        final List<Worker> workers = new ArrayList<>();
        /** Per property, then deadlock: whether it has its counterexample (no more verdicts needed). Written between levels only. */
        final boolean[] done = new boolean[props.size() + 1];
        final List<Violation<S, A>> violations = new ArrayList<>();
        /** Every level so far, for traces (their states' bytes are dropped once expanded). */
        final List<Level> levels = new ArrayList<>();
        final AtomicLong stored = new AtomicLong();
        final AtomicInteger nextChunk = new AtomicInteger();
        final AtomicLong levelExpanded = new AtomicLong();
        final int maxDepth = options.maxDepth() >= 0 ? options.maxDepth() : model.maxDepth() > 0 ? model.maxDepth() : Integer.MAX_VALUE;
        final long start = System.nanoTime();
        long lastReport = start;
        volatile boolean pause;
        volatile long pauseAt = Long.MAX_VALUE;
        /** The most successors one state has had so far: what a worker may still add after a pause is called. */
        volatile int maxFanout;
        long initialGenerated;
        /** Levels expanded; the deepest level holding a state. */
        int depth, reached;
        Level current;
        long linkBytes;
        CheckResult.ModelFailure<S, A> failure;

        Search(WorkerPool pool) {
            this.pool = pool;
            VisitedSet v = storage.visited();
            this.seen = v == null ? new ConcurrentFingerprintSet(16) : (PackedVisitedSet) v;
            for (int i = 0; i < threads; i++) workers.add(new Worker());
        }

        CheckResult<S, A> run() {
            Ending ending;
            try (HeapWatchdog watchdog = new HeapWatchdog(HeapWatchdog.fraction(), () -> stopRequested = true)) {
                ending = search();
                if (watchdog.fired() && ending == Ending.INTERRUPTED) ending = Ending.OUT_OF_MEMORY;
            } catch (OutOfMemoryError e) {
                ending = Ending.OUT_OF_MEMORY;
            } finally {
                if (current != null) current.close();
                for (Worker w : workers) w.closeOutput();
            }
            Coverage coverage = new Coverage(model.actionFamilies());
            long[] exercised = new long[props.size()];
            for (Worker w : workers) {
                for (int f = 0; f < w.fired.length && f < families.size(); f++) coverage.add(families.name(f), w.fired[f]);
                for (int p = 0; p < exercised.length; p++) exercised[p] += w.exercised[p];
            }
            return new CheckResult<>(model, ending, stats(), List.copyOf(violations), coverage, exercised, failure);
        }

        private EncodedFrontier newPart() {
            long budget = storage.frontierBytes();
            return budget < 0 ? new EncodedFrontier() : new EncodedFrontier(budget / threads, storage.spillDirectory());
        }

        Ending search() {
            Worker first = workers.get(0);
            for (Worker w : workers) w.startLevel(newPart());
            List<S> initial = model.initialStates();
            for (int i = 0; i < initial.size(); i++) {
                initialGenerated++;
                S s;
                long fp;
                try {
                    s = model.canonical(initial.get(i)); // one state per class (Model#canonical)
                    fp = first.fingerprint(s);
                } catch (RuntimeException e) {
                    first.failed.set(0, 0, i, new int[] {i}, e);
                    continue;
                }
                if (seen.add(fp)) {
                    stored.incrementAndGet();
                    first.admit(s, fp, ParentLinks.link(0, i), 0);
                }
            }
            Ending ending = endLevel(0);
            if (ending != null) return ending;
            while (current.size() > 0) {
                progress.level(depth, current.size(), stats());
                if (depth >= maxDepth) return Ending.DEPTH_BOUND;
                for (Worker w : workers) w.startLevel(newPart());
                expandLevel();
                depth++;
                Level expanded = current;
                ending = endLevel(depth);
                expanded.close();
                if (ending != null) return ending;
            }
            return Ending.EXHAUSTED;
        }

        /** Runs the workers over the whole level, pausing them whenever the visited set must grow. */
        void expandLevel() {
            nextChunk.set(0);
            levelExpanded.set(0);
            Level level = current;
            while (true) {
                // after a pause is called each worker may still claim its pending batch and the one it is gathering
                long headroom = 2L * threads * (BATCH + Math.max(4096, 4L * maxFanout));
                while (seen.room(stored.get()) < headroom) seen.grow();
                long room = seen.room(stored.get());
                pauseAt = room == Long.MAX_VALUE ? Long.MAX_VALUE : stored.get() + room - headroom;
                pause = false;
                List<Future<Void>> running = new ArrayList<>();
                for (Worker w : workers) running.add(pool.submit(() -> w.expand(level)));
                // the workers see a stop between states; keep waiting for them to see it
                for (Future<Void> f : running) WorkerPool.await(f, options.progressMillis(), this::tick, () -> stopRequested = true);
                if (stopRequested) return;
                boolean unfinished = nextChunk.get() < level.chunkPart.length;
                for (Worker w : workers) unfinished |= w.chunk >= 0;
                if (!unfinished) return;
            }
        }

        /**
         * The level the workers wrote becomes the current one; what they found in it is reported
         * (the smallest of each kind). Null to go on, else why the search ends here.
         */
        Ending endLevel(int index) {
            // What an interrupted search still has to expand: the rest of this level, and the next (stats()).
            if (current != null) levelExpanded.addAndGet(-current.size());
            List<EncodedFrontier> parts = new ArrayList<>();
            List<ParentLinks> links = new ArrayList<>();
            for (Worker w : workers) {
                if (w.out.size() > 0) {
                    parts.add(w.out);
                    links.add(w.outLinks);
                } else {
                    w.out.close();
                }
                w.out = null;
                w.outLinks = null;
            }
            Level next = new Level(parts, links);
            levels.add(next);
            linkBytes += next.linkBytes();
            current = next;
            if (next.size() > 0) reached = index;
            boolean any = false;
            for (int p = 0; p <= props.size(); p++) {
                Finding best = null;
                for (Worker w : workers) {
                    if (w.found[p].beats(best)) best = w.found[p];
                }
                if (best != null && best.any && !done[p]) {
                    done[p] = true;
                    any = true;
                    Trace<S, A> trace = Trace.replay(model, best.path);
                    violations.add(p == props.size() ? new Violation<>(Violation.DEADLOCK, "every reachable state has a successor", trace)
                            : new Violation<>(props.get(p).name(), props.get(p).statement(), trace));
                }
                for (Worker w : workers) w.found[p].clear();
            }
            Finding failed = null;
            for (Worker w : workers) if (w.failed.beats(failed)) failed = w.failed;
            if (failed != null && failed.any) {
                failure = new CheckResult.ModelFailure<>(failed.error, Trace.replay(model, failed.path));
                return Ending.MODEL_ERROR;
            }
            if (stopRequested) return Ending.INTERRUPTED;
            if (!any) return null;
            if (!options.continueAfterViolation()) return Ending.VIOLATION;
            for (int p = 0; p < props.size(); p++) if (!done[p]) return null;
            return !model.deadlockIsViolation() || done[props.size()] ? Ending.VIOLATION : null;
        }

        /** The choices {@link Trace#replay} takes to a state of level {@code index} reached by {@code link}. */
        int[] path(int index, long link) {
            int[] path = new int[index + 1];
            path[index] = ParentLinks.choice(link);
            int g = ParentLinks.parent(link);
            for (int d = index - 1; d >= 0; d--) {
                long l = levels.get(d).link(g);
                path[d] = ParentLinks.choice(l);
                g = ParentLinks.parent(l);
            }
            return path;
        }

        void tick() {
            if (options.progressMillis() <= 0) return;
            long now = System.nanoTime();
            if ((now - lastReport) / 1_000_000 < options.progressMillis()) return;
            lastReport = now;
            progress.report(stats());
        }

        Statistics stats() {
            long generated = initialGenerated;
            long next = 0;
            for (Worker w : workers) {
                generated += w.generated;
                EncodedFrontier out = w.out;
                if (out != null) next += out.size();
            }
            Level level = current;
            long queue = level == null ? 0 : level.size() - levelExpanded.get() + next;
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Statistics(stored.get(), generated, reached, Math.max(0, queue), seconds, seen.bytes() + linkBytes);
        }

        /** One worker's buffers, counts and findings, reused level after level. */
        private final class Worker implements Consumer<Transition<S, A>>, FingerprintSink<A> {
            final ByteSink sink = new ByteSink(1024);
            final ByteSink fingerprintSink = new ByteSink(1024);
            long[] fired = new long[Math.max(1, families.size())];
            final long[] exercised = new long[props.size()];
            final Finding[] found = new Finding[props.size() + 1];
            final Finding failed = new Finding();
            volatile long generated;
            long generatedHere;
            EncodedFrontier out;
            ParentLinks outLinks;
            /**
             * The successors gathered for the next probe: the state (when {@link #lazy}, the state it
             * comes from: the link's choice says which of its successors), its fingerprint, its link.
             */
            Object[] post = new Object[2 * BATCH];
            long[] fps = new long[2 * BATCH];
            long[] links = new long[2 * BATCH];
            int b;
            /** The batch gathered before, its slots loaded, waiting to be claimed ({@link #rotate}). */
            Object[] pendingPost = new Object[2 * BATCH];
            long[] pendingFps = new long[2 * BATCH];
            long[] pendingLinks = new long[2 * BATCH];
            int pendingSize;
            /** Where the touched slots are folded, so that the JIT keeps the loads. */
            long touchSink;
            /** The chunk this worker is in (-1: none) and its next state: a pause for growth comes between states. */
            int chunk = -1, at;
            // The state being expanded, for the consumer callback.
            S state;
            int global;
            int choice;
            int levelIndex;
            /** The level being expanded, for a model error met building a claimed successor. */
            Level expanding;
            final ActionFamilies.Lookup familyOf = families.new Lookup();

            Worker() {
                for (int p = 0; p < found.length; p++) found[p] = new Finding();
            }

            void startLevel(EncodedFrontier part) {
                out = part;
                outLinks = new ParentLinks();
                levelIndex = levels.size();
            }

            void closeOutput() {
                if (out != null) out.close();
            }

            long fingerprint(S s) {
                return LevelSearch.fingerprint(model, codec, s, fingerprintSink);
            }

            /** Expands chunks of {@code level} until none is left, a pause for growth, or a stop. */
            Void expand(Level level) {
                expanding = level;
                int expanded = 0;
                try {
                    while (!stopRequested) {
                        if (chunk < 0) {
                            if (pause) break;
                            int c = nextChunk.getAndIncrement();
                            if (c >= level.chunkPart.length) break;
                            chunk = c;
                            at = level.chunkFrom[c];
                        }
                        int part = level.chunkPart[chunk];
                        int end = Math.min(level.parts[part].size(), level.chunkFrom[chunk] + CHUNK);
                        boolean paused = false;
                        while (at < end && !stopRequested) {
                            expandOne(level, part, at++);
                            expanded++;
                            if (b >= BATCH) {
                                rotate();
                                if (pause) {
                                    probe();
                                    paused = true;
                                    break;
                                }
                            }
                        }
                        if (at >= end) chunk = -1;
                        if (paused) break;
                    }
                    probe();
                } finally {
                    generated = generatedHere;
                    levelExpanded.addAndGet(expanded);
                }
                return null;
            }

            private void expandOne(Level level, int part, int i) {
                global = level.base[part] + i;
                choice = 0;
                state = null;
                try {
                    state = codec.decode(level.parts[part].state(i));
                    if (lazy) model.successorFingerprints(state, this);
                    else model.successors(state, this);
                    if (choice == 0 && model.deadlockIsViolation() && !done[props.size()]) {
                        long fp = fingerprint(state);
                        if (found[props.size()].beats(fp, 0, 0)) found[props.size()].set(fp, 0, 0, path(levelIndex - 1, level.link(global)), null);
                    }
                } catch (RuntimeException e) {
                    fail(e, state, level, global);
                }
                if (choice > maxFanout) maxFanout = choice;
                state = null;
            }

            /** The model threw expanding (or judging a successor of) state {@code g} of {@code level}. */
            private void fail(RuntimeException e, S s, Level level, int g) {
                long key;
                try {
                    key = s == null ? Long.MAX_VALUE : fingerprint(s);
                } catch (RuntimeException again) {
                    key = Long.MAX_VALUE;
                }
                if (failed.beats(key, g, 0)) failed.set(key, g, 0, path(levelIndex - 1, level.link(g)), e);
            }

            /** Called for every transition out of {@link #state}. */
            @Override
            public void accept(Transition<S, A> t) {
                int index = choice++;
                generatedHere++;
                int f = familyOf.number(model.family(t.action()));
                if (f >= fired.length) fired = java.util.Arrays.copyOf(fired, Math.max(f + 1, 2 * fired.length));
                fired[f]++;
                if (anyStepProperty) judgeStep(t, index);
                // Step properties saw the real successor; the visited set and the frontier keep its class's representative.
                S next = model.canonical(t.next());
                gather(next, fingerprint(next), index);
            }

            /** Called for every transition out of {@link #state} when {@link #lazy}: the successor is built only if claimed. */
            @Override
            public void accept(A action, long fp) {
                int index = choice++;
                generatedHere++;
                int f = familyOf.number(model.family(action));
                if (f >= fired.length) fired = java.util.Arrays.copyOf(fired, Math.max(f + 1, 2 * fired.length));
                fired[f]++;
                gather(state, fp, index);
            }

            private void gather(Object next, long fp, int index) {
                if (b == post.length) {
                    post = java.util.Arrays.copyOf(post, 2 * b);
                    fps = java.util.Arrays.copyOf(fps, 2 * b);
                    links = java.util.Arrays.copyOf(links, 2 * b);
                }
                post[b] = next;
                fps[b] = fp;
                links[b++] = ParentLinks.link(global, index);
            }

            private void judgeStep(Transition<S, A> t, int index) {
                for (int p = 0; p < props.size(); p++) {
                    if (done[p] || !(props.get(p) instanceof Property.AlwaysStep<S, A> step)) continue;
                    Verdict v = step.check().check(state, t.action(), t.next());
                    if (v == Verdict.VACUOUS) continue;
                    exercised[p]++;
                    if (v == Verdict.VIOLATED) {
                        long post = fingerprint(model.canonical(t.next())), pre = fingerprint(state);
                        if (found[p].beats(post, pre, index))
                            found[p].set(post, pre, index, path(levelIndex, ParentLinks.link(global, index)), null);
                    }
                }
            }

            /**
             * The gathered batch is full: its slots are loaded now (the loads are independent, so
             * their cache misses overlap) and it is claimed one batch later, while the loads of the
             * batch gathered meanwhile are in flight: by then its lines are in the cache. (Claiming
             * right after loading, as ParallelPackedBfs does, waited for the slowest of the loads.)
             */
            void rotate() {
                long touched = 0;
                for (int j = 0; j < b; j++) touched += seen.touch(fps[j]);
                touchSink += touched;
                claimPending();
                Object[] p = pendingPost;
                long[] f = pendingFps, l = pendingLinks;
                pendingPost = post;
                pendingFps = fps;
                pendingLinks = links;
                pendingSize = b;
                post = p.length >= post.length ? p : java.util.Arrays.copyOf(p, post.length);
                fps = f.length >= fps.length ? f : java.util.Arrays.copyOf(f, fps.length);
                links = l.length >= links.length ? l : java.util.Arrays.copyOf(l, links.length);
                b = 0;
            }

            /** Claims every successor gathered so far (before a pause, a stop, the level's end). */
            void probe() {
                rotate();
                claimPending();
            }

            /** Claims the pending batch: only the claimer of a state packs and judges it. */
            @SuppressWarnings("unchecked")
            private void claimPending() {
                int added = 0;
                for (int j = 0; j < pendingSize; j++) {
                    if (seen.add(pendingFps[j])) {
                        added++;
                        S s = (S) pendingPost[j];
                        if (!lazy || (s = build(s, pendingLinks[j])) != null) admit(s, pendingFps[j], pendingLinks[j], levelIndex);
                    }
                    pendingPost[j] = null;
                }
                pendingSize = 0;
                generated = generatedHere; // for the progress lines
                if (added > 0 && stored.addAndGet(added) > pauseAt) pause = true;
            }

            /** The claimed successor of {@code from} that {@code link} names, canonical; null if the model threw (a failure recorded). */
            private S build(S from, long link) {
                try {
                    return model.canonical(model.successor(from, ParentLinks.choice(link)));
                } catch (RuntimeException e) {
                    fail(e, from, expanding, ParentLinks.parent(link));
                    return null;
                }
            }

            /** This worker claimed {@code s}, which joins level {@code index}: pack it, judge it. */
            void admit(S s, long fp, long link, int index) {
                try {
                    sink.reset();
                    codec.encode(s, sink);
                    out.add(sink);
                    outLinks.add(link);
                    for (int p = 0; p < props.size(); p++) {
                        if (done[p] || !(props.get(p) instanceof Property.Always<S, A> inv)) continue;
                        Verdict v = inv.check().check(s);
                        if (v == Verdict.VACUOUS) continue;
                        exercised[p]++;
                        if (v == Verdict.VIOLATED && found[p].beats(fp, 0, 0)) found[p].set(fp, 0, 0, path(index, link), null);
                    }
                } catch (RuntimeException e) {
                    // As Bfs reports it: the trace to the state whose successor broke the model (an initial state: itself).
                    int[] where = index == 0 ? new int[] {ParentLinks.choice(link)} : path(index - 1, levels.get(index - 1).link(ParentLinks.parent(link)));
                    if (failed.beats(fp, 0, 0)) failed.set(fp, 0, 0, where, e);
                }
            }
        }
    }
}
