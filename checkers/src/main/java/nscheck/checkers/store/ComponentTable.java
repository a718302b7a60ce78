package nscheck.checkers.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The distinct components of a {@link StateCodec} (SPIN's COLLAPSE table): each one's bytes and
 * rebuilt object, by number, and an open-addressing index from bytes to number. Looking a
 * component up takes no lock and allocates nothing (the key is a range of the caller's buffer);
 * only adding a new one locks, and new components are few (a few per thousand lookups on
 * {@code pidns-large}).
 *
 * <p>Publication: an adder writes a component's bytes, hash and object, then stores its number in
 * the index with release semantics; a reader that loads the number with acquire semantics then
 * reads the (volatile) arrays and sees them. A grown index is published whole; a reader still
 * probing the old one may miss a new entry, and then looks again under the lock.
 */
final class ComponentTable {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(int[].class);

    /** Number + 1 of the component whose hash probes here first, 0 for none. */
    private volatile int[] index = new int[1 << 12];
    private volatile byte[][] bytes = new byte[1024][];
    private volatile int[] hashes = new int[1024];
    private volatile Object[] objects = new Object[1024];
    private int count; // guarded by this
    private volatile int published;

    int size() {
        return published;
    }

    /** The component's number, or -1 if it is not in the table. */
    int find(byte[] buf, int from, int length, int hash) {
        int[] slots = index;
        int mask = slots.length - 1;
        for (int i = mix(hash) & mask; ; i = (i + 1) & mask) {
            int v = (int) SLOT.getAcquire(slots, i);
            if (v == 0) return -1;
            int id = v - 1;
            if (hashes[id] == hash) {
                byte[] b = bytes[id];
                if (Arrays.equals(b, 0, b.length, buf, from, from + length)) return id;
            }
        }
    }

    /** The component's number, adding it (built by {@code build} from its own bytes) if it is new. */
    synchronized int add(byte[] buf, int from, int length, int hash, java.util.function.Function<byte[], Object> build) {
        int id = find(buf, from, length, hash);
        if (id >= 0) return id;
        byte[] key = Arrays.copyOfRange(buf, from, from + length);
        id = count;
        if (id == hashes.length) {
            int grown = id * 2;
            bytes = Arrays.copyOf(bytes, grown);
            hashes = Arrays.copyOf(hashes, grown);
            objects = Arrays.copyOf(objects, grown);
        }
        // Built before it is numbered: its own components are already in the table.
        Object o = build.apply(key);
        bytes[id] = key;
        hashes[id] = hash;
        objects[id] = o;
        count = id + 1;
        if ((long) count * 2 > index.length) rehash(index.length * 2);
        int[] slots = index;
        int mask = slots.length - 1;
        int i = mix(hash) & mask;
        while (slots[i] != 0) i = (i + 1) & mask;
        SLOT.setRelease(slots, i, id + 1);
        published = count;
        return id;
    }

    private void rehash(int capacity) {
        int[] slots = new int[capacity];
        int mask = capacity - 1;
        for (int id = 0; id < count - 1; id++) {
            int i = mix(hashes[id]) & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = id + 1;
        }
        index = slots; // volatile: its entries are visible with it
    }

    /** Component {@code id}'s object (its number was read from bytes another thread published). */
    Object object(int id) {
        Object[] o = objects;
        if (id < o.length && o[id] != null) return o[id];
        synchronized (this) {
            return objects[id];
        }
    }

    byte[] bytes(int id) {
        return bytes[id];
    }

    static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
