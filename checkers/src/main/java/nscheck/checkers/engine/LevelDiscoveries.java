package nscheck.checkers.engine;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The states first reached while one level is expanded, by fingerprint: the worker that reaches a
 * state first (in time) claims it, packs it and judges it, once; the other transitions to it,
 * in this chunk or another, only name its fingerprint. The merge, which goes in chunk order, takes
 * the packed state and its verdicts from here for whichever transition reaches it first in that
 * order: the state is the same (equal fingerprints), so the result is what {@link Bfs} computes.
 *
 * <p>Without it every worker packed and judged every successor not yet in the visited set, about
 * half of all successors on {@code pidns-large}, where only one in fourteen is new.
 *
 * <p>No object per state: an entry is three longs (fingerprint, verdicts, where its bytes are) in
 * a segment's arrays, and the bytes go to the claiming worker's {@link Arena}, big blocks of bytes.
 * Both are kept from level to level and cleared, not dropped: an object per discovered state lived
 * as long as its level, so the young collections copied millions of them and the old generation
 * filled with dead ones (the futex benchmark at N = 9 spent a third of its time collecting).
 *
 * <p>Striped: 64 segments, each an open-addressing table under its own lock (two workers rarely
 * meet in one).
 */
final class LevelDiscoveries {
    /** The location of an empty slot. */
    private static final long EMPTY = 0;
    /** An entry's location while its claimer is still packing it. */
    private static final long PENDING = 1;
    /** The location of an entry whose claimer could not pack it (the error in {@link #errors}). */
    private static final long FAILED = -1;
    /** Set in every location of bytes, so that none is {@link #PENDING}. */
    private static final long READY = 1L << 55;
    private static final long ZERO_SUBSTITUTE = 0x5bd1e9955bd1e995L;

    private final Segment[] segments = new Segment[64];
    /** By fingerprint, what judging or packing a state threw (see {@link #fill}); rare, so looked up only once there is one. */
    private final Map<Long, RuntimeException[]> errors = new ConcurrentHashMap<>();
    private volatile boolean anyErrors;
    /** The claimers' byte stores, by index (the index is part of a location). */
    private final Arena[] arenas = new Arena[256];
    private int arenaCount;
    private final ThreadLocal<Arena> arena = ThreadLocal.withInitial(this::newArena);

    LevelDiscoveries() {
        for (int i = 0; i < segments.length; i++) segments[i] = new Segment(1024);
    }

    /** Empties the table for the next level, keeping its memory (only the merging thread, between levels). */
    void clear() {
        for (Segment s : segments) {
            synchronized (s) {
                s.clear();
            }
        }
        errors.clear();
        anyErrors = false;
        synchronized (arenas) {
            for (int i = 0; i < arenaCount; i++) arenas[i].clear();
        }
    }

    private Arena newArena() {
        synchronized (arenas) {
            if (arenaCount == arenas.length) throw new IllegalStateException("more than " + arenas.length + " workers");
            Arena a = new Arena(arenaCount);
            arenas[arenaCount++] = a;
            return a;
        }
    }

    /** True if the caller has claimed the state and must {@link #fill} it; false if it was claimed already. */
    boolean claim(long fingerprint) {
        long fp = fingerprint == 0 ? ZERO_SUBSTITUTE : fingerprint;
        Segment s = segments[segment(fp)];
        // Most candidates were claimed already (one successor in fourteen is new on pidns-large):
        // a look without the lock answers them, and only a miss takes it.
        if (s.claimedAlready(fp)) return false;
        synchronized (s) {
            return s.claim(fp);
        }
    }

    /**
     * The claimer's part: the state's packed bytes and its verdicts; {@code errors} (null if none)
     * holds, by property, what judging it threw (ParallelBfs's merge throws the one Bfs would meet).
     */
    void fill(long fingerprint, nscheck.checkers.store.ByteSink bytes, long stateBits, RuntimeException[] errors) {
        long where = arena.get().put(bytes);
        if (errors != null) keep(fingerprint, errors);
        publish(fingerprint, stateBits, where);
    }

