package nscheck.checkers.engine;

import nscheck.checkers.store.ByteSink;
import nscheck.checkers.store.EncodedFrontier;
import nscheck.checkers.store.VisitedSet;
import nscheck.checkers.trace.Trace;
import nscheck.model.Model;
import nscheck.model.Property;
import nscheck.model.Transition;
import nscheck.model.Verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;

/**
 * {@link Bfs} on every core, for models whose states are objects (the kernel models): the
 * expensive part of a step (the spec computing the successor, its fingerprint, the property
 * checks) runs on worker threads, chunk by chunk of a level, while one thread merges the chunks'
 * results in chunk order into the visited set, the trace store and the next level.
 *
 * <p>The merge replays, transition by transition, exactly what the sequential {@link Bfs} does
 * (count, step properties, add, state properties, stop), using verdicts the workers computed in
 * advance; so the result is not merely deterministic but identical to {@link Bfs}'s: same
 * distinct and generated counts, same ids, same shortest traces, same first violation. Workers
 * drop successors already in the visited set ({@link VisitedSet#probablyContains}),
 * so the merge sees only the few that may be new. The levels, the visited set, the trace store and
 * the statistics are {@link LevelSearch}'s, the same code as {@link Bfs}'s.
 */
public final class ParallelBfs<S, A> implements Engine<S, A> {
    /** States per unit of work: large enough to amortize the hand-over, small enough to keep both cores busy to the end of a level. */
    static final int CHUNK = 256;
    /** Verdicts are packed two bits a property (exercised, violated) into one long. */
    static final int MAX_PROPERTIES = 32;
    /** A level this large measures what claiming costs well enough to choose by ({@link Discovery#AUTO}). */
    static final int MEASURED_LEVEL = 4096;

    /**
     * Who packs and judges a state several transitions of a level reach: the worker that claims it
     * in the level's shared {@link LevelDiscoveries} (once a level, for a lock and a probe or three
     * per candidate), or every chunk that reaches it (once a chunk, no shared table). The first pays
     * where packing is dear (the kernel models: a task's digests, component interning), the second
     * where it is cheap (the futex benchmark's arrays). {@link #AUTO} picks per level from what the
     * previous levels measured; results are the same either way (the merge is the same).
     */
    enum Discovery { SHARED, CHUNK, AUTO }

    /** {@code -Dnscheck.discovery=shared|chunk} fixes the choice, to measure one against the other. */
    private Discovery discovery = Discovery.valueOf(System.getProperty("nscheck.discovery", "auto").toUpperCase(java.util.Locale.ROOT));

    private final Model<S, A> model;
    private final CheckOptions options;
    private final Progress progress;
    private final int threads;
    private volatile boolean stopRequested;

    private final StateStorage storage;

    public ParallelBfs(Model<S, A> model, CheckOptions options, Progress progress, int threads) {
        this(model, options, progress, threads, StateStorage.IN_MEMORY);
    }

    public ParallelBfs(Model<S, A> model, CheckOptions options, Progress progress, int threads, StateStorage storage) {
        this.storage = storage;
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
        if (model.properties().size() > MAX_PROPERTIES)
            throw new IllegalArgumentException("the parallel engine handles at most " + MAX_PROPERTIES + " properties");
        this.model = model;
        this.options = options;
        this.progress = progress;
        this.threads = threads;
    }

    /** Whether this engine can run {@code model} (else use {@link Bfs}). */
    public static boolean supports(Model<?, ?> model) {
        return model.properties().size() <= MAX_PROPERTIES;
    }

    @Override public String name() { return "bfs"; }

    /** Fixes who packs discoveries (tests run both ways); {@link Discovery#AUTO} by default. */
    ParallelBfs<S, A> discovery(Discovery d) {
        this.discovery = d;
        return this;
    }

    @Override public void requestStop() { stopRequested = true; }

    @Override
    public CheckResult<S, A> run() {
        try (WorkerPool pool = new WorkerPool(threads)) {
            return new Search(pool).run();
        }
    }

