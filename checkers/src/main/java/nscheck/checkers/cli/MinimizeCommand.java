package nscheck.checkers.cli;

import nscheck.checkers.shrink.Minimizer;
import nscheck.checkers.trace.Replay;
import nscheck.checkers.trace.Trace;
import nscheck.checkers.trace.Violation;
import nscheck.checkers.cex.Counterexample;
import nscheck.checkers.cex.CounterexampleFile;
import nscheck.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "minimize", description = {
        "Shrink a counterexample's trace while it still violates the same property under the current spec: delta",
        "debugging over the steps, then simpler arguments and lower-numbered actors. Exit 1 if the trace no longer violates."})
final class MinimizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "a counterexample file")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "where to write the result (default: nscheck-out/ and the input's file name)")
    Path output;

    @Option(names = "--budget", paramLabel = "N", description = "most candidate traces to replay (default: ${DEFAULT-VALUE})")
    int budget = Minimizer.DEFAULT_BUDGET;

    @Override
    public Integer call() throws IOException {
        Counterexample cex = CounterexampleFile.read(file);
        return minimize(cex, CounterexampleFile.rebuild(cex), spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    private <S, A> int minimize(Counterexample cex, Model<S, A> m, PrintWriter out, PrintWriter err) throws IOException {
        String property = cex.property().name();
        S initial = Replay.initialState(m, cex.initial());
        if (initial == null) {
            err.println("nscheck: " + file + ": the model's initial state is no longer " + cex.initial() + "; nothing to minimize");
            return ExitCode.VIOLATED;
        }
        Minimizer<S, A> minimizer = new Minimizer<>(m, property, budget);
        long start = System.nanoTime();
        Trace<S, A> small = minimizer.minimize(initial, cex.trace(), false);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (small == null) {
            err.println("nscheck: " + file + ": the trace does not violate " + property + " under the current spec (variant "
                    + m.variant() + "); nothing to minimize");
            return ExitCode.VIOLATED;
        }
        Counterexample result = CounterexampleFile.of(m, new Violation<>(property, cex.property().statement(), small),
                cex.foundBy() == null ? "unknown" : cex.foundBy().engine(), cex.foundBy() == null ? null : cex.foundBy().seed(), true);
        Path written = CounterexampleFile.writeTo(output != null ? output : Path.of("nscheck-out").resolve(file.getFileName()), result);
        out.printf(java.util.Locale.ROOT, "minimized %s: %d -> %d steps (%d candidate traces replayed, %.2f s), still violates %s%n",
                file, cex.trace().size(), small.length(), minimizer.replays(), seconds, property);
        TraceText.print(out, m, small);
        out.printf("written to %s%n", written);
        return ExitCode.OK;
    }
}
