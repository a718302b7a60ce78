package nscheck.checkers.engine;

import nscheck.checkers.store.FingerprintSet;
import nscheck.checkers.store.TraceStore;
import nscheck.checkers.trace.Trace;
import nscheck.checkers.trace.Violation;
import nscheck.model.Model;
import nscheck.model.Property;
import nscheck.model.Transition;
import nscheck.model.Verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Breadth-first explicit-state search. Level by level, so the first violation of a property
 * is found on a shortest trace: a state invariant is checked when a state is first reached, a
 * step invariant on every transition (also those into states already seen). The visited set
 * holds fingerprints only; the frontier holds the states of one level; traces are rebuilt
 * from the {@link TraceStore}.
 */
public final class Bfs<S, A> implements Engine<S, A> {
    private final Model<S, A> model;
    private final CheckOptions options;
    private final Progress progress;
    private volatile boolean stopRequested;

    public Bfs(Model<S, A> model, CheckOptions options, Progress progress) {
        this.model = model;
        this.options = options;
        this.progress = progress;
    }

    @Override
    public String name() {
        return "bfs";
    }

    /** Asks a running search to stop at the next state and report what it has (e.g. on Ctrl-C). */
    @Override
    public void requestStop() {
        stopRequested = true;
    }

    @Override
    public CheckResult<S, A> run() {
        return new Search().run();
    }

    private final class Search implements Consumer<Transition<S, A>> {
        final Findings<S, A> found = new Findings<>(model, options);
        final List<Property<S, A>> props = found.props;
        final long[] exercised = found.exercised;
        final boolean[] done = found.done;
        final List<Violation<S, A>> violations = found.violations;
        final Coverage coverage = new Coverage(model.actionFamilies());
        final FingerprintSet seen = new FingerprintSet(1 << 16);
        final TraceStore store = new TraceStore();
        final int maxDepth = options.maxDepth() >= 0 ? options.maxDepth() : model.maxDepth() > 0 ? model.maxDepth() : Integer.MAX_VALUE;
        final long start = System.nanoTime();
        long lastReport = start;
        long generated;
        int depth;
        int reached;

        List<S> next = new ArrayList<>();
        int[] nextIds = new int[1024];
        int nextSize;

        // The state being expanded, for the consumer callback.
        S current;
        int currentId;
        int choice;

        CheckResult<S, A> run() {
            Ending ending;
            CheckResult.ModelFailure<S, A> failure = null;
            try {
                ending = search();
            } catch (OutOfMemoryError e) {
                next = null;
                ending = Ending.OUT_OF_MEMORY;
            } catch (RuntimeException e) {
                // Keep what was found; the path to the state that broke the model is itself a finding.
                ending = Ending.MODEL_ERROR;
                failure = new CheckResult.ModelFailure<>(e, Trace.replay(model, store.path(currentId)));
            }
            return new CheckResult<>(model, ending, stats(next == null ? 0 : nextSize), List.copyOf(violations), coverage,
                    exercised, failure);
        }

        private Ending search() {
            List<S> initial = model.initialStates();
            for (int i = 0; i < initial.size() && !found.stop; i++) {
                S s = initial.get(i);
                generated++;
                if (seen.add(model.fingerprint(s))) enqueue(s, store.add(-1, i));
            }
            while (nextSize > 0 && !found.stop) {
                if (depth >= maxDepth) return Ending.DEPTH_BOUND;
                List<S> level = next;
                int[] ids = nextIds;
                int levelSize = nextSize;
                next = new ArrayList<>();
                nextIds = new int[Math.max(1024, levelSize)];
                nextSize = 0;
                depth++;
                for (int i = 0; i < levelSize && !found.stop; i++) {
                    current = level.get(i);
                    level.set(i, null);
                    currentId = ids[i];
                    choice = 0;
                    model.successors(current, this);
                    if (choice == 0 && model.deadlockIsViolation() && !found.stop)
                        found.violate(Violation.DEADLOCK, "every reachable state has a successor", store.path(currentId));
                    if ((i & 1023) == 0) tick(levelSize - i + nextSize);
                    if (stopRequested) return Ending.INTERRUPTED;
                }
            }
            if (found.stop) return Ending.VIOLATION;
            return Ending.EXHAUSTED;
        }

        /** Called for every transition out of {@link #current}. */
        @Override
        public void accept(Transition<S, A> t) {
            if (found.stop) return;
            int index = choice++;
            generated++;
            coverage.count(model.family(t.action()));
            for (int p = 0; p < props.size(); p++) {
                if (done[p] || !(props.get(p) instanceof Property.AlwaysStep<S, A> step)) continue;
                Verdict v = step.check().check(current, t.action(), t.next());
                if (v == Verdict.VACUOUS) continue;
                exercised[p]++;
                if (v == Verdict.VIOLATED) {
                    int[] path = store.path(currentId);
                    int[] withStep = Arrays.copyOf(path, path.length + 1);
                    withStep[path.length] = index;
                    found.fail(p, withStep);
                }
            }
            if (seen.add(model.fingerprint(t.next()))) enqueue(t.next(), store.add(currentId, index));
        }

        private void enqueue(S s, int id) {
            for (int p = 0; p < props.size() && !found.stop; p++) {
                if (done[p] || !(props.get(p) instanceof Property.Always<S, A> inv)) continue;
                Verdict v = inv.check().check(s);
                if (v == Verdict.VACUOUS) continue;
                exercised[p]++;
                if (v == Verdict.VIOLATED) found.fail(p, store.path(id));
            }
            reached = Math.max(reached, depth);
            if (nextSize == nextIds.length) nextIds = Arrays.copyOf(nextIds, nextSize * 2);
            next.add(s);
            nextIds[nextSize++] = id;
        }

        private void tick(long queue) {
            if (options.progressMillis() <= 0) return;
            long now = System.nanoTime();
            if ((now - lastReport) / 1_000_000 >= options.progressMillis()) {
                lastReport = now;
                progress.report(stats(queue));
            }
        }

        private Statistics stats(long queue) {
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Statistics(seen.size(), generated, reached, queue, seconds, seen.bytes() + store.bytes());
        }
    }
}
