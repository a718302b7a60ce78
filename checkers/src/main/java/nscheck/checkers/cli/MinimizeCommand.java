package nscheck.checkers.cli;

import nscheck.checkers.shrink.Minimizer;
import nscheck.checkers.trace.Replay;
import nscheck.checkers.trace.Trace;
import nscheck.checkers.trace.Violation;
import nscheck.checkers.cex.Counterexample;
import nscheck.checkers.cex.CounterexampleFile;
import nscheck.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "minimize", mixinStandardHelpOptions = true, versionProvider = Version.class, description = {
        "Shrink a counterexample's trace while it still violates the same property under the current spec: delta",
        "debugging over the steps, then simpler arguments and lower-numbered actors."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:minimized and written", "1:the trace no longer violates its property", "2:usage or input error",
                "3:internal error"})
final class MinimizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "a counterexample file")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "the directory the result goes to, under the input's file name (default: ${DEFAULT-VALUE})")
    Path outDir = Path.of("nscheck-out");

    /** The old name wrote one file; it still does, so scripts keep their file names. */
    Path outputFile;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", hidden = true)
    void output(Path f) {
        Deprecation.warn(spec, "minimize -o/--output FILE", "--out DIR (the file keeps the input's name)");
        outputFile = f;
    }

    @Option(names = "--budget", paramLabel = "N", description = "most candidate traces to replay, 1 or more (default: ${DEFAULT-VALUE})")
    int budget = Minimizer.DEFAULT_BUDGET;

    @Mixin
    JsonOption jsonOption;

    @Mixin
    ProgressOption progress;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        if (budget < 1) throw new UsageError("--budget must be at least 1, not " + budget);
        Path target = outputFile != null ? OutDir.checkFile(outputFile, "-o")
                : OutDir.checkDirectory(outDir, "--out").resolve(file.getFileName() == null ? Path.of("minimized.json") : file.getFileName());
        Counterexample cex = CounterexampleFile.read(file);
        return minimize(cex, ReplayCommand.rebuild(cex, common.force), target);
    }

    private <S, A> int minimize(Counterexample cex, Model<S, A> m, Path target) throws IOException {
        PrintWriter stdout = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        PrintWriter out = jsonOption.json ? err : stdout;
        String property = cex.property().name();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", file.toString());
        o.putAll(Json.model(m));
        o.put("property", property);
        o.put("steps_before", cex.trace().size());
        S initial = Replay.initialState(m, cex.initial());
        if (initial == null) {
            err.println("nscheck: " + file + ": the model's initial state is no longer " + cex.initial() + "; nothing to minimize");
            return failed(o, "initial state differs", stdout);
        }
        Minimizer<S, A> minimizer = new Minimizer<>(m, property, budget);
        long start = System.nanoTime();
        Trace<S, A> small;
        try (ProgressTicker ticker = new ProgressTicker(err, progress.millis(), "minimize", "replays", budget, minimizer::replays)) {
            small = minimizer.minimize(initial, cex.trace(), false);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (small == null) {
            err.println("nscheck: " + file + ": the trace does not violate " + property + " under the current spec (variant "
                    + m.variant() + "); nothing to minimize");
            return failed(o, "no longer violated", stdout);
        }
        Counterexample result = CounterexampleFile.of(m, new Violation<>(property, cex.property().statement(), small),
                cex.foundBy() == null ? "unknown" : cex.foundBy().engine(), cex.foundBy() == null ? null : cex.foundBy().seed(), true);
        Path written = CounterexampleFile.writeTo(target, result);
        out.printf(java.util.Locale.ROOT, "minimized %s: %d -> %d steps (%d candidate traces replayed, %.2f s), still violates %s%n",
                file, cex.trace().size(), small.length(), minimizer.replays(), seconds, property);
        TraceText.print(out, m, small);
        out.printf("written to %s%n", written);
        out.flush();
        if (jsonOption.json) {
            o.put("result", "minimized");
            o.put("steps_after", small.length());
            o.put("replays", minimizer.replays());
            o.put("seconds", seconds);
            o.put("written", written.toString());
            o.put("trace", Json.trace(m, small));
            Json.print(stdout, o);
        }
        return ExitCode.OK;
    }

    private int failed(Map<String, Object> o, String why, PrintWriter stdout) {
        if (jsonOption.json) {
            o.put("result", "not_violated");
            o.put("reason", why);
            Json.print(stdout, o);
        }
        return ExitCode.VIOLATED;
    }
}
