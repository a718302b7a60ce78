package nscheck.model.restore;

import nscheck.spec.state.Kernel;
import nscheck.spec.variant.NamespaceIds;
import nscheck.spec.state.StateHasher;

import java.util.Arrays;

/**
 * The identifiers a host's PID namespaces carry, kept beside the spec's kernel (which does not
 * name namespaces): one per namespace slot, the scheme's counter, and every identifier whose
 * namespace has been freed this boot (what ns-id-stable checks against).
 *
 * @param ids     by namespace slot; 0 for an empty slot
 * @param counter the next value of a counter scheme (N3, N4)
 * @param retired identifiers of freed namespaces, sorted
 */
record NsIdTable(long[] ids, long counter, long[] retired) {
    static NsIdTable boot() {
        return new NsIdTable(new long[] {NamespaceIds.ROOT_PID_NS}, 1, new long[0]);
    }

    long id(int nsSlot) {
        return nsSlot < ids.length ? ids[nsSlot] : 0;
    }

    boolean live(long id) {
        for (long x : ids) if (x == id) return true;
        return false;
    }

    /** Follows the kernel from {@code before} to {@code after}: freed namespaces retire their ids, new ones get the next. */
    NsIdTable follow(NamespaceIds scheme, Kernel before, Kernel after) {
        NsIdTable t = this;
        for (int n = 0; n < Math.max(before.nsSlots(), after.nsSlots()); n++)
            if (before.ns(n) != null && after.ns(n) == null) t = t.retire(n);
        for (int n = 0; n < after.nsSlots(); n++)
            if (after.ns(n) != null && t.id(n) == 0) t = t.assign(n, t.next(scheme, 0));
        return t;
    }

    /**
     * The identifier a new namespace gets: a counter's next value, or the lowest free inode index
     * (N1). A restorer's {@code wanted} is honoured by a restorable scheme when it is free.
     */
    long next(NamespaceIds scheme, long wanted) {
        if (scheme.counter) return counter;
        if (scheme.restorable && wanted > 0 && !live(wanted)) return wanted;
        long id = 1;
        while (live(id)) id++;
        return id;
    }

    NsIdTable assign(int nsSlot, long id) {
        long[] copy = Arrays.copyOf(ids, Math.max(ids.length, nsSlot + 1));
        copy[nsSlot] = id;
        return new NsIdTable(copy, Math.max(counter, id + 1), retired);
    }

    NsIdTable retire(int nsSlot) {
        long id = id(nsSlot);
        if (id == 0) return this;
        long[] copy = ids.clone();
        copy[nsSlot] = 0;
        int len = copy.length;
        while (len > 1 && copy[len - 1] == 0) len--;
        long[] r = retired;
        if (Arrays.binarySearch(r, id) < 0) {
            r = Arrays.copyOf(r, r.length + 1);
            r[r.length - 1] = id;
            Arrays.sort(r);
        }
        return new NsIdTable(Arrays.copyOf(copy, len), counter, r);
    }

    /** Namespaces made and freed inside one step (a failed restore): a counter still moves for each. */
    NsIdTable consumed(NamespaceIds scheme, int count) {
        return scheme.counter ? new NsIdTable(ids, counter + count, retired) : this;
    }

    void hashInto(StateHasher h) {
        h.add(ids.length);
        for (long x : ids) h.add(x);
        h.add(counter);
        h.add(retired.length);
        for (long x : retired) h.add(x);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NsIdTable t && counter == t.counter && Arrays.equals(ids, t.ids) && Arrays.equals(retired, t.retired);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids) * 31 + Long.hashCode(counter);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ns ids");
        for (int i = 0; i < ids.length; i++) if (ids[i] != 0) s.append(' ').append(i == 0 ? "root" : "N" + i + "=" + ids[i]);
        if (retired.length > 0) s.append(", freed ").append(Arrays.toString(retired));
        return s.toString();
    }
}
