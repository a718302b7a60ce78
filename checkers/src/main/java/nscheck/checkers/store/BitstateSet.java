package nscheck.checkers.store;

import nscheck.spec.state.Fmix64;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * SPIN's bitstate hashing (supertrace): a state sets {@value #HASHES} bits of a fixed bit array
 * and counts as seen if all were already set. Memory is fixed whatever the state space; the price
 * is that a new state whose bits happen to be set by others is never explored. The expected
 * number of such misses is reported (Holzmann's estimate, summed over the insertions).
 *
 * <p>Testing and setting a state's bits is atomic: a state's bits are set under one of
 * {@value #STRIPES} locks chosen by its hash, so of two workers adding the same new state at once
 * exactly one sees it new (each bit is set with an atomic or, so states of other stripes sharing a
 * word lose nothing). A state is never counted twice, and the distinct count is a lower bound of the
 * reachable states: exact unless a state was missed.
 */
public final class BitstateSet implements PackedVisitedSet {
    static final int HASHES = 3;
    static final int STRIPES = 1024;
    private static final VarHandle WORD = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] bits;
    private final int log2Bits;
    private final long mask;
    private final Object[] stripes = new Object[STRIPES];

    /** @param log2Bits the bit array has 2^log2Bits bits (2^(log2Bits-3) bytes) */
    public BitstateSet(int log2Bits) {
        if (log2Bits < 10 || log2Bits > 36) throw new IllegalArgumentException("bitstate size 2^" + log2Bits + " bits is out of range (10..36)");
        this.log2Bits = log2Bits;
        this.bits = new long[(int) (1L << (log2Bits - 6))];
        this.mask = (1L << log2Bits) - 1;
        for (int i = 0; i < STRIPES; i++) stripes[i] = new Object();
    }

    @Override
    public boolean add(long state) {
        long h1 = Fmix64.mix(state);
        long h2 = Fmix64.mix(state ^ 0x632BE59BD9B4E019L) | 1;
        if (allSet(h1, h2)) return false;
        synchronized (stripes[(int) (h2 >>> 54)]) {
            boolean fresh = false;
            for (int k = 0; k < HASHES; k++) {
                long bit = (h1 + k * h2) & mask;
                int word = (int) (bit >>> 6);
                long m = 1L << bit;
                long before = (long) WORD.getAndBitwiseOr(bits, word, m);
                if ((before & m) == 0) fresh = true;
            }
            return fresh;
        }
    }

    /** True only if {@code state}'s bits are all set: it was added (or would be missed). Any thread. */
    @Override
    public boolean probablyContains(long state) {
        return allSet(Fmix64.mix(state), Fmix64.mix(state ^ 0x632BE59BD9B4E019L) | 1);
    }

    private boolean allSet(long h1, long h2) {
        for (int k = 0; k < HASHES; k++) {
            long bit = (h1 + k * h2) & mask;
            if (((long) WORD.getOpaque(bits, (int) (bit >>> 6)) & 1L << bit) == 0) return false;
        }
        return true;
    }

    @Override
    public void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeInt(log2Bits);
        for (long w : bits) out.writeLong(w);
    }

    @Override
    public void readFrom(java.io.DataInputStream in) throws java.io.IOException {
        int saved = in.readInt();
        if (saved != log2Bits) throw new java.io.IOException("the checkpoint's bitstate has 2^" + saved + " bits, this run 2^" + log2Bits);
        for (int i = 0; i < bits.length; i++) bits[i] = in.readLong();
    }

    @Override
    public long room(long stored) {
        return Long.MAX_VALUE;
    }

    @Override
    public void grow() {
        throw new IllegalStateException("a bitstate array never grows");
    }

    @Override
    public long bytes() {
        return (long) bits.length * Long.BYTES;
    }

    /**
     * The i-th new state is missed if all its bits are among those set by the i before it:
     * probability (1 - e^(-k i / m))^k. Summed over i = 0..n-1 (by the midpoint rule in 1000 steps).
     */
    @Override
    public double expectedOmissions(long stored) {
        double m = Math.pow(2, log2Bits);
        int steps = 1000;
        double width = (double) stored / steps;
        double sum = 0;
        for (int s = 0; s < steps; s++) {
            double i = (s + 0.5) * width;
            sum += Math.pow(1 - Math.exp(-HASHES * i / m), HASHES) * width;
        }
        return sum;
    }

    @Override
    public String describe() {
        return "bitstate, 2^" + log2Bits + " bits (" + (bytes() >> 20) + " MiB), " + HASHES + " hashes";
    }
}
