package nscheck.checkers.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

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
 * <p>Striped: 64 segments, each an open-addressing table under its own lock (two workers rarely
 * meet in one); cleared with the level.
 */
final class LevelDiscoveries {
    /** A claimed state: filled by its claimer, then {@link #ready}. */
    static final class Found {
        byte[] bytes;
        long stateBits;
        RuntimeException error;
        volatile boolean ready;

        /** Waits for the claimer, which is computing it right now (it waits for nothing). */
        Found await() {
            for (int spins = 0; !ready; spins++) {
                if (spins < 1000) Thread.onSpinWait();
                else Thread.yield();
            }
            return this;
        }
    }

    private final Segment[] segments = new Segment[64];

    LevelDiscoveries() {
        for (int i = 0; i < segments.length; i++) segments[i] = new Segment();
    }

    /** A new entry the caller must fill, or null if the state is claimed already. */
    Found claim(long fingerprint) {
        Segment s = segments[(int) (mix(fingerprint) >>> 58)];
        // Most candidates were claimed already (one successor in fourteen is new on pidns-large):
        // a look without the lock answers them, and only a miss takes it.
        if (s.claimedAlready(fingerprint)) return null;
        synchronized (s) {
            return s.claim(fingerprint);
        }
    }

    /** The entry of a claimed state (the caller knows it is claimed: its own worker met it). */
    Found get(long fingerprint) {
        Segment s = segments[(int) (mix(fingerprint) >>> 58)];
        synchronized (s) {
            return s.get(fingerprint);
        }
    }

    private static long mix(long fp) {
        fp ^= fp >>> 31;
        fp *= 0x9E3779B97F4A7C15L;
        return fp ^ (fp >>> 29);
    }

    private static final class Segment {
        private static final VarHandle KEY = MethodHandles.arrayElementVarHandle(long[].class);
        long[] keys = new long[1024];
        Found[] values = new Found[1024];
        int size;

        /**
         * Without the lock, so it may miss a claim being made (then the caller locks and looks
         * again), never invent one: a key is written only when its state is claimed, and grow
         * copies claimed keys only. Fingerprint 0, which an empty slot also reads as, always locks.
         */
        boolean claimedAlready(long fp) {
            if (fp == 0) return false;
            long[] k = keys;
            Found[] v = values;
            int mask = Math.min(k.length, v.length) - 1;
            for (int i = slot(fp, k.length) & mask, probes = 0; probes <= mask; i = (i + 1) & mask, probes++) {
                long key = (long) KEY.getOpaque(k, i);
                if (key == fp) return true;
                if (key == 0 && v[i] == null) return false;
            }
            return false;
        }

        Found claim(long fp) {
            if (2 * (size + 1) > keys.length) grow();
            int i = slot(fp, keys.length);
            for (; values[i] != null; i = (i + 1) & (keys.length - 1)) if (keys[i] == fp) return null;
            keys[i] = fp;
            Found f = new Found();
            values[i] = f;
            size++;
            return f;
        }

        Found get(long fp) {
            for (int i = slot(fp, keys.length); values[i] != null; i = (i + 1) & (keys.length - 1))
                if (keys[i] == fp) return values[i];
            throw new IllegalStateException("state " + Long.toHexString(fp) + " was never claimed");
        }

        private void grow() {
            long[] k = keys;
            Found[] v = values;
            keys = new long[k.length * 2];
            values = new Found[k.length * 2];
            for (int j = 0; j < k.length; j++) {
                if (v[j] == null) continue;
                int i = slot(k[j], keys.length);
                while (values[i] != null) i = (i + 1) & (keys.length - 1);
                keys[i] = k[j];
                values[i] = v[j];
            }
        }

        private static int slot(long fp, int capacity) {
            return (int) (mix(fp) >>> 20) & (capacity - 1);
        }
    }
}