    /** The claimer's part when packing the state threw: its verdicts and errors as for {@link #fill}, no bytes. */
    void fail(long fingerprint, long stateBits, RuntimeException[] errors) {
        keep(fingerprint, errors);
        publish(fingerprint, stateBits, FAILED);
    }

    private void keep(long fingerprint, RuntimeException[] e) {
        errors.put(fingerprint == 0 ? ZERO_SUBSTITUTE : fingerprint, e);
        anyErrors = true;
    }

    private void publish(long fingerprint, long stateBits, long where) {
        long fp = fingerprint == 0 ? ZERO_SUBSTITUTE : fingerprint;
        Segment s = segments[segment(fp)];
        synchronized (s) { // the lock also publishes the arena's bytes to the merge, which reads under it
            s.publish(fp, stateBits, where);
        }
    }

    /** Loads the slot {@code fingerprint} starts at, without the lock (see {@link nscheck.checkers.store.VisitedSet#touch}). */
    long touch(long fingerprint) {
        long fp = fingerprint == 0 ? ZERO_SUBSTITUTE : fingerprint;
        return segments[segment(fp)].touch(fp);
    }

    /** What {@link #take} hands the merge: a claimed state's bytes (null if packing it threw), verdicts and errors (see {@link #fill}). */
    static final class Entry {
        byte[] block;
        int offset;
        int length;
        long stateBits;
        RuntimeException[] errors;
    }

    /**
     * Waits for the claimer of {@code fingerprint} (a worker met it, so it is claimed; the claimer
     * is packing it right now and waits for nothing) and fills {@code out} with what it found.
     */
    void take(long fingerprint, Entry out) {
        long fp = fingerprint == 0 ? ZERO_SUBSTITUTE : fingerprint;
        Segment s = segments[segment(fp)];
        for (int spins = 0; ; spins++) {
            long where;
            synchronized (s) {
                int e = s.find(fp);
                where = s.table[e + 2];
                if (where != PENDING) {
                    out.stateBits = s.table[e + 1];
                    out.errors = anyErrors ? errors.get(fp) : null;
                    if (where == FAILED) {
                        out.block = null;
                        return;
                    }
                    Arena a = arenas[(int) (where >>> 56)];
                    byte[] block = a.blocks[(int) (where >>> 32) & 0x7FFFFF];
                    int at = (int) where;
                    out.block = block;
                    out.length = (block[at] & 0xFF) << 24 | (block[at + 1] & 0xFF) << 16 | (block[at + 2] & 0xFF) << 8 | block[at + 3] & 0xFF;
                    out.offset = at + 4;
                    return;
                }
            }
            if (spins < 1000) Thread.onSpinWait();
            else Thread.yield();
        }
    }

    private static int segment(long fp) {
        return (int) (mix(fp) >>> 58);
    }

    private static long mix(long fp) {
        fp ^= fp >>> 31;
        fp *= 0x9E3779B97F4A7C15L;
        return fp ^ (fp >>> 29);
    }

    /** One claimer's bytes: blocks from 64 KiB doubling to 4 MiB, reused from level to level. */
    private static final class Arena {
        final int index;
        byte[][] blocks = new byte[16][];
        int blockCount;
        /** The block being filled, and how far. */
        int current = -1;
        int used;

        Arena(int index) {
            this.index = index;
        }

        /** Appends {@code length} bytes with a 4-byte length before them; returns where (arena, block, offset). */
        long put(nscheck.checkers.store.ByteSink bytes) {
            int length = bytes.size();
            int need = length + 4;
            if (current < 0 || used + need > blocks[current].length) next(need);
            byte[] b = blocks[current];
            int at = used;
            b[at] = (byte) (length >>> 24);
            b[at + 1] = (byte) (length >>> 16);
            b[at + 2] = (byte) (length >>> 8);
            b[at + 3] = (byte) length;
            bytes.copyTo(b, at + 4);
            used += need;
            return (long) index << 56 | READY | (long) current << 32 | at;
        }

