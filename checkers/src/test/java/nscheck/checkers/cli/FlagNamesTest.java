package nscheck.checkers.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static nscheck.checkers.cli.CliTest.nscheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One set of flag names across the subcommands; the old names still work, with a warning on stderr (never stdout). */
class FlagNamesTest {
    static final Path ZAP_WALK = CounterexampleCommandsTest.ZAP_WALK;

    @TempDir
    Path tmp;

    private static void deprecated(CliTest.Run r, String old) {
        assertTrue(r.err().startsWith("nscheck: warning: " + old + " is deprecated"), r.err());
        assertFalse(r.out().contains("deprecated"), r.out());
    }

    @Test
    void minimizesOldOutputFileStillWritesThatFile() {
        Path file = tmp.resolve("mine.json");
        CliTest.Run r = nscheck("minimize", ZAP_WALK.toString(), "-o", file.toString(), "--progress", "0");
        assertEquals(0, r.code(), r.err());
        deprecated(r, "minimize -o/--output FILE");
        assertTrue(Files.exists(file));
    }

    @Test
    void simulatesDepthIsNowWalkLength() {
        CliTest.Run r = nscheck("simulate", "pidns-alloc", "--seed", "1", "--walks", "5", "--depth", "7", "--progress", "0", "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        deprecated(r, "simulate --depth");
        assertTrue(r.out().contains("5 walks of up to 7 steps"), r.out());
    }

    @Test
    void benchsWorkersIsNowThreadsAndItsVariantsIsNowMode() {
        CliTest.Run r = nscheck("bench", "-n", "2", "--variants", "once", "--workers", "1", "--reference", "none", "--progress", "0");
        assertEquals(0, r.code(), r.err());
        deprecated(r, "bench --variants");
        assertTrue(r.err().contains("nscheck: warning: --workers is deprecated and will go; use --threads"), r.err());
        assertTrue(r.out().contains("1 worker thread"), r.out());
        assertFalse(r.out().contains("futex-mutex-forever"), r.out());
        CliTest.Run n = nscheck("bench", "--sizes", "2", "--mode", "forever", "--threads", "1", "--reference", "none", "--progress", "0");
        assertEquals(0, n.code(), n.err());
        assertEquals("", n.err());
        CliTest.Run old = nscheck("bench", "--threads", "6,7");
        assertEquals(2, old.code());
        assertTrue(old.err().contains("bench's model sizes are -n/--sizes"), old.err());
    }

    @Test
    void comparesVariantsIsNowVariant() {
        CliTest.Run r = nscheck("compare", "--models", "restore-migration", "--variants", "mainline", "--progress", "0",
                "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        deprecated(r, "compare --variants");
    }

    @Test
    void theSharedFlagsMeanTheSameEverywhere() {
        // --set, --variant, --json, --progress, --debug, --force on every model-running subcommand.
        for (String sub : new String[] {"check", "simulate"}) {
            String help = nscheck(sub, "--help").out();
            for (String flag : new String[] {"--set", "--variant", "--json", "--progress", "--out", "--debug", "--force"})
                assertTrue(help.contains(flag), sub + " has " + flag);
        }
        for (String sub : new String[] {"compare", "bench"}) assertTrue(nscheck(sub, "--help").out().contains("--threads"), sub);
        for (String sub : new String[] {"simulate", "conform"}) assertTrue(nscheck(sub, "--help").out().contains("--seed"), sub);
        for (String sub : new String[] {"simulate", "conform"}) assertTrue(nscheck(sub, "--help").out().contains("--walk-length"), sub);
    }
}
