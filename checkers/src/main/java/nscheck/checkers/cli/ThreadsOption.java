package nscheck.checkers.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** `--threads N`: searches or search workers run at once (bench's old `--workers`). */
final class ThreadsOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--threads", paramLabel = "N", description = "threads to search with (default: the number of processors)")
    void threads(String value) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            // bench's --threads once meant model sizes (now -n/--sizes): say so rather than "not an int".
            throw new ParameterException(command.commandLine(), "--threads takes one number of search threads, not '" + value
                    + "' (bench's model sizes are -n/--sizes)");
        }
        if (n < 1 || n > 1024) throw new ParameterException(command.commandLine(), "--threads must be 1..1024, not " + n);
        threads = n;
    }

    @Option(names = "--workers", paramLabel = "N", hidden = true, description = "old name of --threads")
    void workers(String n) {
        Deprecation.warn(command, "--workers", "--threads");
        threads(n);
    }
}
