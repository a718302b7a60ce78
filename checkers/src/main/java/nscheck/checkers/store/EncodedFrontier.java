package nscheck.checkers.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One BFS level of object states as the bytes {@link StateCodec} makes of them, back to back in
 * large blocks: a state costs its packed size plus eight bytes of index, instead of its object
 * graph. Appended by one thread; read by any number once the level is complete. A state's bytes
 * never span two blocks, so a reader decodes in place.
 */
public final class EncodedFrontier {
    private static final int BLOCK = 1 << 20;

    private final List<byte[]> blocks = new ArrayList<>();
    private byte[] block = new byte[0];
    private int used;
    /** Per state: block index in the high 32 bits, offset in the low 32. */
    private long[] where = new long[1024];
    private int size;
    private long bytes;

    public int size() {
        return size;
    }

    /** Appends the state {@code sink} holds. */
    public void add(ByteSink sink) {
        add(sink.buf, 0, sink.size);
    }

    public void add(byte[] state) {
        add(state, 0, state.length);
    }

    private void add(byte[] src, int from, int length) {
        if (used + length > block.length) {
            // Small levels stay small: blocks double from 4 KiB up to 1 MiB.
            block = new byte[Math.max(Math.min(BLOCK, Math.max(4096, block.length * 2)), length)];
            blocks.add(block);
            used = 0;
            bytes += block.length;
        }
        System.arraycopy(src, from, block, used, length);
        if (size == where.length) where = Arrays.copyOf(where, size * 2);
        where[size++] = (long) (blocks.size() - 1) << 32 | used;
        used += length;
    }

    /** A reader positioned at state {@code i}. */
    public ByteSource state(int i) {
        long w = where[i];
        return new ByteSource(blocks.get((int) (w >>> 32)), (int) w);
    }

    /** The memory this level holds. */
    public long bytes() {
        return bytes + (long) where.length * Long.BYTES;
    }
}
