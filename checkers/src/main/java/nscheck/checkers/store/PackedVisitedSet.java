package nscheck.checkers.store;

/**
 * The visited set of a packed search, shared by all its workers: {@link PackedStateSet} (exact)
 * or {@link BitstateSet} (bounded memory, may miss states). The keys are the states themselves
 * (bit 63 clear); unlike {@link SegmentedFingerprintSet}, many threads add at once, so growth is agreed
 * with the engine ({@link #room}, {@link #grow}) instead of happening inside an add.
 */
public interface PackedVisitedSet extends VisitedSet {
    /** Adds {@code state}; true if it was not there before. Safe to call from many threads at once. */
    @Override
    boolean add(long state);

    /**
     * How many more states can be added, with {@code stored} already in, before the set must
     * {@link #grow()}; {@link Long#MAX_VALUE} if it never grows.
     */
    long room(long stored);

    /** Makes more room. Only called while no thread is adding. */
    void grow();

    /** Expected number of new states wrongly taken as already seen, after {@code stored} were added (0 when exact). */
    double expectedOmissions(long stored);
}
