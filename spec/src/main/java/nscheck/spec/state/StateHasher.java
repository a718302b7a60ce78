package nscheck.spec.state;

import nscheck.spec.state.Fmix64;

/**
 * Accumulates a 64-bit fingerprint of a state. Each word is mixed with the finaliser of
 * MurmurHash3 ({@link Fmix64}) so that states differing in one field differ in about half the bits;
 * the checkers rely on fingerprints being close to uniform for their collision estimate.
 */
public final class StateHasher {
    private long h = 0x6a09e667f3bcc909L;

    public void add(long value) {
        h = Fmix64.mix(h ^ (value + 0x9e3779b97f4a7c15L)) * 0xbf58476d1ce4e5b9L + (h >>> 29);
    }

    public long value() {
        return Fmix64.mix(h);
    }

    /** Two ints as one word, without loss: a fingerprint of fewer words costs fewer dependent mixes. */
    public static long pair(int high, int low) {
        return ((long) high << 32) | (low & 0xffffffffL);
    }

    /**
     * {@code value} as a memoised digest. An immutable object keeps a digest it computes on first
     * use in a plain (transient) field, 0 until then, and the spec has no volatile: the memo is
     * sound because every thread computes the same value, and because a stored digest has no zero
     * half, a reader that meets a half-written field (a 64-bit write may be split, JLS 17.7) sees a
     * zero half and computes the digest again ({@link #known}). A value with a zero half is stored
     * with that half's lowest bit set: the same on every run, a shift of one value in 2^31.
     */
    public static long memo(long value) {
        if ((int) value == 0) value |= 1;
        if ((int) (value >>> 32) == 0) value |= 1L << 32;
        return value;
    }

    /** Whether a memo field holds a digest {@link #memo} stored, rather than 0 or half a write. */
    public static boolean known(long memo) {
        return (int) memo != 0 && (int) (memo >>> 32) != 0;
    }
}
