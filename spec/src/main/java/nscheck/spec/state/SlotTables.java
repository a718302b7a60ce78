package nscheck.spec.state;

import java.util.function.IntFunction;

/**
 * The slot tables of {@link Kernel} and {@link KernelObjects}: slots stand for kernel addresses,
 * so a new object takes the lowest free slot, a table grows only when none is free, and freed tail
 * slots are trimmed so that equal states have equal tables.
 */
final class SlotTables {
    private SlotTables() {}

    /** The lowest free slot, or the table's length when none is. */
    static <T> int freeSlot(T[] table) {
        for (int i = 0; i < table.length; i++) if (table[i] == null) return i;
        return table.length;
    }

    static <T> T[] grown(T[] table, int slot, IntFunction<T[]> make) {
        if (slot < table.length) return table.clone();
        T[] copy = make.apply(slot + 1);
        System.arraycopy(table, 0, copy, 0, table.length);
        return copy;
    }

    static <T> T[] trimmed(T[] table, boolean[] used, IntFunction<T[]> make) {
        T[] copy = null;
        for (int i = 0; i < table.length; i++) {
            if (table[i] != null && !used[i]) {
                if (copy == null) copy = table.clone();
                copy[i] = null;
            }
        }
        T[] result = copy == null ? table : copy;
        int len = result.length;
        while (len > 0 && result[len - 1] == null) len--;
        if (len == result.length) return result;
        T[] shorter = make.apply(len);
        System.arraycopy(result, 0, shorter, 0, len);
        return shorter;
    }
}