    /** What a worker found expanding one chunk of a level, in the order the sequential search meets it. */
    private static final class ChunkResult<S> {
        /** Transitions of each state of the chunk (of the failing state: those before the failure). */
        final int[] transitions;
        /** Per transition: its family index, its step verdicts, and its candidate (index, or -1 if surely seen). */
        int[] family;
        long[] stepBits;
        int[] candidate;
        int n;
        /** Per transition while the worker expands the chunk: the successor and its fingerprint (then dropped). */
        Object[] post;
        long[] postFingerprint;
        /** Fingerprints of the successors that may be new (their states are in {@link LevelDiscoveries}). */
        long[] fingerprint = new long[256];
        int candidates;
        /** Whether this chunk packed its own candidates ({@link Discovery#CHUNK}) instead of claiming them in {@link LevelDiscoveries}. */
        final boolean chunkPacked;
        /** {@link Discovery#CHUNK}: candidate {@code c}'s bytes are {@code packed[packedAt[c], + packedLength[c])}, its verdicts {@code packedBits[c]}. */
        byte[] packed;
        int packedUsed;
        int[] packedAt;
        int[] packedLength;
        long[] packedBits;
        /** {@link Discovery#CHUNK}: by candidate, what judging or packing it threw (see {@link Judged}). */
        java.util.Map<Integer, RuntimeException[]> packedErrors;
        /** By transition, what its step properties threw (see {@link Judged}); null while none did. */
        java.util.Map<Integer, RuntimeException[]> stepErrors;
        /** Set when the model threw expanding state {@code failedAt} of the chunk. */
        RuntimeException error;
        int failedAt = -1;
        /** States of the chunk expanded (fewer than its length if a stop was requested). */
        int expanded;

        /** Room for {@code expected} transitions (a chunk's share of the level so far), so that the arrays are rarely copied. */
        ChunkResult(int states, int expected, boolean chunkPacked) {
            this.chunkPacked = chunkPacked;
            transitions = new int[states];
            family = new int[expected];
            stepBits = new long[expected];
            candidate = new int[expected];
            post = new Object[expected];
            postFingerprint = new long[expected];
        }

        void transition(int fam, long bits, Object next, long fp) {
            if (n == family.length) {
                family = Arrays.copyOf(family, n * 2);
                stepBits = Arrays.copyOf(stepBits, n * 2);
                candidate = Arrays.copyOf(candidate, n * 2);
                post = Arrays.copyOf(post, n * 2);
                postFingerprint = Arrays.copyOf(postFingerprint, n * 2);
            }
            family[n] = fam;
            stepBits[n] = bits;
            post[n] = next;
            postFingerprint[n++] = fp;
        }

        int candidate(long fp) {
            if (candidates == fingerprint.length) fingerprint = Arrays.copyOf(fingerprint, candidates * 2);
            fingerprint[candidates] = fp;
            return candidates++;
        }

        /** Candidate {@code c}'s packed bytes (from {@code sink}) and verdicts, for the merge. */
        void pack(int c, ByteSink sink, long bits) {
            if (packedAt == null || packedAt.length < fingerprint.length) {
                packedAt = packedAt == null ? new int[fingerprint.length] : Arrays.copyOf(packedAt, fingerprint.length);
                packedLength = packedLength == null ? new int[fingerprint.length] : Arrays.copyOf(packedLength, fingerprint.length);
                packedBits = packedBits == null ? new long[fingerprint.length] : Arrays.copyOf(packedBits, fingerprint.length);
            }
            if (packed == null) packed = new byte[Math.max(1024, 32 * fingerprint.length)];
            if (packedUsed + sink.size() > packed.length) packed = Arrays.copyOf(packed, Math.max(packed.length * 2, packedUsed + sink.size()));
            sink.copyTo(packed, packedUsed);
            packedAt[c] = packedUsed;
            packedLength[c] = sink.size();
            packedUsed += sink.size();
            packedBits[c] = bits;
        }
    }

