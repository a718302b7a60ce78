package nscheck.checkers.engine;

import nscheck.checkers.store.EncodedFrontier;
import nscheck.checkers.trace.Trace;
import nscheck.model.Model;
import nscheck.model.Property;
import nscheck.model.Transition;
import nscheck.model.Verdict;

import java.util.function.Consumer;

/**
 * Breadth-first explicit-state search. Level by level, so the first violation of a property
 * is found on a shortest trace: a state invariant is checked when a state is first reached, a
 * step invariant on every transition (also those into states already seen). The visited set
 * holds fingerprints only; the frontier holds the states of one level; traces are rebuilt
 * from the {@link nscheck.checkers.store.TraceStore}. The loop over levels is {@link LevelSearch}'s;
 * this engine expands a level one state after another on the calling thread.
 */
public final class Bfs<S, A> implements Engine<S, A> {
    private final Model<S, A> model;
    private final CheckOptions options;
    private final Progress progress;
    private volatile boolean stopRequested;

    private final StateStorage storage;

    public Bfs(Model<S, A> model, CheckOptions options, Progress progress) {
        this(model, options, progress, StateStorage.IN_MEMORY);
    }

    public Bfs(Model<S, A> model, CheckOptions options, Progress progress, StateStorage storage) {
        this.storage = storage;
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

    private final class Search extends LevelSearch<S, A> implements Consumer<Transition<S, A>> {
        final Coverage coverage = new Coverage(model.actionFamilies());

        // The state being expanded, for the consumer callback.
        S current;
        int choice;
        final nscheck.checkers.store.ByteSink scratch = new nscheck.checkers.store.ByteSink(1024);

        Search() {
            super(Bfs.this.model, Bfs.this.options, Bfs.this.progress, storage);
        }

        @Override
        void initial(int index, S s) {
            if (!admit(fingerprint(s, scratch))) return;
            currentId = store.add(-1, index); // a property that throws on it reports this state's trace
            enqueue(s, currentId);
        }

        @Override
        Ending expandLevel(EncodedFrontier level, int[] ids, int levelSize) {
            for (int i = 0; i < levelSize && !found.stop; i++) {
                current = state(level, i);
                currentId = ids[i];
                choice = 0;
                model.successors(current, this);
                if (choice == 0) noSuccessor();
                levelExpanded = i + 1;
                if ((i & 1023) == 0) tick();
                if (stopRequested) return Ending.INTERRUPTED;
            }
            return null;
        }

        @Override
        java.util.Map<String, Long> fired() {
            return coverage.counts();
        }

        @Override
        void restoreFired(java.util.Map<String, Long> counts) {
            counts.forEach(coverage::add);
        }

        @Override
        void stop() {
            stopRequested = true;
        }

        @Override
        Coverage coverage() {
            return coverage;
        }

        @Override
        CheckResult.ModelFailure<S, A> failure(RuntimeException e) {
            return new CheckResult.ModelFailure<>(e, Trace.replay(model, store.path(currentId)));
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
                if (v == Verdict.VIOLATED) stepFailed(p, index);
            }
            // Step invariants saw the real successor of the stored state; the visited set and the frontier keep its class's representative.
            S next = model.canonical(t.next());
            if (admit(fingerprint(next, scratch))) enqueue(next, store.add(currentId, index));
        }

        private void enqueue(S s, int id) {
            for (int p = 0; p < props.size() && !found.stop; p++) {
                if (done[p] || !(props.get(p) instanceof Property.Always<S, A> inv)) continue;
                Verdict v = inv.check().check(s);
                if (v == Verdict.VACUOUS) continue;
                exercised[p]++;
                if (v == Verdict.VIOLATED) found.fail(p, store.path(id));
            }
            push(s, id);
        }
    }
}
