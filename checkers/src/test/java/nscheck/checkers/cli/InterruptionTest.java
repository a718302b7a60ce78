package nscheck.checkers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import nscheck.checkers.conform.Probe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SIGINT (Ctrl-C) and SIGTERM on long runs, in a child JVM: the partial result is printed in the
 * chosen format and the exit code is 130 or 143. The signal goes after the first progress line
 * (the run is under way); no timing is asserted.
 */
class InterruptionTest {
    @TempDir
    Path tmp;

    private static boolean progressed(String err) {
        return err.contains("progress: ");
    }

    @Test
    void compareOnSigintPrintsThePartialMatrix() throws Exception {
        // pidns-basic under global-pids grows to millions of states: far longer than the first progress line.
        try (ChildJvm c = new ChildJvm("compare", "--models", "pidns-basic", "--variant", "mainline,global-pids", "--threads", "1",
                "--progress", "1", "--out", tmp.toString())) {
            c.awaitErr(InterruptionTest::progressed, "a progress line");
            c.signal("INT");
            assertEquals(ExitCode.INTERRUPTED, c.awaitExit(), c.out() + c.err());
            assertTrue(c.out().startsWith("models: pidns-basic"), c.out());
            assertTrue(c.out().contains("?"), "cells not run are incomplete: " + c.out());
            assertTrue(c.err().contains("nscheck: interrupted after "), c.err());
        }
    }

    @Test
    void simulateOnSigtermPrintsTheWalksSoFarAsJson() throws Exception {
        try (ChildJvm c = new ChildJvm("simulate", "pidns-large", "--seed", "1", "--walks", "1000000000", "--progress", "1", "--json",
                "--out", tmp.toString())) {
            // A line counting a walk done, not only the first line (it comes after a second whatever the count).
            c.awaitErr(err -> err.lines().anyMatch(l -> l.matches("progress: simulate [1-9][0-9,]*/.*")), "a walk done");
            c.signal("TERM");
            assertEquals(ExitCode.TERMINATED, c.awaitExit(), c.out() + c.err());
            JsonNode d = JsonOutputTest.STRICT.readTree(c.out());
            assertTrue(d.get("interrupted").asBoolean(), c.out());
            assertTrue(d.get("walks").asLong() > 0, c.out());
            assertTrue(SchemaValidator.validate(JsonOutputTest.schema("simulate"), d).isEmpty(), c.out());
        }
    }

    @Test
    void checkOnSigintSumsUpTheStatesExplored() throws Exception {
        try (ChildJvm c = new ChildJvm("check", "pidns-large", "--progress", "1", "--out", tmp.toString())) {
            c.awaitErr(InterruptionTest::progressed, "a progress line");
            c.signal("INT");
            assertEquals(ExitCode.INTERRUPTED, c.awaitExit(), c.out() + c.err());
            assertTrue(c.out().contains("result: INTERRUPTED"), c.out());
            // A progress line surely came (the signal waited for it): on stderr, never on stdout (ProgressTest
            // checks the same on a search too short for a line on a fast machine).
            assertFalse(c.out().contains("progress:"), c.out());
        }
    }

    /**
     * N = 12 runs on the generic path only: it reports progress, and Ctrl-C stops it with its row (it once did neither).
     * Under --json the table goes to stderr and the JSON row says it is partial ({@code ending} interrupted, {@code complete} false).
     */
    @Test
    void benchOnSigintStopsTheGenericPathWithItsPartialRow() throws Exception {
        try (ChildJvm c = new ChildJvm("bench", "-n", "12", "--mode", "forever", "--reference", "none", "--progress", "1", "--json")) {
            c.awaitErr(err -> err.contains("progress: futex-mutex-forever N=12: "), "a progress line of N=12");
            c.signal("INT");
            assertEquals(ExitCode.INTERRUPTED, c.awaitExit(), c.out() + c.err());
            assertTrue(c.err().lines().anyMatch(l -> l.matches("futex-mutex-forever +12 object-bfs .*")), c.err());
            assertTrue(c.err().contains("interrupted: the last row counts only the states its search reached"), c.err());
            assertTrue(c.err().contains("the object-bfs search of N=12 ended early (interrupted)"), c.err());
            JsonNode d = JsonOutputTest.STRICT.readTree(c.out());
            assertTrue(SchemaValidator.validate(JsonOutputTest.schema("bench"), d).isEmpty(), c.out());
            assertTrue(d.get("interrupted").asBoolean(), c.out());
            JsonNode row = d.get("rows").get(d.get("rows").size() - 1);
            assertEquals(12, row.get("size").asInt(), c.out());
            assertEquals("interrupted", row.get("ending").asText(), c.out());
            assertEquals(false, row.get("complete").asBoolean(), c.out());
        }
    }

    @Test
    void conformOnSigintPrintsThePartialAgreementTable() throws Exception {
        assumeTrue(Probe.isRoot(), "conform runs against the kernel as root");
        try (ChildJvm c = new ChildJvm("conform", "--area", "pidns-basic", "--scenarios", "3000", "--progress", "1")) {
            // After scenarios have run: the table then has counts to show.
            c.awaitErr(err -> err.lines().anyMatch(l -> l.matches("progress: conform [1-9][0-9,]*/.*")), "a scenario done");
            c.signal("INT");
            assertEquals(ExitCode.INTERRUPTED, c.awaitExit(), c.out() + c.err());
            assertTrue(c.out().startsWith("conformance of mainline"), c.out());
            assertTrue(c.out().contains("interrupted in "), c.out());
        }
    }
}
