package nscheck.checkers.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * An old flag name, still accepted for a while (issue 15: one set of names across the
 * subcommands): it works as the new one does and says so on stderr, never on stdout, which
 * may be JSON.
 */
final class Deprecation {
    private Deprecation() {}

    static void warn(CommandSpec command, String old, String now) {
        var err = command.commandLine() != null ? command.commandLine().getErr() : new java.io.PrintWriter(System.err, true);
        err.println("nscheck: warning: " + old + " is deprecated and will go; use " + now);
        err.flush();
    }
}
