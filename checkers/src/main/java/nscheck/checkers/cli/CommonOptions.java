package nscheck.checkers.cli;

import picocli.CommandLine.Option;

/** Options every subcommand has: how errors are shown and whether hopeless bounds may run anyway. */
final class CommonOptions {
    @Option(names = "--debug", description = "on an error, print the Java stack trace too")
    boolean debug;

    @Option(names = "--force", description = "run even when the memory estimate says the bounds cannot fit in the heap")
    boolean force;
}
