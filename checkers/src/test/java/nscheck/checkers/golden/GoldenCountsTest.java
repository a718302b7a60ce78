package nscheck.checkers.golden;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Diffs model/golden-counts.json against fresh runs of every (model, variant) pair it pins: a
 * refactoring that moves a single count or verdict fails here. About half a minute on two cores.
 */
class GoldenCountsTest {
    static final Path FILE = Path.of("..").resolve(GoldenCounts.FILE);

    @Test
    void theFileCoversExactlyThePlannedRuns() throws Exception {
        List<String> pinned = GoldenCounts.read(FILE).stream().map(r -> r.model() + " under " + r.variant()).toList();
        List<String> planned = GoldenCounts.plan().stream().map(e -> e.getKey().name() + " under " + e.getValue().name()).toList();
        assertEquals(planned, pinned, "regenerate with " + GoldenCounts.REGENERATE);
    }

    @Test
    void everyRunGivesThePinnedCounts() throws Exception {
        List<GoldenCounts.Run> fresh = GoldenCounts.compute(Runtime.getRuntime().availableProcessors(), line -> {});
        assertEquals(List.of(), GoldenCounts.differences(GoldenCounts.read(FILE), fresh),
                "regenerate with " + GoldenCounts.REGENERATE + " only for a deliberate change");
    }

    @Test
    void aMovedNumberIsReported() {
        var a = new GoldenCounts.Run("m", "mainline", "continue", 10, 20, 3, "exhausted", Map.of("inv", "holds"));
        var b = new GoldenCounts.Run("m", "mainline", "continue", 11, 20, 3, "exhausted", Map.of("inv", "holds"));
        assertEquals(1, GoldenCounts.differences(List.of(a), List.of(b)).size());
        assertEquals(List.of(), GoldenCounts.differences(List.of(a), List.of(a)));
    }
}
