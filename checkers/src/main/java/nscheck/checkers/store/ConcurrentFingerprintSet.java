package nscheck.checkers.store;

/**
 * The exact visited set of {@code LevelSynchronousBfs}: 64-bit fingerprints of object states in one
 * {@link LinearProbingLongSet}, as {@link PackedStateSet} holds packed states. The difference is the
 * key: a fingerprint uses all 64 bits, so the empty slot 0 is told apart by writing fingerprint 0
 * as another constant (one more pair of states may then share a key, as any two may: the collision
 * bound the reports print covers it). Of two workers adding the same fingerprint at once exactly
 * one hears true: a state is never counted or expanded twice.
 */
public final class ConcurrentFingerprintSet extends LinearProbingLongSet {
    private static final long ZERO_SUBSTITUTE = 0x5bd1e9955bd1e995L;

    public ConcurrentFingerprintSet(int log2Capacity) {
        super(log2Capacity);
    }

    @Override
    long key(long fp) {
        return fp == 0 ? ZERO_SUBSTITUTE : fp;
    }

    @Override
    String holds() {
        return "fingerprint table";
    }
}