    private final class Search extends LevelSearch<S, A> {
        final WorkerPool pool;
        final ActionFamilies families = new ActionFamilies(model.actionFamilies());
        long[] fired = new long[families.size()];
        final boolean anyStepProperty = props.stream().anyMatch(p -> p instanceof Property.AlwaysStep);
        final ByteSink initialSink = new ByteSink(1024);
        /** The states the level being expanded reaches first; see {@link LevelDiscoveries} (cleared, not replaced, at each level). */
        final LevelDiscoveries discoveries = new LevelDiscoveries();
        /** The merge's view of one entry of {@link #discoveries}. */
        final LevelDiscoveries.Entry entry = new LevelDiscoveries.Entry();
        /** Room a chunk's result starts with: the most a chunk has needed, rounded up to a power of two. */
        volatile int transitionsPerChunk = 1024;
        /** Where the slot loads of {@link VisitedSet#touch} end up, so that they are not optimized away. */
        volatile long touchedSink;
        /** What this level cost each way of discovering ({@link Discovery}), in nanoseconds and states, for the next level's choice. */
        final java.util.concurrent.atomic.LongAdder claimNanos = new java.util.concurrent.atomic.LongAdder(),
                packNanos = new java.util.concurrent.atomic.LongAdder(), candidates = new java.util.concurrent.atomic.LongAdder(),
                packs = new java.util.concurrent.atomic.LongAdder();
        /** Whether the level being expanded measures the costs ({@link #chunkPacksThisLevel}). */
        boolean measuring;
        /** {@link Discovery#AUTO}'s choice once measured: whether chunks pack. */
        Boolean chosen;

        Search(WorkerPool pool) {
            super(ParallelBfs.this.model, ParallelBfs.this.options, ParallelBfs.this.progress, storage);
            this.pool = pool;
        }

        @Override
        void initial(int index, S s) {
            try {
                if (!admit(fingerprint(s, initialSink))) return;
            } catch (RuntimeException e) {
                throw new ModelFailed(e, new int[] {index});
            }
            long bits;
            RuntimeException[] errors = null;
            try {
                bits = stateVerdicts(s);
            } catch (Judged judged) {
                bits = judged.bits;
                errors = judged.errors;
            }
            currentId = store.add(-1, index); // a property that throws on it reports this state's trace, as in Bfs
            judge(currentId, bits, errors);
            push(s, currentId);
        }

        @Override
        java.util.Map<String, Long> fired() {
            return coverage().counts();
        }

        @Override
        void restoreFired(java.util.Map<String, Long> counts) {
            counts.forEach((name, n) -> {
                int f = families.number(name);
                if (fired.length < families.size()) fired = Arrays.copyOf(fired, families.size() + 8);
                fired[f] += n;
            });
        }

        @Override
        void stop() {
            stopRequested = true;
        }

        @Override
        Coverage coverage() {
            Coverage coverage = new Coverage(model.actionFamilies());
            for (int f = 0; f < families.size(); f++) coverage.add(families.name(f), fired[f]);
            return coverage;
        }

        @Override
        CheckResult.ModelFailure<S, A> failure(RuntimeException e) {
            if (!(e instanceof ModelFailed f)) throw e;
            return new CheckResult.ModelFailure<>(f.error, Trace.replay(model, f.path));
        }

        /** Hands the level to the workers chunk by chunk and merges their results in order; null to go on. */
        @Override
        Ending expandLevel(EncodedFrontier level, int[] ids, int levelSize) {
            boolean chunkPacked = chunkPacksThisLevel(levelSize);
            if (!chunkPacked) discoveries.clear();
            claimNanos.reset();
            packNanos.reset();
            candidates.reset();
            packs.reset();
            List<Future<ChunkResult<S>>> chunks = new ArrayList<>();
            for (int from = 0; from < levelSize; from += CHUNK) {
                int lo = from, hi = Math.min(levelSize, from + CHUNK);
                chunks.add(pool.submit(() -> expand(level, lo, hi, chunkPacked)));
            }
            try {
                for (int c = 0; c < chunks.size(); c++) {
                    ChunkResult<S> r = WorkerPool.await(chunks.get(c), options.progressMillis(), this::tick,
                            () -> stopRequested = true);
                    chunks.set(c, null);
                    Ending ending = merge(r, ids, c * CHUNK, levelSize);
                    if (ending != null) return ending;
                    if (found.stop) return null;
                }
            } finally {
                for (Future<ChunkResult<S>> f : chunks) if (f != null) f.cancel(false);
            }
            return null;
        }

