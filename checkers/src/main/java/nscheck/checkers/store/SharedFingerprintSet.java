package nscheck.checkers.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The visited set of {@link nscheck.checkers.engine.ParallelBfs}: the same table as {@link FingerprintSet} (64-bit
 * fingerprints, linear probing, load at most 1/2), with one writer and many readers. Only the
 * merging thread adds, so the order of additions, and with it every id and trace, is that of the
 * sequential search; the expanding workers only ask {@link #probablyContains} to drop successors
 * seen in earlier levels before they are handed over. A reader may miss a fingerprint being
 * added at that moment (or one added to a table that has just been replaced by a bigger one);
 * that only means the writer sees the successor and rejects it itself, so the answer is never
 * wrong in the direction that matters: "contained" is always true.
 */
public final class SharedFingerprintSet {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long ZERO_SUBSTITUTE = 0x5bd1e9955bd1e995L;

    private volatile long[] table;
    private int size;

    public SharedFingerprintSet(int log2Capacity) {
        table = new long[1 << log2Capacity];
    }

    /** Adds {@code fp}; true if it was not there before. Only one thread may add. */
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

    /** True only if {@code fp} was added; false if it was not, or if it is being added right now. Any thread. */
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

    public int size() {
        return size;
    }

    public long bytes() {
        return (long) table.length * Long.BYTES;
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
