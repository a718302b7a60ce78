package nscheck.checkers.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The exact visited set of the object searches (issue 14: the futex benchmark at N = 9 and beyond):
 * 64-bit fingerprints in 256 open-addressing tables of primitive longs, the segment chosen by the
 * top bits of the key's hash, each segment growing on its own (linear probing, load at most 3/4).
 *
 * <p>Why segments: a single table (the visited set before this one) doubles all at once, so at 2^26 states it must
 * hold its old 1 GiB array and a new 2 GiB one at the same moment (beside the trace store, which
 * doubles at the same count), and a Java array stops at 2^31 slots. Here the largest allocation is
 * one segment, 1/256 of the set, the total is bounded only by the heap (up to 2^38 slots), and a
 * state costs 8 / load = 10.7 to 21 bytes.
 *
 * <p>One writer, any number of readers: a reader may miss a key being
 * added at that moment (or one added to a segment that was just replaced by a bigger one), which
 * only sends the state to the writer, who rejects it itself; "contained" is always true.
 * {@link #touch} lets a caller load the slots of a batch of keys before it probes them one by one:
 * the loads of a batch are independent, so the processor overlaps their cache misses.
 */
public final class SegmentedFingerprintSet implements VisitedSet {
    private static final VarHandle SEGMENT = MethodHandles.arrayElementVarHandle(long[][].class);
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long ZERO_SUBSTITUTE = 0x5bd1e9955bd1e995L;
    private static final long PHI = 0x9E3779B97F4A7C15L;
    private static final int SEGMENT_BITS = 8;
    /** Slot bits come from bits 24..54 of the hash, the segment from bits 56..63: independent. */
    private static final int MAX_SEGMENT_LOG2 = 30;

    private final long[][] segments = new long[1 << SEGMENT_BITS][];
    private final int[] sizes = new int[1 << SEGMENT_BITS];
    private long size;
    private long bytes;

    /** A set with room for about {@code expected} fingerprints before its segments first grow. */
    public SegmentedFingerprintSet(long expected) {
        long perSegment = Math.max(16, Long.highestOneBit(Math.max(1, expected * 2 / segments.length - 1)) << 1);
        int length = (int) Math.min(perSegment, 1L << MAX_SEGMENT_LOG2);
        for (int s = 0; s < segments.length; s++) segments[s] = new long[length];
        bytes = (long) length * segments.length * Long.BYTES;
    }

    private static long hash(long fp) {
        return fp * PHI;
    }

    /** Adds {@code fp}; true if it was not there before. Only one thread may add. */
    @Override
    public boolean add(long fp) {
        if (fp == 0) fp = ZERO_SUBSTITUTE;
        long h = hash(fp);
        int s = (int) (h >>> (64 - SEGMENT_BITS));
        long[] t = segments[s];
        int mask = t.length - 1;
        int i = (int) (h >>> 24) & mask;
        while (true) {
            long cur = t[i];
            if (cur == 0) {
                SLOT.setRelease(t, i, fp);
                size++;
                if (++sizes[s] > t.length / 4 * 3) grow(s);
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
        long h = hash(fp);
        long[] t = (long[]) SEGMENT.getAcquire(segments, (int) (h >>> (64 - SEGMENT_BITS)));
        int mask = t.length - 1;
        int i = (int) (h >>> 24) & mask;
        while (true) {
            long cur = (long) SLOT.getOpaque(t, i);
            if (cur == 0) return false;
            if (cur == fp) return true;
            i = (i + 1) & mask;
        }
    }

    /** Reads the slot {@code fp} starts probing at (any thread): the caller sums these over a batch to overlap the misses. */
    @Override
    public long touch(long fp) {
        long h = hash(fp == 0 ? ZERO_SUBSTITUTE : fp);
        long[] t = (long[]) SEGMENT.getAcquire(segments, (int) (h >>> (64 - SEGMENT_BITS)));
        return t[(int) (h >>> 24) & (t.length - 1)];
    }

    /** The count, then the fingerprints: the format of the single-table set before it, so older checkpoints still resume. */
    @Override
    public void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
        if (size > Integer.MAX_VALUE) throw new java.io.IOException("a checkpoint holds at most 2^31 - 1 states, not " + size);
        out.writeInt((int) size);
        for (long[] t : segments) for (long fp : t) if (fp != 0) out.writeLong(fp);
    }

    @Override
    public void readFrom(java.io.DataInputStream in) throws java.io.IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) add(in.readLong());
    }

    public long size() {
        return size;
    }

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public String describe() {
        return "fingerprint table, " + segments.length + " segments, " + bytes / Long.BYTES + " slots";
    }

    private void grow(int s) {
        long[] old = segments[s];
        if (Integer.numberOfTrailingZeros(old.length) >= MAX_SEGMENT_LOG2)
            throw new OutOfMemoryError("fingerprint table segment is at its largest size (2^" + MAX_SEGMENT_LOG2 + " slots)");
        long[] bigger = new long[old.length * 2];
        int m = bigger.length - 1;
        for (long fp : old) {
            if (fp == 0) continue;
            int i = (int) (hash(fp) >>> 24) & m;
            while (bigger[i] != 0) i = (i + 1) & m;
            bigger[i] = fp;
        }
        SEGMENT.setRelease(segments, s, bigger); // publishes the filled segment to readers
        bytes += (long) old.length * Long.BYTES;
    }
}