        /**
         * Worker side: expand states [lo, hi) of the level, computing everything that does not depend on order.
         * In two passes: first every successor and its fingerprint, then the visited set is asked about
         * them all, after one sweep that only loads their slots ({@link VisitedSet#touch}): a probe is a
         * cache miss in a table of hundreds of MiB, and the sweep's loads, being independent, overlap.
         */
        /**
         * Whether this level's chunks pack their own candidates. Shared until the first level of at
         * least {@link #MEASURED_LEVEL} states, which is shared too and measures both costs: what
         * its claims cost, and what chunk packing would have wasted (its candidates that were
         * claimed already, each packed once more at the cost of a packing). The cheaper is then
         * kept for the rest of the search (re-measured, a level's figures swing with the load).
         */
        private boolean chunkPacksThisLevel(int levelSize) {
            if (discovery != Discovery.AUTO) return discovery == Discovery.CHUNK;
            if (chosen != null) return chosen;
            if (measuring) {
                long packed = packs.sum(), claimed = candidates.sum();
                double packOne = (double) packNanos.sum() / Math.max(1, packed);
                chosen = (claimed - packed) * packOne < claimNanos.sum();
                return chosen;
            }
            measuring = levelSize >= MEASURED_LEVEL;
            return false;
        }

        private ChunkResult<S> expand(EncodedFrontier level, int lo, int hi, boolean chunkPacked) {
            ChunkResult<S> r = new ChunkResult<>(hi - lo, transitionsPerChunk, chunkPacked);
            ByteSink sink = new ByteSink(1024);
            ActionFamilies.Lookup familyOf = families.new Lookup();
            boolean[] doneNow = done.clone(); // properties already violated need no more verdicts
            for (int i = lo; i < hi; i++) {
                if (stopRequested) break;
                r.expanded++;
                final int k = i - lo;
                try {
                    S s = state(level, i);
                    model.successors(s, t -> {
                        long step = anyStepProperty ? stepVerdicts(s, t, doneNow, r) : 0;
                        S post = model.canonical(t.next()); // the class's representative (Model#canonical); step verdicts saw t.next()
                        r.transition(familyOf.number(model.family(t.action())), step, post, fingerprint(post, sink));
                        r.transitions[k]++;
                    });
                } catch (RuntimeException e) {
                    r.error = e;
                    r.failedAt = k;
                    break;
                }
            }
            int[] maybeNew = new int[r.n];
            long touched = 0;
            int m = unseen(r, maybeNew);
            if (chunkPacked) {
                long start = System.nanoTime();
                packCandidates(r, maybeNew, m, sink);
                packNanos.add(System.nanoTime() - start);
                sink(touched);
                r.post = null;
                r.postFingerprint = null;
                if (r.n > transitionsPerChunk) transitionsPerChunk = Math.min(1 << 20, Integer.highestOneBit(r.n) << 1);
                return r;
            }
            long start = System.nanoTime(), packing = 0;
            int claims = 0;
            for (int j = 0; j < m; j++) touched += discoveries.touch(r.postFingerprint[maybeNew[j]]);
            sink(touched);
            for (int j = 0; j < m; j++) {
                int t = maybeNew[j];
                long fp = r.postFingerprint[t];
                r.candidate[t] = r.candidate(fp);
                if (discoveries.claim(fp)) {
                    @SuppressWarnings("unchecked") S post = (S) r.post[t];
                    long packStart = System.nanoTime();
                    discover(fp, post, sink);
                    packing += System.nanoTime() - packStart;
                    claims++;
                }
            }
            claimNanos.add(System.nanoTime() - start - packing);
            packNanos.add(packing);
            packs.add(claims);
            candidates.add(m);
            r.post = null;
            r.postFingerprint = null;
            if (r.n > transitionsPerChunk) transitionsPerChunk = Math.min(1 << 20, Integer.highestOneBit(r.n) << 1);
            return r;
        }

        /**
         * The chunk's transitions whose successor may be new, into {@code maybeNew}; how many. A
         * method of its own so that the JIT inlines the visited set's probes here (in
         * {@link #expand}, past its inlining budget, each probe was a call through the VarHandle's
         * checks: a fifth of the futex benchmark's time).
         */
        private int unseen(ChunkResult<S> r, int[] maybeNew) {
            long touched = 0;
            for (int t = 0; t < r.n; t++) touched += seen.touch(r.postFingerprint[t]);
            sink(touched);
            int m = 0;
            for (int t = 0; t < r.n; t++) {
                r.candidate[t] = -1;
                if (!seen.probablyContains(r.postFingerprint[t])) maybeNew[m++] = t;
            }
            return m;
        }

