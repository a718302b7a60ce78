package nscheck.checkers.store;

/**
 * The visited set: 64-bit fingerprints in one open-addressing table of primitive longs (linear
 * probing, load at most 1/2), so a state costs 16 bytes here and no object. 0 marks an empty
 * cell; a fingerprint that happens to be 0 is stored as a fixed other value, which merges it
 * with that value: one more way to collide, counted in the collision estimate.
 */
public final class FingerprintSet {
    private static final long ZERO_SUBSTITUTE = 0x5bd1e9955bd1e995L;
    private long[] table;
    private int size;
    private int mask;

    public FingerprintSet(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        table = new long[cap];
        mask = cap - 1;
    }

    /** Adds {@code fp}; true if it was not there before. */
    public boolean add(long fp) {
        if (fp == 0) fp = ZERO_SUBSTITUTE;
        int i = spread(fp) & mask;
        while (true) {
            long cur = table[i];
            if (cur == 0) {
                table[i] = fp;
                if (++size * 2 > table.length) grow();
                return true;
            }
            if (cur == fp) return false;
            i = (i + 1) & mask;
        }
    }

    public boolean contains(long fp) {
        if (fp == 0) fp = ZERO_SUBSTITUTE;
        int i = spread(fp) & mask;
        while (true) {
            long cur = table[i];
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
        if (table.length >= 1 << 30) throw new OutOfMemoryError("fingerprint table is at its largest size");
        long[] old = table;
        long[] bigger = new long[old.length * 2];
        int m = bigger.length - 1;
        for (long fp : old) {
            if (fp == 0) continue;
            int i = spread(fp) & m;
            while (bigger[i] != 0) i = (i + 1) & m;
            bigger[i] = fp;
        }
        table = bigger;
        mask = m;
    }
}
