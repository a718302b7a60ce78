package nscheck.checkers.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `--progress SECONDS`: how often a progress line goes to stderr (never stdout). */
final class ProgressOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    int seconds = 5;

    @Option(names = "--progress", paramLabel = "SECONDS", description = "seconds between progress lines on stderr, 0 for none (default: 5)")
    void seconds(int s) {
        if (s < 0) throw new picocli.CommandLine.ParameterException(command.commandLine(), "--progress must be 0 (none) or more seconds, not " + s);
        seconds = s;
    }

    long millis() {
        return seconds * 1000L;
    }
}
