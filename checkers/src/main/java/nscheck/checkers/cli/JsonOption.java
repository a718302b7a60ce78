package nscheck.checkers.cli;

import picocli.CommandLine.Option;

/** `--json`: stdout carries exactly one JSON document (schema in nscheck/schema/SUBCOMMAND.json); everything else goes to stderr. */
final class JsonOption {
    @Option(names = "--json", description = "print the result as one JSON document on stdout (schema: docs/cli.md); the rest goes to stderr")
    boolean json;
}
