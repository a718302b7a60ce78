package nscheck.checkers;

import java.util.ArrayList;
import java.util.List;

/**
 * One BFS level of packed states, as fixed-size segments: workers fill segments of their own
 * and hand them over whole (one lock per {@value #SEGMENT} states), a segment is the unit of
 * work of the next level, and a processed segment is dropped at once so that a level's memory
 * is freed while the next one fills.
 */
final class PackedFrontier {
    static final int SEGMENT = 4096;

    private final List<long[]> segments = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();
    private long size;

    synchronized void add(long[] segment, int length) {
        if (length == 0) return;
        segments.add(segment);
        lengths.add(length);
        size += length;
    }

    int segmentCount() {
        return segments.size();
    }

    long[] segment(int i) {
        return segments.get(i);
    }

    int length(int i) {
        return lengths.get(i);
    }

    /** Lets the garbage collector have segment {@code i}: it has been expanded. */
    void release(int i) {
        segments.set(i, null);
    }

    synchronized long size() {
        return size;
    }

    synchronized long bytes() {
        return (long) segments.size() * SEGMENT * Long.BYTES;
    }
}
