package nscheck.checkers.cli;

import nscheck.checkers.golden.GoldenCounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * `nscheck golden`: recomputes the golden counts and diffs them against the pinned file (exit 1 on
 * any difference), or rewrites the file with {@code --write} after a deliberate semantic change.
 */
@Command(name = "golden", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Recompute every shipped model's counts and verdicts under every variant it runs with, and diff them",
                "against the pinned file (model/golden-counts.json). Exit 1 when a number moved; --write rewrites the file."})
public final class GoldenCommand implements Callable<Integer> {
    @Option(names = "--write", description = "rewrite the file with the fresh counts instead of diffing")
    boolean write;

    @Option(names = "--file", paramLabel = "FILE", description = "the golden file (default: ${DEFAULT-VALUE})")
    Path file = GoldenCounts.FILE;

    @Mixin
    ThreadsOption threadsOption;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        int threads = threadsOption.threads;
        List<GoldenCounts.Run> pinned = null;
        if (!write) {
            try {
                pinned = GoldenCounts.read(file);
            } catch (NoSuchFileException e) {
                throw new UsageError("no golden file at " + file + " (run from the repository root, or give --file)");
            }
        }
        long t0 = System.nanoTime();
        List<GoldenCounts.Run> fresh = GoldenCounts.compute(threads, line -> System.err.println("  " + line));
        double seconds = (System.nanoTime() - t0) / 1e9;
        // With and without symmetry reduction, every run must give the same verdicts (issue 14).
        List<String> disagree = GoldenCounts.disagreements(fresh);
        for (String d : disagree) System.out.println("reduced and unreduced disagree: " + d);
        if (write) {
            Files.writeString(file, GoldenCounts.render(fresh));
            System.out.printf("wrote %d runs to %s (%.1f s)%n", fresh.size(), file, seconds);
            return disagree.isEmpty() ? ExitCode.OK : ExitCode.VIOLATED;
        }
        List<String> diffs = new java.util.ArrayList<>(GoldenCounts.differences(pinned, fresh));
        diffs.addAll(disagree);
        for (String d : diffs) System.out.println(d);
        System.out.printf("%d runs, %d differ from %s (%.1f s)%n", fresh.size(), diffs.size(), file, seconds);
        return diffs.isEmpty() ? ExitCode.OK : ExitCode.VIOLATED;
    }
}
