package nscheck.checkers.engine;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * Stops a search when the heap is nearly exhausted, before the JVM spends a minute collecting
 * garbage and then throws OutOfMemoryError: after every collection it reads how much of the heap
 * is still live, and once that exceeds {@code fraction} of the maximum after a full collection, or
 * after {@value #STRIKES} collections in a row (full collections only, for a collector that always
 * runs one before it gives up), it fires (once). The search then stops at the next
 * state and reports what it has, as out of memory (exit 2 in the CLI).
 */
public final class HeapWatchdog implements AutoCloseable {
    static final int STRIKES = 3;
    /** Live heap after a collection, as a fraction of the maximum, above which the search stops. */
    public static final double DEFAULT_FRACTION = 0.92;

    private final double fraction;
    private final Runnable onExhaustion;
    private final long max = Runtime.getRuntime().maxMemory();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    /** The usage after a collection lists every pool; only the heap's count (not metaspace, code cache). */
    private final Set<String> heapPools = new HashSet<>();
    private final NotificationListener listener = this::collected;
    private int strikes;
    /**
     * The collector empties the old generation only in full collections, and runs one before it
     * gives up (ParallelGC, Serial): a minor collection's reading then counts the garbage promoted
     * since the last full one, and with the launcher's capped young generation that can be more
     * than {@code fraction} of the heap while little of it is live; only full readings count.
     */
    private final boolean fullReadingsOnly;
    private volatile boolean fired;

    /** {@link #DEFAULT_FRACTION}, or the system property {@code nscheck.heap.fraction} (tests lower it). */
    public static double fraction() {
        String p = System.getProperty("nscheck.heap.fraction");
        return p == null ? DEFAULT_FRACTION : Double.parseDouble(p);
    }

    public HeapWatchdog(double fraction, Runnable onExhaustion) {
        this.fraction = fraction;
        this.onExhaustion = onExhaustion;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            if (pool.getType() == MemoryType.HEAP) heapPools.add(pool.getName());
        boolean fullOnly = false;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            fullOnly |= gc.getName().equals("PS MarkSweep") || gc.getName().equals("MarkSweepCompact");
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        fullReadingsOnly = fullOnly;
    }

    public boolean fired() {
        return fired;
    }

    private synchronized void collected(Notification n, Object handback) {
        if (fired || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long live = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet())
            if (heapPools.contains(e.getKey())) live += e.getValue().getUsed();
        boolean full = info.getGcAction().contains("major");
        if (live < fraction * max) {
            strikes = 0;
            return;
        }
        if (!full && fullReadingsOnly) return; // the full collection that comes before exhaustion decides
        if (full || ++strikes >= STRIKES) {
            fired = true;
            onExhaustion.run();
        }
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}
