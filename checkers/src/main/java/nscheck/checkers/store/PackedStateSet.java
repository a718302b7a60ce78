package nscheck.checkers.store;

/**
 * The exact visited set of a packed search: the states themselves in one
 * {@link LinearProbingLongSet}. A state is its own key (with its top bit set, so that the all-zero
 * state differs from an empty slot), so there are no fingerprint collisions and a state costs
 * 8 bytes / load (10.7 to 21 bytes).
 */
public final class PackedStateSet extends LinearProbingLongSet {
    /** Marks a stored state, so that the all-zero state differs from an empty slot. */
    private static final long STORED = Long.MIN_VALUE;

    public PackedStateSet() {
        this(20);
    }

    public PackedStateSet(int log2Capacity) {
        super(log2Capacity);
    }

    @Override
    long key(long state) {
        return state | STORED;
    }

    @Override
    String holds() {
        return "exact state table";
    }
}
