package nscheck.checkers.cli;

import picocli.CommandLine.Option;

/** `--seed S`: the seed of every random choice a subcommand makes; the same seed makes the same run. */
final class SeedOption {
    @Option(names = "--seed", paramLabel = "S", description = "seed of the random choices; the same seed makes the same run (default: conform 1, simulate random and printed)")
    Long seed;

    long or(long fallback) {
        return seed != null ? seed : fallback;
    }
}
