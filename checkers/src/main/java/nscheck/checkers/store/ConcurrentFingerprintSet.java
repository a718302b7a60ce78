package nscheck.checkers.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The exact visited set of {@code LevelSynchronousBfs}: 64-bit fingerprints of object states in one
 * open-addressing table of longs that every worker inserts into at once, as {@link PackedStateSet}
 * does for packed states (linear probing, Fibonacci hashing, load kept at most 3/4, slots claimed
 * with a compare-and-set). The difference is the key: a fingerprint uses all 64 bits, so the empty
 * slot 0 is told apart by writing fingerprint 0 as another constant (one more pair of states may
 * then share a key, as any two may: the collision bound the reports print covers it).
 *
 * <p>Of two workers adding the same fingerprint at once exactly one wins the slot's CAS and hears
 * true: a state is never counted or expanded twice. The table grows only when no one adds
 * ({@link #room}, {@link #grow}: the engine pauses its workers), to at most 2^{@value #MAX_LOG2} slots.
 */
public final class ConcurrentFingerprintSet implements PackedVisitedSet {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long ZERO_SUBSTITUTE = 0x5bd1e9955bd1e995L;
    private static final long PHI = 0x9E3779B97F4A7C15L;
    static final int MAX_LOG2 = 30;

    private long[] table;
    private int shift;

    public ConcurrentFingerprintSet(int log2Capacity) {
        if (log2Capacity < 4 || log2Capacity > MAX_LOG2) throw new IllegalArgumentException("log2 capacity " + log2Capacity);
        table = new long[1 << log2Capacity];
        shift = 64 - log2Capacity;
    }

    @Override
    public boolean add(long fp) {
        long key = fp == 0 ? ZERO_SUBSTITUTE : fp;
        long[] t = table;
        int mask = t.length - 1;
        int i = (int) ((key * PHI) >>> shift);
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

    /** True only if {@code fp} was added (a slot once written never changes). Any thread. */
    @Override
    public boolean probablyContains(long fp) {
        long key = fp == 0 ? ZERO_SUBSTITUTE : fp;
        long[] t = table;
        int mask = t.length - 1;
        for (int i = (int) ((key * PHI) >>> shift); ; i = (i + 1) & mask) {
            long cur = (long) SLOT.getOpaque(t, i);
            if (cur == 0) return false;
            if (cur == key) return true;
        }
    }

    @Override
    public long touch(long fp) {
        long key = fp == 0 ? ZERO_SUBSTITUTE : fp;
        return table[(int) ((key * PHI) >>> shift)];
    }

    @Override
    public long room(long stored) {
        return table.length / 4 * 3 - stored;
    }

    @Override
    public void grow() {
        if (64 - shift >= MAX_LOG2) throw new OutOfMemoryError("fingerprint table is at its largest size (2^" + MAX_LOG2 + " slots)");
        long[] old = table;
        long[] bigger = new long[old.length * 2];
        int newShift = shift - 1;
        int mask = bigger.length - 1;
        for (long key : old) {
            if (key == 0) continue;
            int i = (int) ((key * PHI) >>> newShift);
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
        return "fingerprint table, 2^" + (64 - shift) + " slots";
    }
}
