package nscheck.checkers.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `nscheck compare` on the command line: formats, and one-line usage errors. */
class CompareCommandTest {
    @Test
    void printsTheMatrixInEachFormat(@TempDir Path out) {
        for (String format : new String[] {"text", "md", "json"}) {
            CliTest.Run r = CliTest.nscheck("compare", "--models", "restore-migration", "--variant", "mainline,clone-with-pids-2009",
                    "--format", format, "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("no-unprivileged-pid-choice"), r.out());
            assertTrue(r.out().contains(format.equals("json") ? "\"violated\"" : "FAIL 2"), r.out());
        }
    }

    @Test
    void usageErrorsAreOneLine() {
        CliTest.Run r = CliTest.nscheck("compare", "--format", "html");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals(2, CliTest.nscheck("compare", "--variant", "nosuch").code());
        assertEquals(2, CliTest.nscheck("compare", "--models", "nosuch").code());
    }
}
