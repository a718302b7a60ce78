package nscheck.checkers.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import static nscheck.checkers.cli.CliTest.nscheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One case per documented exit code (docs/cli.md, README "Exit codes"): the code and the first
 * line. 130 and 143 need a signal, so InterruptionTest runs them in a child JVM.
 */
class ExitCodesTest {
    @TempDir
    Path tmp;

    @Test
    void zeroWhenEveryInvariantHolds() {
        CliTest.Run r = nscheck("check", "pidns-init-death", "--set", "steps=3", "--progress", "0", "--out", tmp.toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("model pidns-init-death"), r.out());
    }

    @Test
    void oneWhenAnInvariantIsViolated() {
        CliTest.Run r = nscheck("check", "pidns-basic", "--variant", "seeded-leaky-translate", "--progress", "0", "--out", tmp.toString());
        assertEquals(ExitCode.VIOLATED, r.code(), r.err());
        assertTrue(r.out().contains("result: VIOLATED (pid-round-trip)"), r.out());
    }

    @Test
    void twoForAUsersMistakeInOneLineWithoutAStackTrace() {
        CliTest.Run r = nscheck("check", "no-such-model");
        assertEquals(ExitCode.USAGE, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("nscheck: unknown model 'no-such-model'"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void debugAddsTheStackTraceToAUsersMistake() {
        CliTest.Run r = nscheck("check", "no-such-model", "--debug");
        assertEquals(ExitCode.USAGE, r.code());
        assertTrue(r.err().startsWith("nscheck: unknown model 'no-such-model'"), r.err());
        assertTrue(r.err().contains("\tat nscheck."), r.err());
    }

    /** A bug in nscheck itself: a subcommand that throws, under the real handlers. */
    @Command(name = "crash")
    static final class Crash implements Callable<Integer> {
        @CommandLine.Option(names = "--debug")
        boolean debug;

        @Override
        public Integer call() {
            throw new IllegalStateException("a bug");
        }
    }

    private static CliTest.Run crash(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        CommandLine cl = Main.commandLine(new PrintWriter(out), new PrintWriter(err), debug);
        cl.addSubcommand("crash", new Crash());
        int code = Main.execute(cl, args);
        return new CliTest.Run(code, out.toString(), err.toString());
    }

    @Test
    void threeForAnInternalErrorInOneLineAndTheTraceWithDebug() {
        CliTest.Run r = crash("crash");
        assertEquals(ExitCode.INTERNAL, r.code());
        assertEquals("nscheck: internal error: java.lang.IllegalStateException: a bug (rerun with --debug for the stack trace)", r.err().strip());
        CliTest.Run d = crash("crash", "--debug");
        assertEquals(ExitCode.INTERNAL, d.code());
        assertTrue(d.err().contains("\tat nscheck.checkers.cli.ExitCodesTest$Crash.call"), d.err());
    }

    @Test
    void theTopLevelHelpListsEveryExitCode() {
        CliTest.Run r = nscheck("--help");
        assertEquals(0, r.code());
        for (String code : new String[] {"0", "1", "2", "3", "130", "143"})
            assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith(code + " ")), code + " in\n" + r.out());
    }
}
