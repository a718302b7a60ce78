package nscheck.model;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A transition system: the one seam between the spec and the checkers. A checker sees only
 * this interface. {@link #successors} must be deterministic (same state, same transitions in the
 * same order): traces are stored as the index of each transition and rebuilt by replaying.
 *
 * @param <S> states: immutable values
 * @param <A> transition labels: what happened in a step (who did what and what they saw)
 */
public interface Model<S, A> {
    String name();

    String description();

    /** The semantics variant the model runs under, by name. */
    String variant();

    /** The bounds the model was built with, for reports and counterexample files. */
    Map<String, Integer> bounds();

    List<S> initialStates();

    void successors(S state, Consumer<Transition<S, A>> out);

    List<Property<S, A>> properties();

    /** A 64-bit fingerprint; equal states must have equal fingerprints. */
    long fingerprint(S state);

    // ---- successors fingerprinted before they are built ----------------------------------------

    /**
     * Whether {@link #successorFingerprints} computes the successors' fingerprints without building
     * the successors (the model overrides it): then a search may build only the successors its
     * visited set does not yet hold ({@link #successor}), which on a typical state space is about
     * one in five. False by default: the default {@code successorFingerprints} builds every one.
     */
    default boolean fingerprintsBeforeBuilding() {
        return false;
    }

    /**
     * Each transition out of {@code state}, in {@link #successors}' order: its action and the
     * fingerprint of its successor's class representative, {@code fingerprint(canonical(next))}.
     * An override must agree with that exactly (equal fingerprints, same order, same actions).
     */
    default void successorFingerprints(S state, FingerprintSink<A> out) {
        successors(state, t -> out.accept(t.action(), fingerprint(canonical(t.next()))));
    }

    /** The successor of transition {@code index} out of {@code state} ({@link #successors}' order; not canonicalised). */
    default S successor(S state, int index) {
        Object[] found = new Object[1];
        int[] at = {0};
        successors(state, t -> {
            if (at[0]++ == index) found[0] = t.next();
        });
        if (at[0] <= index) throw new IndexOutOfBoundsException("state has " + at[0] + " transitions, not " + (index + 1));
        @SuppressWarnings("unchecked")
        S s = (S) found[0];
        return s;
    }

    /** Longest trace to explore (the "steps" bound); 0 means until the state space is exhausted. */
    int maxDepth();

    /** Whether a reachable state without successors is an error (a deadlock) rather than an end. */
    default boolean deadlockIsViolation() {
        return false;
    }

    /** Every kind of action the model can take, for coverage: which fired and which never did. */
    List<String> actionFamilies();

    String family(A action);

    /** One step of a trace, in the words of the domain: actor, call, arguments, observation. */
    TraceStep describe(S pre, A action, S post);

    String describeState(S state);

    // ---- symmetry reduction ----------------------------------------------------------------

    /**
     * A representative of {@code state}'s class under the model's symmetry: the state renamed by
     * some automorphism of the model (a renaming of labels that maps every transition, observation
     * and verdict to its renamed self), so that a search may store the representative instead of the
     * state. The identity when the model reduces by no symmetry.
     */
    default S canonical(S state) {
        return state;
    }

    /** What {@link #canonical} renames, for reports ("task slots"); null when the model reduces by no symmetry. */
    default String symmetry() {
        return null;
    }

    /** Whether some automorphism turns {@code a} into {@code b}: how a trace found among representatives is mapped back to a real one. */
    default boolean sameClass(S a, S b) {
        return a.equals(b);
    }

    /**
     * Whether step {@code a} from {@code preA} is step {@code b} from {@code preB} up to the renaming
     * that relates the two states (the same call by the same actor with the same observation): how
     * the real step is told apart from other steps into the same class when a trace is mapped back.
     */
    default boolean sameAction(S preA, A a, S preB, A b) {
        return a.equals(b);
    }

    /** This model with its symmetry reduction on or off; a model without one returns itself. */
    default Model<S, A> withSymmetry(boolean on) {
        return this;
    }
}
