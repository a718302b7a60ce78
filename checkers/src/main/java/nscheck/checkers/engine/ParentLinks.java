package nscheck.checkers.engine;

import java.util.Arrays;

/**
 * How the states one worker added to one level were first reached: per state a long, the parent's
 * index in the level before (high 32 bits) and the index of the transition taken (low 32 bits);
 * for an initial state, its index among the initial states. Eight bytes a state, kept for every
 * level so that a trace is rebuilt by walking back and replaying the choices ({@link
 * nscheck.checkers.trace.Trace#replay}), as {@link nscheck.checkers.store.TraceStore} does for the
 * other object engines. In chunks, so that growing never copies what is stored.
 */
final class ParentLinks {
    private static final int CHUNK_BITS = 14;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private long[][] chunks = new long[4][];
    private int size;

    static long link(long parent, int choice) {
        return parent << 32 | (choice & 0xFFFFFFFFL);
    }

    static int parent(long link) {
        return (int) (link >>> 32);
    }

    static int choice(long link) {
        return (int) link;
    }

    void add(long link) {
        int c = size >>> CHUNK_BITS;
        if (c == chunks.length) chunks = Arrays.copyOf(chunks, c * 2);
        if (chunks[c] == null) chunks[c] = new long[c == 0 ? 256 : CHUNK];
        else if ((size & (CHUNK - 1)) == chunks[c].length) chunks[c] = Arrays.copyOf(chunks[c], CHUNK);
        chunks[c][size & (CHUNK - 1)] = link;
        size++;
    }

    long get(int i) {
        return chunks[i >>> CHUNK_BITS][i & (CHUNK - 1)];
    }

    int size() {
        return size;
    }

    long bytes() {
        long b = 0;
        for (long[] c : chunks) if (c != null) b += (long) c.length * Long.BYTES;
        return b;
    }
}
