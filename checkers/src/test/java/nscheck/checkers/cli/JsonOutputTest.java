package nscheck.checkers.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nscheck.checkers.conform.Probe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static nscheck.checkers.cli.CliTest.nscheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * `--json` on every subcommand: stdout is exactly one JSON document (nothing before or after it)
 * and it validates against the subcommand's schema in nscheck/schema/.
 */
class JsonOutputTest {
    /** Trailing tokens fail: stdout must be pure JSON, not JSON with a line of text after it. */
    static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    Path tmp;

    static JsonNode schema(String sub) throws IOException {
        try (InputStream in = JsonOutputTest.class.getResourceAsStream("/nscheck/schema/" + sub + ".json")) {
            assertTrue(in != null, "schema for " + sub);
            return STRICT.readTree(in);
        }
    }

    static JsonNode valid(String sub, int expectedCode, String... args) throws IOException {
        CliTest.Run r = nscheck(args);
        assertEquals(expectedCode, r.code(), String.join(" ", args) + "\n" + r.err());
        JsonNode doc = STRICT.readTree(r.out());
        List<String> errors = SchemaValidator.validate(schema(sub), doc);
        assertTrue(errors.isEmpty(), sub + ": " + String.join("\n", errors) + "\n" + r.out());
        return doc;
    }

    @Test
    void list() throws IOException {
        JsonNode d = valid("list", 0, "list", "--json");
        assertTrue(d.get("models").size() > 10);
    }

    @Test
    void checkWithEachViolationsTrace() throws IOException {
        JsonNode d = valid("check", 1, "check", "pidns-basic", "--variant", "seeded-leaky-translate", "--json", "--progress", "0",
                "--out", tmp.toString());
        JsonNode v = d.get("violations").get(0);
        assertEquals(v.get("length").asInt(), v.get("trace").get("steps").size());
        assertEquals("clone-newpid", v.get("trace").get("steps").get(0).get("call").asText());
        valid("check", 0, "check", "pidns-init-death", "--set", "steps=3", "--json", "--progress", "0", "--out", tmp.toString());
    }

    @Test
    void simulate() throws IOException {
        JsonNode d = valid("simulate", 1, "simulate", "pidns-basic", "--variant", "seeded-leaky-translate", "--seed", "1", "--walks", "50",
                "--json", "--progress", "0", "--out", tmp.toString());
        assertEquals("violated", d.get("result").asText());
        valid("simulate", 0, "simulate", "pidns-alloc", "--seed", "1", "--walks", "5", "--json", "--progress", "0", "--out", tmp.toString());
    }

    @Test
    void replayAndMinimize() throws IOException {
        Path broken = Files.writeString(tmp.resolve("broken.json"), "{}");
        JsonNode d = valid("replay", 2, "replay", "--json", CounterexampleCommandsTest.ZAP.toString(), broken.toString());
        assertEquals(1, d.get("passed").asInt());
        assertEquals(1, d.get("unreadable").asInt());
        JsonNode m = valid("minimize", 0, "minimize", "--json", CounterexampleCommandsTest.ZAP_WALK.toString(), "--progress", "0",
                "--out", tmp.toString());
        assertEquals(5, m.get("steps_after").asInt());
    }

    @Test
    void compare() throws IOException {
        JsonNode f = valid("compare", 0, "compare", "--models", "pidns-init-death", "--set", "steps=3", "--variant", "mainline,global-pids",
                "--json", "--progress", "0", "--out", tmp.toString());
        assertTrue(f.get("complete").asBoolean());
        valid("compare", 0, "compare", "--models", "pidns-init-death", "--set", "steps=2", "--variant", "mainline", "--format", "json",
                "--progress", "0", "--out", tmp.toString());
        boolean violated = false;
        for (JsonNode cell : f.get("cells")) violated |= cell.get("verdict").asText().equals("violated");
        assertTrue(violated, f.toString());
    }

    @Test
    void bench() throws IOException {
        JsonNode d = valid("bench", 0, "bench", "-n", "2", "--mode", "once", "--reference", "all", "--threads", "1", "--json", "--progress", "0");
        assertEquals(2, d.get("rows").size());
        for (JsonNode row : d.get("rows")) {
            assertEquals("exhausted", row.get("ending").asText(), row.toString());
            assertTrue(row.get("complete").asBoolean(), row.toString());
        }
        // --kernel searches past mainline's violation (ns-id-survives-migration, 1 step) to the end of the
        // model's space: 51 states (the golden file's continue row), too few to time, so no rows
        JsonNode k = valid("bench", 0, "bench", "--kernel", "restore-migration", "--threads", "1", "--json");
        assertEquals(0, k.get("rows").size(), k.toString());
        assertEquals(1, k.get("skipped").size(), k.toString());
        assertEquals("restore-migration", k.get("skipped").get(0).get("model").asText());
        assertEquals(51, k.get("skipped").get(0).get("distinct_states").asInt());
        assertFalse(d.has("skipped"), "a bench that timed every row skipped none");
    }

    @Test
    void conform() throws IOException {
        assumeTrue(Probe.isRoot(), "conform runs against the kernel as root");
        JsonNode d = valid("conform", 0, "conform", "--area", "pidns-basic", "--scenarios", "6", "--json", "--progress", "0");
        assertEquals(6, d.get("areas").get(0).get("scenarios").asInt());
    }
}
