package nscheck.checkers.golden;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Diffs model/golden-counts.json against fresh runs of every (model, variant) pair it pins: a
 * refactoring that moves a single count or verdict fails here. The default build reruns the rows
 * of the search reduced by symmetry (what `check` runs), and checks each against its pinned
 * unreduced row (same verdicts, depth and ending, no more states); {@code -Dgolden.all=true} reruns
 * the unreduced rows too (what `./nscheck golden` does).
 */
class GoldenCountsTest {
    static final Path FILE = Path.of("..").resolve(GoldenCounts.FILE);
    private static final boolean ALL = Boolean.getBoolean("golden.all");

    @Test
    void theFileCoversExactlyThePlannedRuns() throws Exception {
        List<String> pinned = GoldenCounts.read(FILE).stream().filter(r -> r.symmetry() == null).map(r -> r.model() + " under " + r.variant()).toList();
        List<String> planned = GoldenCounts.plan().stream().map(e -> e.getKey().name() + " under " + e.getValue().name()).toList();
        assertEquals(planned, pinned, "regenerate with " + GoldenCounts.REGENERATE);
    }

    @Test
    void everyRunGivesThePinnedCounts() throws Exception {
        List<GoldenCounts.Run> pinned = GoldenCounts.read(FILE);
        List<GoldenCounts.Run> fresh = GoldenCounts.compute(Runtime.getRuntime().availableProcessors(), line -> {},
                ALL ? GoldenCounts.Rows.ALL : GoldenCounts.Rows.REDUCED);
        List<GoldenCounts.Run> compared = ALL ? pinned : pinned.stream().filter(r -> r.symmetry() != null).toList();
        assertEquals(List.of(), GoldenCounts.differences(compared, fresh),
                "regenerate with " + GoldenCounts.REGENERATE + " only for a deliberate change");
    }

    /** Issue 14: with and without symmetry reduction, every model and every seeded bug gives the same verdicts. */
    @Test
    void reducedRowsAgreeWithTheUnreducedOnes() throws Exception {
        List<GoldenCounts.Run> pinned = GoldenCounts.read(FILE);
        assertEquals(List.of(), GoldenCounts.disagreements(pinned));
        long reduced = pinned.stream().filter(r -> r.symmetry() != null).count();
        long kernel = pinned.stream().filter(r -> r.symmetry() == null && !r.ending().equals("setup-fails")
                && nscheck.model.ModelCatalog.find(r.model()) instanceof nscheck.model.kernel.KernelModelSource).count();
        assertEquals(kernel, reduced, "every kernel-model row has its reduced row");
    }

    @Test
    void aMovedNumberIsReported() {
        var a = new GoldenCounts.Run("m", "mainline", "continue", 10, 20, 3, "exhausted", Map.of("inv", "holds"));
        var b = new GoldenCounts.Run("m", "mainline", "continue", 11, 20, 3, "exhausted", Map.of("inv", "holds"));
        assertEquals(1, GoldenCounts.differences(List.of(a), List.of(b)).size());
        assertEquals(List.of(), GoldenCounts.differences(List.of(a), List.of(a)));
    }

    @Test
    void aReducedRowWithAnotherVerdictIsReported() {
        var u = new GoldenCounts.Run("m", "seeded-x", "first", 10, 20, 3, "violation", Map.of("inv", "violated 3"));
        var fewer = new GoldenCounts.Run("m", "seeded-x", "first", 6, 12, 3, "violation", Map.of("inv", "violated 3"), "task slots");
        var later = new GoldenCounts.Run("m", "seeded-x", "first", 6, 12, 4, "violation", Map.of("inv", "violated 4"), "task slots");
        var more = new GoldenCounts.Run("m", "seeded-x", "first", 11, 12, 3, "violation", Map.of("inv", "violated 3"), "task slots");
        var exhausted = new GoldenCounts.Run("m", "mainline", "continue", 10, 20, 9, "exhausted", Map.of("inv", "holds"));
        var shallower = new GoldenCounts.Run("m", "mainline", "continue", 4, 9, 7, "exhausted", Map.of("inv", "holds"), "task slots");
        var deeper = new GoldenCounts.Run("m", "mainline", "continue", 4, 9, 10, "exhausted", Map.of("inv", "holds"), "task slots");
        assertEquals(List.of(), GoldenCounts.disagreements(List.of(exhausted, shallower)));
        assertEquals(1, GoldenCounts.disagreements(List.of(exhausted, deeper)).size());
        assertEquals(List.of(), GoldenCounts.disagreements(List.of(u, fewer)));
        assertEquals(1, GoldenCounts.disagreements(List.of(u, later)).size());
        assertEquals(1, GoldenCounts.disagreements(List.of(u, more)).size());
    }
}
