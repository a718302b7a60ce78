package nscheck.checkers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nscheck.checkers.cex.Counterexample;
import nscheck.checkers.cex.CounterexampleFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    static Run nscheck(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void listNamesModelsVariantsAndInvariants() {
        Run r = nscheck("list");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("pidns-basic"));
        assertTrue(r.out().contains("mainline"));
        assertTrue(r.out().contains("orphan-reaper"));
    }

    @Test
    void aCleanModelExitsZero() {
        Run r = nscheck("check", "pidns-init-death", "--set", "steps=3", "--progress", "0", "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("result: OK"), r.out());
        assertTrue(r.out().contains("collision probability"), r.out());
    }

    @Test
    void aViolationExitsOnePrintsTheTraceAndWritesAFile() throws Exception {
        Run r = nscheck("check", "pidns-basic", "--variant", "seeded-leaky-translate", "--progress", "0", "--out", tmp.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("violation of pid-round-trip"), r.out());
        Path file = tmp.resolve("pidns-basic-seeded-leaky-translate-pid-round-trip.json");
        assertTrue(Files.exists(file), r.out());
        Counterexample cex = CounterexampleFile.read(file);
        assertEquals("pid-round-trip", cex.property().name());
        assertEquals(1, cex.trace().size());
        assertEquals("clone-newpid", cex.trace().get(0).call());
    }

    @Test
    void jsonOutputIsMachineReadable() throws Exception {
        Run r = nscheck("check", "pidns-basic", "--variant", "seeded-leaky-translate", "--continue", "--json", "--progress", "0",
                "--out", tmp.toString());
        assertEquals(1, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("violated", json.get("result").asText());
        assertEquals(2, json.get("violations").size());
        assertTrue(json.get("statistics").get("distinct_states").asLong() > 1000);
    }

    @Test
    void userErrorsAreOneLineAndExitTwo() {
        String[][] cases = {
                {"check", "no-such-model"},
                {"check", "pidns-basic", "--variant", "no-such"},
                {"check", "pidns-basic", "--set", "tasks"},
                {"check", "pidns-basic", "--set", "tasks=many"},
                {"check", "pidns-basic", "--set", "colour=3"},
                {"check", "pidns-basic", "--set", "depth=99"},
                {"check", tmp.resolve("missing.json").toString()},
                {"check", "futex-mutex-once", "--bitstate", "99"},
                {"bench", "--mode", "sometimes"},
                {"bench", "--kernel", "no-such-model"},
                {"frobnicate"},
        };
        for (String[] c : cases) {
            Run r = nscheck(c);
            assertEquals(2, r.code(), String.join(" ", c) + " -> " + r.err());
            assertTrue(r.err().startsWith("nscheck: "), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }

    @Test
    void boundedMemoryCheckSaysHowManyStatesItExpectsToHaveMissed() {
        Run r = nscheck("check", "futex-mutex-forever", "--set", "threads=3", "--bitstate", "16", "--frontier-memory", "0",
                "--progress", "0", "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("bitstate, 2^16 bits"), r.out());
        assertTrue(r.out().contains("expected missed states"), r.out());
    }

    @Test
    void benchPrintsARowPerSizeAndVariantAndTheKernelSpeedUp() {
        Run r = nscheck("bench", "-n", "3", "--reference", "all", "--progress", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("futex-mutex-once") && l.contains("parallel-bfs")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("futex-mutex-forever") && l.contains("object-bfs")), r.out());
        Run k = nscheck("bench", "--kernel", "pidns-basic", "--progress", "0");
        assertEquals(0, k.code(), k.err());
        assertTrue(k.out().contains("speed-up this run"), k.out());
    }
}
