package nscheck.checkers.golden;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Diffs model/golden-counts.json against fresh runs. The default build recomputes every run of up
 * to {@link #CHEAP} distinct states (most of the file, in seconds); `nscheck golden`, which CI runs
 * after the build, recomputes all of them.
 */
class GoldenCountsTest {
    static final long CHEAP = 30_000;
    static final Path FILE = Path.of("..").resolve(GoldenCounts.FILE);

    @Test
    void theFileCoversExactlyThePlannedRuns() throws Exception {
        List<String> pinned = GoldenCounts.read(FILE).stream().map(r -> r.model() + " under " + r.variant()).toList();
        List<String> planned = GoldenCounts.plan().stream().map(e -> e.getKey().name() + " under " + e.getValue().name()).toList();
        assertEquals(planned, pinned, "regenerate with " + GoldenCounts.REGENERATE);
    }

    @Test
    void cheapRunsGiveThePinnedCounts() throws Exception {
        List<GoldenCounts.Run> pinned = new ArrayList<>(), fresh = new ArrayList<>();
        for (GoldenCounts.Run p : GoldenCounts.read(FILE)) {
            if (p.distinct() > CHEAP) continue;
            pinned.add(p);
            var entry = GoldenCounts.plan().stream()
                    .filter(e -> e.getKey().name().equals(p.model()) && e.getValue().name().equals(p.variant())).findFirst().orElseThrow();
            fresh.add(GoldenCounts.run(entry.getKey(), entry.getValue()));
        }
        assertEquals(List.of(), GoldenCounts.differences(pinned, fresh), "regenerate with " + GoldenCounts.REGENERATE + " only for a deliberate change");
    }

    @Test
    void aMovedNumberIsReported() {
        var a = new GoldenCounts.Run("m", "mainline", "continue", 10, 20, 3, "exhausted", Map.of("inv", "holds"));
        var b = new GoldenCounts.Run("m", "mainline", "continue", 11, 20, 3, "exhausted", Map.of("inv", "holds"));
        assertEquals(1, GoldenCounts.differences(List.of(a), List.of(b)).size());
        assertEquals(List.of(), GoldenCounts.differences(List.of(a), List.of(a)));
    }
}