        private void next(int need) {
            current++;
            used = 0;
            if (current < blockCount && blocks[current].length >= need) return;
            if (current == blocks.length) blocks = Arrays.copyOf(blocks, blocks.length * 2);
            int size = Math.max(need, current == 0 ? 1 << 16 : Math.min(1 << 22, blocks[current - 1].length * 2));
            blocks[current] = new byte[size];
            if (current >= blockCount) blockCount = current + 1;
        }

        void clear() {
            current = -1;
            used = 0;
        }
    }

    /**
     * An open-addressing table of entries laid out side by side, three longs each (fingerprint,
     * verdicts, location; location 0 marks an empty slot), so that a probe is one cache miss.
     */
    private static final class Segment {
        private static final java.lang.invoke.VarHandle SLOT = java.lang.invoke.MethodHandles.arrayElementVarHandle(long[].class);
        /** Volatile: {@link #claimedAlready} reads it without the lock, and grow publishes a filled table. */
        volatile long[] table;
        int capacity;
        int size;

        Segment(int capacity) {
            this.capacity = capacity;
            table = new long[3 * capacity];
        }

        void clear() {
            if (size == 0) return;
            Arrays.fill(table, 0);
            size = 0;
        }

        /**
         * Without the lock, so it may miss a claim being made (then the caller locks and looks
         * again), never invent one: a key is written only when its state is claimed this level.
         */
        boolean claimedAlready(long fp) {
            long[] t = table;
            int cap = t.length / 3, mask = cap - 1;
            for (int i = slot(fp, cap), probes = 0; probes < cap; i = (i + 1) & mask, probes++) {
                if ((long) SLOT.getOpaque(t, 3 * i + 2) == EMPTY) return false;
                if ((long) SLOT.getOpaque(t, 3 * i) == fp) return true;
            }
            return false;
        }

        boolean claim(long fp) {
            if (2 * (size + 1) > capacity) grow(); // at most half full: a claim that misses probes few slots
            int mask = capacity - 1;
            int i = slot(fp, capacity);
            for (; table[3 * i + 2] != EMPTY; i = (i + 1) & mask) if (table[3 * i] == fp) return false;
            table[3 * i] = fp;
            table[3 * i + 1] = 0;
            table[3 * i + 2] = PENDING;
            size++;
            return true;
        }

        /** The index in {@link #table} of the entry of {@code fp}. */
        int find(long fp) {
            int mask = capacity - 1;
            for (int i = slot(fp, capacity); table[3 * i + 2] != EMPTY; i = (i + 1) & mask) if (table[3 * i] == fp) return 3 * i;
            throw new IllegalStateException("state " + Long.toHexString(fp) + " was never claimed");
        }

        void publish(long fp, long stateBits, long at) {
            int e = find(fp);
            table[e + 1] = stateBits;
            table[e + 2] = at;
        }

        /** Without the lock: the table may be being replaced, so only its own length is used. */
        long touch(long fp) {
            long[] t = table;
            return t[3 * slot(fp, t.length / 3)];
        }

        private void grow() {
            long[] old = table;
            int oldCapacity = capacity;
            long[] bigger = new long[6 * oldCapacity];
            int mask = 2 * oldCapacity - 1;
            for (int j = 0; j < oldCapacity; j++) {
                if (old[3 * j + 2] == EMPTY) continue;
                int i = slot(old[3 * j], 2 * oldCapacity);
                while (bigger[3 * i + 2] != EMPTY) i = (i + 1) & mask;
                System.arraycopy(old, 3 * j, bigger, 3 * i, 3);
            }
            capacity = 2 * oldCapacity;
            table = bigger; // the volatile write publishes the filled table
        }

        static int slot(long fp, int capacity) {
            return (int) (mix(fp) >>> 20) & (capacity - 1);
        }
    }
}
