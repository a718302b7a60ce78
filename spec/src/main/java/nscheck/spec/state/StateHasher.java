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
}
