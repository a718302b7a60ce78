package nscheck.checkers.engine;

import nscheck.checkers.trace.Trace;
import nscheck.checkers.trace.Violation;
import nscheck.model.Model;
import nscheck.model.Property;

import java.util.ArrayList;
import java.util.List;

/**
 * What a breadth-first search has found so far: how often each property was exercised, the
 * violations in the order they were met, and whether the search should stop. The sequential and
 * the parallel engine share it, so they agree on when a search ends (first violation, or with
 * {@code --continue} once every property and the deadlock check have a counterexample).
 */
final class Findings<S, A> {
    final List<Property<S, A>> props;
    final long[] exercised;
    /** Properties that already have their shortest counterexample and need no more verdicts. */
    final boolean[] done;
    final List<Violation<S, A>> violations = new ArrayList<>();
    boolean stop;

    private final Model<S, A> model;
    private final boolean continueAfterViolation;

    Findings(Model<S, A> model, CheckOptions options) {
        this.model = model;
        this.props = model.properties();
        this.exercised = new long[props.size()];
        this.done = new boolean[props.size()];
        this.continueAfterViolation = options.continueAfterViolation();
    }

    /** Property {@code p} is violated by the state (or step) at the end of {@code path}. */
    void fail(int p, int[] path) {
        done[p] = true;
        violate(props.get(p).name(), props.get(p).statement(), path);
    }

    void violate(String name, String statement, int[] path) {
        violations.add(new Violation<>(name, statement, Trace.replay(model, path)));
        if (!continueAfterViolation || allDone()) stop = true;
    }

    private boolean allDone() {
        for (boolean d : done) if (!d) return false;
        return !model.deadlockIsViolation() || violations.stream().anyMatch(v -> v.property().equals(Violation.DEADLOCK));
    }
}
