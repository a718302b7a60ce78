package nscheck.checkers.cluster;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one member did in one phase of a level (expand, settle or count), summed over members by
 * the coordinator. Only counts and the first violation of each property travel back, never states.
 */
final class LevelReport implements Serializable {
    long generated;
    long distinct;
    final Map<String, Long> coverage = new LinkedHashMap<>();
    long[] exercised;
    final List<LevelEvent> events = new ArrayList<>();
    long bytesSent;
    long statesSent;
    long storeBytes;
    /** Set when the model threw while expanding the state at the end of this path. */
    int[] failurePath;
    String failure;

    LevelReport(int properties) {
        exercised = new long[properties];
    }

    void add(LevelReport o) {
        generated += o.generated;
        distinct += o.distinct;
        o.coverage.forEach((k, v) -> coverage.merge(k, v, Long::sum));
        for (int i = 0; i < exercised.length; i++) exercised[i] += o.exercised[i];
        events.addAll(o.events);
        bytesSent += o.bytesSent;
        statesSent += o.statesSent;
        storeBytes += o.storeBytes;
        // The single-machine search meets the failing state with the smallest path first.
        if (o.failurePath != null && (failurePath == null || LevelEvent.compare(o.failurePath, failurePath) < 0)) {
            failurePath = o.failurePath;
            failure = o.failure;
        }
    }
}
