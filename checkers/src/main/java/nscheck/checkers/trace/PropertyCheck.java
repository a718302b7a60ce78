package nscheck.checkers.trace;

import nscheck.model.Property;
import nscheck.model.Verdict;

import java.util.List;

/**
 * Judges one state or one step against a list of properties. Simulation, replay and the
 * minimizer must agree with the BFS on what a violation is, so they all ask here; the BFS keeps
 * its own loop only because it also counts how often each property was exercised.
 */
public final class PropertyCheck {
    private PropertyCheck() {}

    /** The first state invariant in {@code props} that {@code state} violates, or null. */
    public static <S, A> Property<S, A> violatedBy(List<Property<S, A>> props, S state) {
        for (Property<S, A> p : props)
            if (p instanceof Property.Always<S, A> inv && inv.check().check(state) == Verdict.VIOLATED) return p;
        return null;
    }

    /**
     * The first property the step violates: step invariants on the transition, then state
     * invariants on the state it leads to (the order the BFS reports them in). Null if none.
     */
    public static <S, A> Property<S, A> violatedBy(List<Property<S, A>> props, S pre, A action, S post) {
        for (Property<S, A> p : props)
            if (p instanceof Property.AlwaysStep<S, A> step && step.check().check(pre, action, post) == Verdict.VIOLATED) return p;
        return violatedBy(props, post);
    }
}
