package nscheck.checkers.store;

/**
 * The one question a search asks of what it has seen, as TLC's FPSet asks it: was this 64-bit key
 * new? The key is a state's fingerprint for object searches ({@link SegmentedFingerprintSet}) and the state
 * itself for packed ones ({@link PackedVisitedSet}: exact or bitstate). Only additions are needed:
 * a breadth-first search never forgets a state and never asks twice.
 */
public interface VisitedSet {
    /** Adds {@code key}; true if it was not there before. */
    boolean add(long key);

    /**
     * True only if {@code key} was added (a set may also say false for one being added at that
     * moment): lets workers drop successors already seen without adding. Any thread.
     */
    default boolean probablyContains(long key) {
        return false;
    }

    /**
     * Reads the memory where {@code key} would go, and returns what it read (callers fold it into
     * a sink so the read is not optimized away). Touching a batch of keys before adding or probing
     * them lets their cache misses overlap instead of being paid one after another: Java has no
     * prefetch instruction, but independent loads in flight are the same thing. Any thread; sets
     * that gain nothing from it return 0.
     */
    default long touch(long key) {
        return 0;
    }

    /** For a checkpoint: what the set holds. */
    default void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
        throw new UnsupportedOperationException(describe() + " cannot be saved in a checkpoint");
    }

    /** Adds back what {@link #writeTo} wrote (into an empty set of the same kind and size). */
    default void readFrom(java.io.DataInputStream in) throws java.io.IOException {
        throw new UnsupportedOperationException(describe() + " cannot be read from a checkpoint");
    }

    /** The memory the set holds now. */
    long bytes();

    /** One line for reports: what kind of store, how large. */
    String describe();
}