        /**
         * Packs and judges each distinct candidate of the chunk here, once per chunk (a state
         * several transitions of the chunk reach is one candidate), with no table shared with the
         * other workers: a state two chunks reach is packed twice, which costs less than
         * {@link LevelDiscoveries}'s locks when packing a state is cheap.
         */
        private void packCandidates(ChunkResult<S> r, int[] maybeNew, int m, ByteSink sink) {
            int cap = Integer.highestOneBit(Math.max(16, 2 * m)) << 1, mask = cap - 1;
            long[] keys = new long[cap];
            int[] index = new int[cap];
            for (int j = 0; j < m; j++) {
                int t = maybeNew[j];
                long fp = r.postFingerprint[t];
                int i = (int) (fp * 0x9E3779B97F4A7C15L >>> 40) & mask;
                while (index[i] != 0 && keys[i] != fp) i = (i + 1) & mask;
                if (index[i] != 0) {
                    r.candidate[t] = index[i] - 1;
                    continue;
                }
                int c = r.candidate(fp);
                keys[i] = fp;
                index[i] = c + 1;
                r.candidate[t] = c;
                @SuppressWarnings("unchecked") S post = (S) r.post[t];
                long bits;
                RuntimeException[] errors = null;
                try {
                    bits = stateVerdicts(post);
                } catch (Judged judged) {
                    bits = judged.bits;
                    errors = judged.errors;
                }
                sink.reset();
                try {
                    codec.encode(post, sink);
                } catch (RuntimeException e) {
                    errors = Judged.packingFailed(errors, props.size(), e);
                    sink.reset();
                }
                if (errors != null) {
                    if (r.packedErrors == null) r.packedErrors = new java.util.HashMap<>();
                    r.packedErrors.put(c, errors);
                }
                r.pack(c, sink, bits);
            }
            packs.add(r.candidates);
        }

        /**
         * This worker reached {@code post} first: pack and judge it for the merge (an error judging
         * or packing it is the merge's to report, as Bfs would meet it only if the state is new, and
         * only if no property judged before it ended the search; see {@link Judged}).
         */
        private void discover(long fp, S post, ByteSink sink) {
            long bits;
            RuntimeException[] errors = null;
            try {
                bits = stateVerdicts(post);
            } catch (Judged judged) {
                bits = judged.bits;
                errors = judged.errors;
            }
            try {
                sink.reset();
                codec.encode(post, sink);
            } catch (RuntimeException e) {
                discoveries.fail(fp, bits, Judged.packingFailed(errors, props.size(), e));
                return;
            }
            discoveries.fill(fp, sink, bits, errors);
        }

        private void sink(long touched) {
            if (touched == 42) touchedSink = touched;
        }

        /** The step properties' verdicts on the transition {@code r} is about to record; what they throw goes to {@code r.stepErrors}. */
        private long stepVerdicts(S pre, Transition<S, A> t, boolean[] skip, ChunkResult<S> r) {
            long bits = 0;
            RuntimeException[] errors = null;
            for (int p = 0; p < props.size(); p++) {
                if (skip[p] || !(props.get(p) instanceof Property.AlwaysStep<S, A> step)) continue;
                try {
                    bits |= encode(p, step.check().check(pre, t.action(), t.next()));
                } catch (RuntimeException e) {
                    if (errors == null) errors = new RuntimeException[props.size() + 1];
                    errors[p] = e;
                }
            }
            if (errors != null) {
                if (r.stepErrors == null) r.stepErrors = new java.util.HashMap<>();
                r.stepErrors.put(r.n, errors);
            }
            return bits;
        }

        /** Every state property's verdict on {@code s}; if any threw, {@link Judged} with the others' verdicts. */
        private long stateVerdicts(S s) {
            long bits = 0;
            RuntimeException[] errors = null;
            for (int p = 0; p < props.size(); p++) {
                if (!(props.get(p) instanceof Property.Always<S, A> inv)) continue;
                try {
                    bits |= encode(p, inv.check().check(s));
                } catch (RuntimeException e) {
                    if (errors == null) errors = new RuntimeException[props.size() + 1];
                    errors[p] = e;
                }
            }
            if (errors != null) throw new Judged(bits, errors);
            return bits;
        }

        private static long encode(int p, Verdict v) {
            return v == Verdict.VACUOUS ? 0 : (v == Verdict.VIOLATED ? 3L : 1L) << (2 * p);
        }

