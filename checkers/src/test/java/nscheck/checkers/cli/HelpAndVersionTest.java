package nscheck.checkers.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static nscheck.checkers.cli.CliTest.nscheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `nscheck SUB --help`, `-h`, `-V` and `--version` on every subcommand (issue 15: --help failed with exit 2 on all eight). */
class HelpAndVersionTest {
    static final List<String> SUBCOMMANDS = List.of("list", "check", "replay", "minimize", "simulate", "bench", "compare", "conform");

    @Test
    void goldenHasHelp() {
        CliTest.Run r = nscheck("golden", "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: nscheck golden"), r.out());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : SUBCOMMANDS)
            for (String flag : new String[] {"--help", "-h"}) {
                CliTest.Run r = nscheck(sub, flag);
                assertEquals(0, r.code(), sub + " " + flag + ": " + r.err());
                assertTrue(r.out().startsWith("Usage: nscheck " + sub), r.out());
                assertTrue(r.out().contains("--json"), sub + " documents --json");
                assertTrue(r.out().contains("--debug"), sub + " documents --debug");
            }
    }

    /** golden (a regression diff) and report (it writes a site) have help and version too, and no --json. */
    @Test
    void everySubcommandHasAVersion() {
        for (String sub : java.util.stream.Stream.concat(SUBCOMMANDS.stream(), java.util.stream.Stream.of("golden", "report")).toList())
            for (String flag : new String[] {"--version", "-V"}) {
                CliTest.Run r = nscheck(sub, flag);
                assertEquals(0, r.code(), sub + " " + flag + ": " + r.err());
                assertTrue(r.out().startsWith("nscheck "), r.out());
            }
        assertTrue(nscheck("--version").out().startsWith("nscheck "));
    }

    @Test
    void helpSubcommandStillWorks() {
        CliTest.Run r = nscheck("help", "check");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Usage: nscheck check"), r.out());
    }

    @Test
    void conformsHelpNamesEveryAreaThatRuns() {
        String help = nscheck("conform", "--help").out().replaceAll("\\s+", " ");
        for (String area : nscheck.checkers.conform.Conformance.areaNames()) assertTrue(help.contains(area), area + " in " + help);
    }
}
