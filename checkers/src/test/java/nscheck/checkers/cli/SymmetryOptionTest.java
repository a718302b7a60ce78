package nscheck.checkers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nscheck.checkers.golden.GoldenCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `check` reduces a kernel model by renaming task slots unless told --no-symmetry: the report says
 * so, the counts are the golden file's reduced row, and --no-symmetry gives the unreduced row; the
 * JSON report names the reduction; a packed model has none.
 */
class SymmetryOptionTest {
    @TempDir
    Path tmp;

    @Test
    void checkReducesByDefaultAndNoSymmetryStoresEveryState() throws Exception {
        var rows = GoldenCounts.read(Path.of("..").resolve(GoldenCounts.FILE));
        var reduced = rows.stream().filter(r -> r.model().equals("pidns-basic") && r.variant().equals("mainline") && r.symmetry() != null).findFirst().orElseThrow();
        var full = rows.stream().filter(r -> r.model().equals("pidns-basic") && r.variant().equals("mainline") && r.symmetry() == null).findFirst().orElseThrow();
        CliTest.Run on = CliTest.nscheck("check", "pidns-basic", "--progress", "0", "--out", tmp.toString());
        assertEquals(0, on.code(), on.err());
        assertTrue(on.out().contains("symmetry: one state per renaming of the task slots"), on.out());
        assertTrue(on.out().contains(String.format("%,d distinct states, %,d generated", reduced.distinct(), reduced.generated())), on.out());
        CliTest.Run off = CliTest.nscheck("check", "pidns-basic", "--no-symmetry", "--progress", "0", "--out", tmp.toString());
        assertEquals(0, off.code(), off.err());
        assertFalse(off.out().contains("symmetry:"), off.out());
        assertTrue(off.out().contains(String.format("%,d distinct states, %,d generated", full.distinct(), full.generated())), off.out());
    }

    @Test
    void theJsonReportNamesTheReduction() throws Exception {
        CliTest.Run r = CliTest.nscheck("check", "pidns-basic", "--variant", "seeded-leaky-translate", "--json", "--progress", "0", "--out", tmp.toString());
        assertEquals(1, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("task slots", json.get("symmetry").asText());
        CliTest.Run off = CliTest.nscheck("check", "pidns-basic", "--variant", "seeded-leaky-translate", "--json", "--no-symmetry", "--progress", "0", "--out", tmp.toString());
        assertFalse(new ObjectMapper().readTree(off.out()).has("symmetry"), off.out());
    }

    @Test
    void aPackedModelHasNoSymmetry() {
        CliTest.Run r = CliTest.nscheck("check", "futex-mutex", "--progress", "0", "--out", tmp.toString());
        assertFalse(r.out().contains("symmetry:"), r.out());
    }
}
