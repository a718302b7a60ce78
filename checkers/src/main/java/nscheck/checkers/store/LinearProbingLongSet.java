package nscheck.checkers.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One open-addressing table of non-zero 64-bit keys that many workers insert into at once: linear
 * probing, Fibonacci hashing, load kept at most 3/4, a slot claimed with a compare-and-set. A slot
 * is written once, so a plain read that sees a key is final, and one that sees 0 is checked again
 * by the CAS; of two workers adding the same key exactly one hears true. The table grows only when
 * no one adds ({@link #room}, {@link #grow}: the engine pauses its workers), to at most
 * 2^{@value #MAX_LOG2} slots. A subclass says how a value becomes a non-zero key ({@link #key}).
 */
abstract class LinearProbingLongSet implements PackedVisitedSet {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long PHI = 0x9E3779B97F4A7C15L;
    static final int MAX_LOG2 = 30;

    private long[] table;
    private int shift;

    LinearProbingLongSet(int log2Capacity) {
        if (log2Capacity < 4 || log2Capacity > MAX_LOG2) throw new IllegalArgumentException("log2 capacity " + log2Capacity);
        table = new long[1 << log2Capacity];
        shift = 64 - log2Capacity;
    }

    /** The value's key in the table: never 0, which marks an empty slot. */
    abstract long key(long value);

    /** What the table holds, for its description and its refusal to grow ("exact state table"). */
    abstract String holds();

    @Override
    public final boolean add(long value) {
        long key = key(value);
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

    /** True only if {@code value} was added (a slot once written never changes). Any thread. */
    @Override
    public final boolean probablyContains(long value) {
        long key = key(value);
        long[] t = table;
        int mask = t.length - 1;
        for (int i = (int) ((key * PHI) >>> shift); ; i = (i + 1) & mask) {
            long cur = (long) SLOT.getOpaque(t, i);
            if (cur == 0) return false;
            if (cur == key) return true;
        }
    }

    @Override
    public final long touch(long value) {
        return table[(int) ((key(value) * PHI) >>> shift)];
    }

    @Override
    public final long room(long stored) {
        return table.length / 4 * 3 - stored;
    }

    @Override
    public final void grow() {
        if (64 - shift >= MAX_LOG2) throw new OutOfMemoryError(holds() + " is at its largest size (2^" + MAX_LOG2 + " slots)");
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
    public final long bytes() {
        return (long) table.length * Long.BYTES;
    }

    @Override
    public final double expectedOmissions(long stored) {
        return 0;
    }

    @Override
    public final String describe() {
        return holds() + ", 2^" + (64 - shift) + " slots";
    }
}
