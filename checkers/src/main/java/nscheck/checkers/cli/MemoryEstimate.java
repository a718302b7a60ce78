package nscheck.checkers.cli;

import nscheck.model.ModelSource;
import nscheck.model.kernel.KernelModelSource;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A lower bound on the heap a kernel model's bounds need, computed from the bounds alone, before
 * anything is built: `--set pid_max=2000000000` used to die of OutOfMemoryError while building
 * the call menu, and `--set tasks=100000` to crawl at 20 states/s in a full heap (issue 15). The
 * figures are deliberately low, so that what this refuses is hopeless; `--force` runs it anyway.
 */
final class MemoryEstimate {
    /** Bytes per call-menu entry: a small record plus its list slot (kill and send-creds add two per pid). */
    static final long MENU_ENTRY_BYTES = 32;
    /** Bytes per task slot in a state: a Task and a TaskContext reference in every kernel state (spec Kernel, KernelObjects). */
    static final long TASK_SLOT_BYTES = 16;
    /** A search that cannot hold this many states is not a search. */
    static final long MIN_STATES = 100_000;

    final long menuBytes;
    final long stateBytes;

    private MemoryEstimate(long menuBytes, long stateBytes) {
        this.menuBytes = menuBytes;
        this.stateBytes = stateBytes;
    }

    /** Null for a model whose size does not follow tasks and pid_max (the futex and restore models check their own bounds). */
    static MemoryEstimate of(ModelSource source, Map<String, Integer> overrides) {
        if (!(source instanceof KernelModelSource k)) return null;
        Map<String, Integer> b = new LinkedHashMap<>(source.defaultBounds());
        b.putAll(overrides);
        long pidMax = b.getOrDefault("pid_max", 4), tasks = b.getOrDefault("tasks", 4);
        long families = k.calls().size() + 1;
        long menu = 2 * families * pidMax * MENU_ENTRY_BYTES;
        long state = 64 + tasks * TASK_SLOT_BYTES;
        return new MemoryEstimate(menu, state);
    }

    long minimumBytes() {
        return menuBytes + stateBytes * MIN_STATES;
    }

    /** Refuses bounds that cannot fit in this JVM's heap, unless forced. */
    static void check(ModelSource source, Map<String, Integer> overrides, boolean force, long heapBytes) {
        MemoryEstimate e = of(source, overrides);
        if (e == null || force || e.minimumBytes() <= heapBytes) return;
        throw new UsageError(String.format(Locale.ROOT,
                "bounds too large: %s needs at least %s (call menu %s, %s per state for %,d states) and the heap is %s;"
                        + " lower pid_max or tasks, raise the heap (JAVA_OPTS=-Xmx...), or run anyway with --force",
                source.name(), size(e.minimumBytes()), size(e.menuBytes), size(e.stateBytes), MIN_STATES, size(heapBytes)));
    }

    static void check(ModelSource source, Map<String, Integer> overrides, boolean force) {
        check(source, overrides, force, Runtime.getRuntime().maxMemory());
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        if (bytes >= 1L << 20) return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
}
