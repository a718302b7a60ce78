package nscheck.model.packed;

import nscheck.model.TraceStep;

import java.util.List;
import java.util.Map;

/**
 * A model whose every state fits in one non-negative {@code long}, for the fast engines: no
 * state object is ever made, the visited set stores the state itself (so it is exact, with no
 * fingerprint collisions), and successors are written into buffers the engine owns, so the hot
 * path allocates nothing. Bit 63 must stay clear: engines use it to tell a stored state from an
 * empty slot.
 *
 * <p>Implementations must be stateless (many threads expand states at once) and deterministic:
 * same state, same successors in the same order, because traces are stored as the index of each
 * successor and rebuilt by replaying.
 */
public interface PackedModel {
    String name();

    String description();

    String variant();

    Map<String, Integer> bounds();

    long[] initialStates();

    /** The most successors any state can have: the size of the buffers {@link #successors} gets. */
    int maxSuccessors();

    /**
     * Writes the successors of {@code state} into {@code next} and the index of each step's family
     * (in {@link #actionFamilies()}) into {@code family}, from index 0; returns how many.
     */
    int successors(long state, long[] next, int[] family);

    List<String> actionFamilies();

    List<PackedInvariant> invariants();

    /** Longest trace to explore; 0 means until the state space is exhausted. */
    default int maxDepth() {
        return 0;
    }

    /** Whether a reachable state without successors is an error (a deadlock) rather than an end. */
    default boolean deadlockIsViolation() {
        return false;
    }

    /** Step {@code choice} (an index into the successors of {@code pre}) in the words of the domain. */
    TraceStep describe(long pre, int choice, long post);

    String describeState(long state);
}
