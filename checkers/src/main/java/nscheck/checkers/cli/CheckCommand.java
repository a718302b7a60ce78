package nscheck.checkers.cli;

import nscheck.checkers.engine.CheckOptions;
import nscheck.checkers.engine.CheckResult;
import nscheck.checkers.engine.Ending;
import nscheck.checkers.engine.Engine;
import nscheck.checkers.engine.Engines;
import nscheck.checkers.shrink.Minimizer;
import nscheck.checkers.trace.Trace;
import nscheck.checkers.trace.Violation;
import nscheck.checkers.cex.Counterexample;
import nscheck.checkers.cex.CounterexampleFile;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import nscheck.model.ModelSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "check", description = "Explore every reachable state of a model breadth-first and check its invariants.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL", description = "a shipped model name (see `nscheck list`) or the path of a model file")
    String model;

    @Option(names = "--variant", paramLabel = "NAME", description = "semantics variant (default: the model's, usually mainline)")
    String variant;

    @Option(names = "--set", paramLabel = "BOUND=VALUE", description = "replace a bound, e.g. --set tasks=5 (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--json", description = "print the result as JSON on stdout")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "where counterexample files go (default: ${DEFAULT-VALUE})")
    Path out = Path.of("nscheck-out");

    @Option(names = "--html", paramLabel = "DIR", description = "also write an HTML report (figures, counterexample charts) into DIR")
    Path html;

    @Option(names = "--continue", description = "after a violation, go on to find the shortest counterexample of every property")
    boolean continueAfterViolation;

    @Option(names = "--no-minimize", description = "write counterexamples as the search found them (they are already shortest; minimizing only simplifies arguments)")
    boolean noMinimize;

    @Option(names = "--progress", paramLabel = "SECONDS", description = "seconds between progress lines on stderr, 0 for none (default: ${DEFAULT-VALUE})")
    int progressSeconds = 5;

    @Option(names = "--bitstate", paramLabel = "LOG2BITS",
            description = "bounded memory (packed models): SPIN-style bitstate hashing into 2^LOG2BITS bits; may miss states, and says how many it expects to")
    int bitstateLog2;

    @Option(names = "--frontier-memory", paramLabel = "MIB",
            description = "disk-backed frontier (packed models): keep at most MIB of each BFS level in memory, the rest in a temporary file")
    long frontierMib = -1;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        ModelSource source = ModelCatalog.find(model);
        Model<?, ?> m = source.build(parseSets(sets), variant);
        if ((bitstateLog2 != 0 || frontierMib >= 0) && !(m instanceof nscheck.model.packed.PackedModelView))
            throw new Main.UsageError("--bitstate and --frontier-memory need a packed model (futex-mutex-once, futex-mutex-forever); "
                    + m.name() + " is not one");
        if (bitstateLog2 != 0 && (bitstateLog2 < 10 || bitstateLog2 > 36)) throw new Main.UsageError("--bitstate must be 10..36");
        if (frontierMib < -1) throw new Main.UsageError("--frontier-memory must be at least 0");
        CheckOptions options = new CheckOptions(-1, continueAfterViolation, progressSeconds * 1000L);
        return check(m, options, stdout, stderr);
    }

    static Map<String, Integer> parseSets(List<String> sets) {
        Map<String, Integer> overrides = new LinkedHashMap<>();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) throw new Main.UsageError("--set takes BOUND=VALUE, not '" + s + "'");
            try {
                overrides.put(s.substring(0, eq).trim(), Integer.parseInt(s.substring(eq + 1).trim()));
            } catch (NumberFormatException e) {
                throw new Main.UsageError("--set " + s.substring(0, eq) + " needs a whole number, not '" + s.substring(eq + 1) + "'");
            }
        }
        return overrides;
    }

    /**
     * BFS traces are already shortest, so the minimizer skips delta debugging and only tries
     * simpler arguments and actors: a few dozen replays.
     */
    private static <S, A> CheckResult<S, A> simplified(Model<S, A> m, CheckResult<S, A> r) {
        List<Violation<S, A>> out = new ArrayList<>();
        for (Violation<S, A> v : r.violations()) {
            Trace<S, A> small = Violation.DEADLOCK.equals(v.property()) && !m.deadlockIsViolation() ? null
                    : new Minimizer<>(m, v.property(), 500).minimize(v.trace(), true);
            out.add(small == null ? v : new Violation<>(v.property(), v.statement(), small));
        }
        return new CheckResult<>(r.model(), r.ending(), r.stats(), List.copyOf(out), r.coverage(), r.exercised(), r.failure());
    }

    private <S, A> int check(Model<S, A> m, CheckOptions options, PrintWriter stdout, PrintWriter stderr) throws IOException {
        TextReport text = new TextReport(json ? stderr : stdout);
        text.header(m);
        nscheck.checkers.store.PackedVisitedSet store = bitstateLog2 == 0 ? null : new nscheck.checkers.store.BitstateSet(bitstateLog2);
        nscheck.checkers.report.RunFigures figures = new nscheck.checkers.report.RunFigures(text::progress);
        Engine<S, A> bfs = Engines.pick(m, options, figures, store, frontierMib < 0 ? -1 : frontierMib << 20,
                Path.of(System.getProperty("java.io.tmpdir")));
        CountDownLatch reported = new CountDownLatch(1);
        // Ctrl-C stops the search, and the JVM waits (briefly) for the summary of what was found.
        Thread hook = new Thread(() -> {
            bfs.requestStop();
            try {
                reported.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        CheckResult<S, A> result;
        try {
            result = bfs.run();
            if (!noMinimize) result = simplified(m, result);
            List<Path> files = new ArrayList<>();
            for (Violation<S, A> v : result.violations()) {
                Counterexample cex = CounterexampleFile.of(m, v, bfs.name(), null, !noMinimize);
                files.add(CounterexampleFile.write(out, cex));
            }
            text.result(result, files);
            if (store != null)
                (json ? stderr : stdout).printf(java.util.Locale.ROOT, "  %s: expected missed states %.3g (the counts are lower bounds)%n",
                        store.describe(), store.expectedOmissions(result.stats().distinct()));
            if (json) JsonReport.print(stdout, result, files);
            if (html != null) {
                figures.finish(result.stats());
                stderr.println("nscheck: report in " + nscheck.checkers.report.Reports.check(html, result, files, figures));
            }
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: the JVM is exiting because of the interrupt
            }
        }
        if (result.ending() == nscheck.checkers.engine.Ending.MODEL_ERROR) return ExitCode.INTERNAL;
        if (result.violated()) return ExitCode.VIOLATED;
        if (result.ending() == Ending.OUT_OF_MEMORY) {
            stderr.println("nscheck: bounds too large for memory after " + result.stats().distinct()
                    + " distinct states; lower a bound (--set) or give the JVM more heap (JAVA_OPTS=-Xmx...)");
            return ExitCode.USAGE;
        }
        return ExitCode.OK;
    }
}
