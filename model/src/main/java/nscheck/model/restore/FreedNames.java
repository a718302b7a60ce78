package nscheck.model.restore;

import nscheck.spec.state.Kernel;
import nscheck.spec.state.NsNames;
import nscheck.spec.state.StateHasher;
import nscheck.spec.variant.NamespaceIds;

import java.util.Arrays;

/**
 * What ns-id-stable remembers of the boot: the names (under the variant's scheme, {@link
 * NsNames#name}) of every namespace freed so far. The names themselves are the spec kernel's
 * ({@link NsNames}); this is the observer's memory, which no kernel state holds.
 *
 * @param names sorted, without repeats
 */
record FreedNames(long[] names) {
    static final FreedNames NONE = new FreedNames(new long[0]);

    boolean contains(long name) {
        return Arrays.binarySearch(names, name) >= 0;
    }

    /** Adds the names of the namespaces live in {@code before} and gone in {@code after} (a namespace is its id: ids are never reused). */
    FreedNames follow(NamespaceIds scheme, Kernel before, Kernel after) {
        NsNames a = before.names(), b = after.names();
        long[] out = names;
        for (int t = 0; t < 3; t++)
            for (int s = 1; s < a.ino()[t].length; s++) {
                if (a.ino()[t][s] == 0 || b.id(t, s) == a.id(t, s)) continue;
                long name = a.name(scheme, t, s);
                if (Arrays.binarySearch(out, name) >= 0) continue;
                out = Arrays.copyOf(out, out.length + 1);
                out[out.length - 1] = name;
                Arrays.sort(out);
            }
        return out == names ? this : new FreedNames(out);
    }

    void hashInto(StateHasher h) {
        h.add(names.length);
        for (long x : names) h.add(x);
    }

    @Override public boolean equals(Object o) { return o instanceof FreedNames f && Arrays.equals(names, f.names); }

    @Override public int hashCode() { return Arrays.hashCode(names); }

    @Override public String toString() { return names.length == 0 ? "" : "; freed names " + Arrays.toString(names); }
}
