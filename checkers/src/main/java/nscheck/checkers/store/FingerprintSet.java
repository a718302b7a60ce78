package nscheck.checkers.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The visited set of the object searches: 64-bit fingerprints in one open-addressing table of
 * primitive longs (linear probing, load at most 1/2), so a state costs 16 bytes here and no object.
 * 0 marks an empty cell; a fingerprint that happens to be 0 is stored as a fixed other value, which
 * merges it with that value: one more way to collide, counted in the collision estimate.
 *
 * <p>One writer, any number of readers. Only one thread adds (in {@link nscheck.checkers.engine.ParallelBfs}
 * the merging thread), so the order of additions, and with it every id and trace, is that of the
 * sequential search; the expanding workers only ask {@link #probablyContains} to drop successors seen
 * in earlier levels before they are handed over. A reader may miss a fingerprint being added at that
 * moment (or one added to a table that has just been replaced by a bigger one); that only means the
 * writer sees the successor and rejects it itself, so the answer is never wrong in the direction
 * that matters: "contained" is always true.
 */
public final class FingerprintSet implements VisitedSet {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long ZERO_SUBSTITUTE = 0x5bd1e9955bd1e995L;

    private volatile long[] table;
    private int size;

    /** A table with room for {@code expected} fingerprints before it first grows. */
    public FingerprintSet(int expected) {
        table = new long[Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1];
    }

    /** Adds {@code fp}; true if it was not there before. Only one thread may add. */
    @Override
    public boolean add(long fp) {
        if (fp == 0) fp = ZERO_SUBSTITUTE;
        long[] t = table;
        int mask = t.length - 1;
        int i = spread(fp) & mask;
        while (true) {
            long cur = t[i];
            if (cur == 0) {
                SLOT.setRelease(t, i, fp);
                if (++size * 2 > t.length) grow();
                return true;
            }
            if (cur == fp) return false;
            i = (i + 1) & mask;
        }
    }

    /** Whether {@code fp} was added; exact on the adding thread. */
    public boolean contains(long fp) {
        return probablyContains(fp);
    }

    /** True only if {@code fp} was added; false if it was not, or if it is being added right now. Any thread. */
    @Override
    public boolean probablyContains(long fp) {
        if (fp == 0) fp = ZERO_SUBSTITUTE;
        long[] t = table;
        int mask = t.length - 1;
        int i = spread(fp) & mask;
        while (true) {
            long cur = (long) SLOT.getOpaque(t, i);
            if (cur == 0) return false;
            if (cur == fp) return true;
            i = (i + 1) & mask;
        }
    }

    @Override
    public void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
        long[] t = table;
        out.writeInt(size);
        for (long fp : t) if (fp != 0) out.writeLong(fp);
    }

    @Override
    public void readFrom(java.io.DataInputStream in) throws java.io.IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) add(in.readLong());
    }

    public int size() {
        return size;
    }

    @Override
    public long bytes() {
        return (long) table.length * Long.BYTES;
    }

    @Override
    public String describe() {
        return "fingerprint table, 2^" + Integer.numberOfTrailingZeros(table.length) + " slots";
    }

    private static int spread(long fp) {
        return (int) (fp ^ (fp >>> 32));
    }

    private void grow() {
        long[] old = table;
        if (old.length >= 1 << 30) throw new OutOfMemoryError("fingerprint table is at its largest size");
        long[] bigger = new long[old.length * 2];
        int m = bigger.length - 1;
        for (long fp : old) {
            if (fp == 0) continue;
            int i = spread(fp) & m;
            while (bigger[i] != 0) i = (i + 1) & m;
            bigger[i] = fp;
        }
        table = bigger; // the volatile write publishes the filled table to readers
    }
}
