package nscheck.checkers.store;

import java.util.Arrays;

/**
 * A small map from objects, by identity, to their component numbers in a {@link StateCodec}: the
 * components of the states a thread decoded lately and those it numbered since. Open addressing on
 * {@link System#identityHashCode}; full means cleared (it is a cache: a miss costs a table lookup,
 * never a wrong number, since components are immutable).
 */
final class IdentityMemo {
    private static final int CAPACITY = 1024;
    private static final int LIMIT = CAPACITY / 2;
    private final Object[] keys = new Object[CAPACITY];
    private final int[] ids = new int[CAPACITY];
    private final int[] used = new int[LIMIT];
    private int size;

    /** The number remembered for {@code o}, or -1. */
    int get(Object o) {
        int mask = CAPACITY - 1;
        for (int i = slot(o); ; i = (i + 1) & mask) {
            Object k = keys[i];
            if (k == o) return ids[i];
            if (k == null) return -1;
        }
    }

    void put(Object o, int id) {
        if (size == LIMIT) clear();
        int mask = CAPACITY - 1;
        int i = slot(o);
        for (; keys[i] != null; i = (i + 1) & mask) if (keys[i] == o) return;
        keys[i] = o;
        ids[i] = id;
        used[size++] = i;
    }

    /**
     * Before a state is decoded: cleared only if half full, so that what the spec hands out again
     * and again without taking it from a decoded state (its constants: an empty robust list, the
     * initial user namespace) stays remembered.
     */
    void makeRoom() {
        if (size > LIMIT / 2) clear();
    }

    void clear() {
        if (size > LIMIT / 4) {
            Arrays.fill(keys, null);
        } else {
            for (int k = 0; k < size; k++) keys[used[k]] = null;
        }
        size = 0;
    }

    private static int slot(Object o) {
        int h = System.identityHashCode(o) * 0x9E3779B9;
        return (h ^ (h >>> 16)) & (CAPACITY - 1);
    }
}
