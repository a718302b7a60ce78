package nscheck.checkers.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The exact visited set of a packed search: the states themselves in one open-addressing table
 * of longs (linear probing, Fibonacci hashing, load kept at most 3/4). A state is its own key,
 * so there are no fingerprint collisions and a state costs 8 bytes / load (10.7 to 21 bytes).
 * Slots are claimed with a compare-and-set, so many workers insert at once without locks; a
 * slot is written once, so a plain read that sees a state is final, and one that sees 0 is
 * checked again by the CAS. The table only grows between batches, when no one inserts.
 */
public final class PackedStateSet implements PackedVisitedSet {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    /** Marks a stored state, so that the all-zero state differs from an empty slot. */
    private static final long STORED = Long.MIN_VALUE;
    private static final long PHI = 0x9E3779B97F4A7C15L;
    private static final int MAX_LOG2 = 30;

    private long[] table;
    private int shift;

    public PackedStateSet() {
        this(20);
    }

    public PackedStateSet(int log2Capacity) {
        if (log2Capacity < 4 || log2Capacity > MAX_LOG2) throw new IllegalArgumentException("log2 capacity " + log2Capacity);
        table = new long[1 << log2Capacity];
        shift = 64 - log2Capacity;
    }

    @Override
    public boolean add(long state) {
        long key = state | STORED;
        long[] t = table;
        int mask = t.length - 1;
        int i = (int) ((state * PHI) >>> shift);
        while (true) {
            long cur = t[i];
            if (cur == 0) {
                if (SLOT.compareAndSet(t, i, 0L, key)) return true;
                cur = (long) SLOT.getVolatile(t, i);
            }
            if (cur == key) return false;
            i = (i + 1) & mask;
        }
    }

    @Override
    public long touch(long state) {
        return table[(int) ((state * PHI) >>> shift)];
    }

    @Override
    public long room(long stored) {
        return table.length / 4 * 3 - stored;
    }

    @Override
    public void grow() {
        if (64 - shift >= MAX_LOG2) throw new OutOfMemoryError("state table is at its largest size (2^" + MAX_LOG2 + " slots)");
        long[] old = table;
        long[] bigger = new long[old.length * 2];
        int newShift = shift - 1;
        int mask = bigger.length - 1;
        for (long key : old) {
            if (key == 0) continue;
            int i = (int) (((key & ~STORED) * PHI) >>> newShift);
            while (bigger[i] != 0) i = (i + 1) & mask;
            bigger[i] = key;
        }
        table = bigger;
        shift = newShift;
    }

    @Override
    public long bytes() {
        return (long) table.length * Long.BYTES;
    }

    @Override
    public double expectedOmissions(long stored) {
        return 0;
    }

    @Override
    public String describe() {
        return "exact state table, 2^" + (64 - shift) + " slots";
    }
}
