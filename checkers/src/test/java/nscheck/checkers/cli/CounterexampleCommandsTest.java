package nscheck.checkers.cli;

import nscheck.checkers.cex.Counterexample;
import nscheck.checkers.cex.CounterexampleFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static nscheck.checkers.cli.CliTest.nscheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** replay, minimize and simulate from the command line: output, files written and exit codes. */
class CounterexampleCommandsTest {
    static final Path CORPUS = Path.of("..", "counterexamples");
    static final Path ZAP = CORPUS.resolve("pidns-basic-seeded-shallow-zap-init-kills-namespace.json");
    static final Path ZAP_WALK = CORPUS.resolve("pidns-basic-seeded-shallow-zap-init-kills-namespace-walk.json");

    @TempDir
    Path tmp;

    @Test
    void replayOfTheShippedCorpusPasses() {
        CliTest.Run r = nscheck("replay", "--quiet", CORPUS.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains(" 0 failed, 0 unreadable"), r.out());
    }

    @Test
    void replayPrintsEveryStepAndTheVerdict() {
        CliTest.Run r = nscheck("replay", ZAP.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("clone(CLONE_NEWPID)"), r.out());
        assertTrue(r.out().contains("<- init-kills-namespace violated"), r.out());
        assertTrue(r.out().contains("PASS " + ZAP + ": init-kills-namespace still violated at the last step"), r.out());
    }

    @Test
    void aChangedObservationIsADivergenceAtThatStep() throws IOException {
        // Step 3 is waitpid(-1) = 2 by T0; record another PID, as if the spec had changed its answer.
        String text = Files.readString(ZAP);
        int waitpid = text.indexOf("\"text\" : \"waitpid(-1)\"");
        assertTrue(waitpid > 0, "the shipped file reaps at step 3");
        String edited = text.substring(0, waitpid) + text.substring(waitpid).replaceFirst("\"observation\" : \"= 2\"", "\"observation\" : \"= 7\"");
        Path file = Files.writeString(tmp.resolve("edited.json"), edited);
        CliTest.Run r = nscheck("replay", file.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL " + file + ": diverged at step 3 of 5: T0 waitpid(-1) now observes = 2, recorded = 7"), r.out());
    }

    @Test
    void aFixedBugFailsItsViolatesExpectation() throws IOException {
        // The seeded bug's trace under mainline: every call still possible, but nothing is violated.
        Path file = Files.writeString(tmp.resolve("fixed.json"), Files.readString(CORPUS.resolve("pidns-basic-mainline-isolation-from-seeded-leaky-translate.json"))
                .replace("\"expect\" : \"holds\"", "\"expect\" : \"violates\""));
        CliTest.Run r = nscheck("replay", "-q", file.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("is no longer violated"), r.out());
    }

    @Test
    void corruptAndOlderFilesAreOneLineExitTwoWithoutAStackTrace() throws IOException {
        String text = Files.readString(ZAP);
        Path[] bad = {
                Files.writeString(tmp.resolve("truncated.json"), text.substring(0, text.length() / 3)),
                Files.writeString(tmp.resolve("older.json"), text.replace("\"version\" : 1", "\"version\" : 0")),
                Files.writeString(tmp.resolve("empty.json"), ""),
                Files.writeString(tmp.resolve("garbage.json"), "\u0000\u0001 not json"),
                CORPUS.resolve("broken").resolve("truncated.json"),
                CORPUS.resolve("broken").resolve("older-version.json"),
                tmp.resolve("missing.json"),
        };
        for (String command : new String[] {"replay", "minimize"}) {
            for (Path file : bad) {
                CliTest.Run r = nscheck(command, file.toString());
                assertEquals(2, r.code(), command + " " + file + " -> " + r.out() + r.err());
                assertTrue(r.err().startsWith("nscheck: " + file), r.err());
                assertEquals(1, r.err().strip().lines().count(), r.err());
                assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
            }
        }
        CliTest.Run older = nscheck("replay", CORPUS.resolve("broken").resolve("older-version.json").toString());
        assertTrue(older.err().contains("format version 0 is not supported"), older.err());
    }

    @Test
    void oneUnreadableFileAmongGoodOnesStillExitsTwo() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.json"), "{");
        CliTest.Run r = nscheck("replay", "-q", ZAP.toString(), bad.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("PASS " + ZAP), r.out());
    }

    @Test
    void minimizeShrinksTheShippedWalkToTheShortestTrace() {
        Path out = tmp.resolve(ZAP_WALK.getFileName());
        CliTest.Run r = nscheck("minimize", ZAP_WALK.toString(), "--out", tmp.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        Counterexample small = CounterexampleFile.read(out);
        Counterexample walked = CounterexampleFile.read(ZAP_WALK);
        assertEquals(42, walked.trace().size());
        // 5: the BFS's shortest (FutexModelsTest and the shipped bfs file agree).
        assertEquals(CounterexampleFile.read(ZAP).trace().size(), small.trace().size(), r.out());
        assertEquals("init-kills-namespace", small.property().name());
        assertEquals("simulation", small.foundBy().engine());
        assertEquals(384L, small.foundBy().seed());
        assertTrue(small.foundBy().minimized());
        assertEquals(0, nscheck("replay", out.toString()).code(), "the minimized file replays");
    }

    @Test
    void simulateIsReproducibleAndWritesAMinimizedCounterexample() throws IOException {
        String[] args = {"simulate", "futex-robust-crossns", "--seed", "7", "--walks", "200", "--walk-length", "30", "--out", tmp.toString()};
        CliTest.Run a = nscheck(args), b = nscheck(args);
        assertEquals(1, a.code(), a.out() + a.err());
        assertEquals(withoutTimings(a.out()), withoutTimings(b.out()), "the same seed, the same walks");
        assertTrue(a.out().contains("seed 7"), a.out());
        try (var files = Files.list(tmp)) {
            for (Path f : files.toList()) {
                Counterexample cex = CounterexampleFile.read(f);
                assertEquals("simulation", cex.foundBy().engine());
                assertTrue(cex.foundBy().minimized());
                assertEquals(0, nscheck("replay", "-q", f.toString()).code(), f.toString());
            }
        }
    }

    @Test
    void simulateOnAHoldingModelExitsZero() {
        CliTest.Run r = nscheck("simulate", "pidns-alloc", "--seed", "1", "--walks", "50", "--walk-length", "20", "--out", tmp.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("no violation in 50 walks"), r.out());
    }

    @Test
    void simulateRejectsAnEmptyBudget() {
        CliTest.Run r = nscheck("simulate", "pidns-basic", "--walks", "0");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    private static String withoutTimings(String out) {
        return out.lines().filter(l -> !l.contains(" s, ") && !l.contains("replays")).reduce("", (x, y) -> x + y + "\n");
    }
}