        /** Merge side: what Bfs does for these states, in its order, from the workers' verdicts; null to go on. */
        @SuppressWarnings("unchecked")
        private Ending merge(ChunkResult<S> r, int[] ids, int offset, int levelSize) {
            if (fired.length < families.size()) fired = Arrays.copyOf(fired, families.size() + 8);
            long touched = 0; // the candidates' slots, loaded together before they are added one by one
            for (int c = 0; c < r.candidates; c++) touched += seen.touch(r.fingerprint[c]) + (r.chunkPacked ? 0 : discoveries.touch(r.fingerprint[c]));
            sink(touched);
            int t = 0;
            int states = r.expanded;
            for (int k = 0; k < states && !found.stop; k++) {
                int i = offset + k;
                currentId = ids[i];
                int choice = 0;
                for (int j = 0; j < r.transitions[k]; j++, t++) {
                    if (found.stop) continue;
                    int index = choice++;
                    generated++;
                    fired[r.family[t]]++;
                    long step = r.stepBits[t];
                    RuntimeException[] stepErrors = r.stepErrors == null ? null : r.stepErrors.get(t);
                    if (step != 0 || stepErrors != null) {
                        for (int p = 0; p < props.size(); p++) {
                            if (done[p]) continue;
                            if (stepErrors != null && stepErrors[p] != null) throw new ModelFailed(stepErrors[p], store.path(currentId));
                            long v = step >>> (2 * p) & 3;
                            if (v == 0) continue;
                            exercised[p]++;
                            if (v == 3) stepFailed(p, index);
                        }
                    }
                    int c = r.candidate[t];
                    if (r.chunkPacked) {
                        if (c >= 0 && admit(r.fingerprint[c])) {
                            int id = store.add(currentId, index);
                            judge(id, r.packedBits[c], r.packedErrors == null ? null : r.packedErrors.get(c));
                            pushEncoded(r.packed, r.packedAt[c], r.packedLength[c], id);
                        }
                    } else if (c >= 0 && admit(r.fingerprint[c])) {
                        LevelDiscoveries.Entry f = entry;
                        discoveries.take(r.fingerprint[c], f);
                        int id = store.add(currentId, index);
                        judge(id, f.stateBits, f.errors);
                        pushEncoded(f.block, f.offset, f.length, id);
                    }
                }
                if (k == r.failedAt) throw new ModelFailed(r.error, store.path(currentId));
                if (choice == 0) noSuccessor();
                levelExpanded = i + 1;
                if ((i & 1023) == 0) tick();
                if (stopRequested) return Ending.INTERRUPTED;
            }
            if (stopRequested || r.expanded < r.transitions.length) return Ending.INTERRUPTED;
            return null;
        }

        /**
         * What Bfs does with a new state: its properties in order (an error is met where Bfs would
         * call the property that threw), then it is packed ({@code errors[props.size()]}: that threw).
         */
        private void judge(int id, long bits, RuntimeException[] errors) {
            for (int p = 0; p < props.size() && !found.stop; p++) {
                if (done[p]) continue;
                if (errors != null && errors[p] != null) throw new ModelFailed(errors[p], store.path(currentId));
                long v = bits >>> (2 * p) & 3;
                if (v == 0) continue;
                exercised[p]++;
                if (v == 3) found.fail(p, store.path(id));
            }
            if (errors != null && errors[props.size()] != null) throw new ModelFailed(errors[props.size()], store.path(currentId));
        }
    }

    /**
     * Some properties threw judging a state: the others' verdicts, and by property what it threw
     * (one slot more, for packing the state). A worker judges every property, since whether Bfs
     * would call one is known only at the merge (not if it is already violated, or an earlier one
     * ended the search); the merge counts what Bfs counts and throws where Bfs would.
     */
    private static final class Judged extends RuntimeException {
        final long bits;
        final RuntimeException[] errors;

        Judged(long bits, RuntimeException[] errors) {
            super(null, null, false, false);
            this.bits = bits;
            this.errors = errors;
        }

        /** {@code errors} (null if judging threw nothing) with packing's error {@code e} in the last slot. */
        static RuntimeException[] packingFailed(RuntimeException[] errors, int properties, RuntimeException e) {
            RuntimeException[] out = errors != null ? errors : new RuntimeException[properties + 1];
            out[properties] = e;
            return out;
        }
    }

    /** The model threw expanding (or checking) the state {@code path} leads to. */
    private static final class ModelFailed extends RuntimeException {
        final RuntimeException error;
        final int[] path;

        ModelFailed(RuntimeException error, int[] path) {
            super(error.getMessage(), error, false, false);
            this.error = error;
            this.path = path;
        }
    }
}
