package nscheck.checkers.cli;

import nscheck.checkers.shrink.Minimizer;
import nscheck.checkers.walk.Simulation;
import nscheck.checkers.walk.SimulationOptions;
import nscheck.checkers.walk.SimulationResult;
import nscheck.checkers.trace.Trace;
import nscheck.checkers.trace.Violation;
import nscheck.checkers.cex.CounterexampleFile;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import nscheck.model.ModelSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = Version.class, description = {
        "Random walks through a model, checking every invariant at every step, for state spaces too large to enumerate.",
        "Each walk enables a random subset of the call families (swarm testing) so rare calls are reached. A violating",
        "walk is minimized and written as a counterexample file. The same seed gives the same walks."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no violation in the walks", "1:an invariant is violated", "2:usage or input error", "3:internal error",
                "130/143:interrupted; the walks so far are reported"})
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL", description = "a shipped model name (see `nscheck list`) or the path of a model file")
    String model;

    @Mixin
    BoundsOption bounds;

    @Mixin
    VariantOption variant;

    @Mixin
    SeedOption seed;

    @Mixin
    JsonOption jsonOption;

    @Mixin
    ProgressOption progress;

    @Mixin
    CommonOptions common;

    @Option(names = "--walks", paramLabel = "N", description = "number of walks (default: ${DEFAULT-VALUE})")
    int walks = SimulationOptions.DEFAULT_WALKS;

    @Option(names = "--walk-length", paramLabel = "N",
            description = "longest walk, in steps; it replaces the model's steps bound, which limits only the BFS (default: ${DEFAULT-VALUE})")
    int walkLength = SimulationOptions.DEFAULT_DEPTH;

    /** Old name: "depth" is also a bound (PID namespace nesting), which --set depth=N sets. */
    @Option(names = "--depth", paramLabel = "N", hidden = true)
    void depth(int n) {
        Deprecation.warn(spec, "simulate --depth", "--walk-length (--set depth=N is the namespace-nesting bound)");
        walkLength = n;
    }

    @Option(names = "--continue", description = "after a violation, keep walking to find violations of the other properties")
    boolean continueAfterViolation;

    @Option(names = "--no-minimize", description = "write the walk as it was, not minimized")
    boolean noMinimize;

    @Option(names = "--out", paramLabel = "DIR", description = "where counterexample files go (default: ${DEFAULT-VALUE})")
    Path outDir = Path.of("nscheck-out");

    @Override
    public Integer call() throws IOException {
        if (walks < 1 || walks > 1_000_000_000) throw new UsageError("--walks must be 1..1000000000, not " + walks);
        if (walkLength < 1 || walkLength > 100_000) throw new UsageError("--walk-length must be 1..100000, not " + walkLength);
        OutDir.checkDirectory(outDir, "--out");
        Map<String, Integer> overrides = bounds.overrides();
        ModelSource source = ModelCatalog.find(model);
        MemoryEstimate.check(source, overrides, common.force);
        Model<?, ?> m = source.build(overrides, variant.variant);
        long s = seed.or(new java.util.SplittableRandom().nextLong());
        return simulate(m, new SimulationOptions(s, walks, walkLength, continueAfterViolation));
    }

    private <S, A> int simulate(Model<S, A> m, SimulationOptions options) throws IOException {
        boolean json = jsonOption.json;
        PrintWriter stdout = spec.commandLine().getOut(), stderr = spec.commandLine().getErr();
        PrintWriter out = json ? stderr : stdout;
        StringBuilder b = new StringBuilder();
        m.bounds().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        out.printf("model %s, variant %s, bounds%s%n", m.name(), m.variant(), b);
        out.printf("simulating: seed %d, %d walks of up to %d steps; checking %s%n", options.seed(), options.walks(), options.depth(),
                String.join(", ", m.properties().stream().map(p -> p.name()).toList()));
        out.flush();
        Simulation<S, A> sim = new Simulation<>(m, options);
        try (Interruption interruption = new Interruption(sim::requestStop);
             ProgressTicker ticker = new ProgressTicker(stderr, progress.millis(), "simulate", "walks", options.walks(), sim::walksDone)) {
            SimulationResult<S, A> r = sim.run();
            ticker.close();
            boolean stopped = interruption.requested();
            List<Map<String, Object>> found = new ArrayList<>();
            for (SimulationResult.Found<S, A> f : r.found()) {
                Violation<S, A> v = f.violation();
                Trace<S, A> shown = v.trace();
                Minimizer<S, A> minimizer = new Minimizer<>(m, v.property());
                // Interrupted: the walk as found, at once, rather than a minimization the user stopped waiting for.
                boolean minimize = !noMinimize && !stopped;
                if (minimize) {
                    Trace<S, A> small = minimizer.minimize(v.trace(), false);
                    if (small != null) shown = small;
                }
                out.printf("%nviolation of %s: %s%n", v.property(), v.statement());
                out.printf("found by walk %d (walk seed %d; rerun it alone with --seed %d --walks 1) after %d steps%s:%n",
                        f.walk(), f.walkSeed(), f.walkSeed(), v.trace().length(),
                        minimize ? "; minimized to " + shown.length() + " (" + minimizer.replays() + " replays)" : "");
                TraceText.print(out, m, shown);
                Path file = CounterexampleFile.write(outDir, CounterexampleFile.of(m, new Violation<>(v.property(), v.statement(), shown),
                        "simulation", f.walkSeed(), minimize));
                out.printf("counterexample written to %s%n%n", file);
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("property", v.property());
                o.put("statement", v.statement());
                o.put("walk", f.walk());
                o.put("walk_seed", f.walkSeed());
                o.put("walk_length", v.trace().length());
                o.put("length", shown.length());
                o.put("minimized", minimize);
                o.put("file", file.toString());
                o.put("trace", Json.trace(m, shown));
                found.add(o);
            }
            String verdict = r.violated()
                    ? "VIOLATED (" + String.join(", ", r.found().stream().map(f -> f.violation().property()).toList()) + ")"
                    : stopped ? "INTERRUPTED: no violation in the " + r.walks() + " walks done before the signal"
                    : "no violation in " + r.walks() + " walks (not a proof: the walks are a sample)";
            out.println("result: " + verdict);
            out.printf(Locale.ROOT, "  %,d walks, %,d steps, %.2f s, %,.0f walks/s, %,.0f steps/s; seed %d%n",
                    r.walks(), r.steps(), r.seconds(), r.walksPerSecond(), r.stepsPerSecond(), options.seed());
            StringBuilder cov = new StringBuilder();
            r.coverage().counts().forEach((k, v) -> cov.append(String.format(Locale.ROOT, " %s=%,d", k, v)));
            out.println("coverage:" + cov);
            if (!r.coverage().neverFired().isEmpty())
                out.println("warning: never fired: " + String.join(", ", r.coverage().neverFired()));
            out.flush();
            if (json) {
                Map<String, Object> o = Json.model(m);
                o.put("result", r.violated() ? "violated" : stopped ? "interrupted" : "no_violation");
                o.put("interrupted", stopped);
                o.put("seed", options.seed());
                o.put("walks_requested", options.walks());
                o.put("walk_length", options.depth());
                o.put("walks", r.walks());
                o.put("steps", r.steps());
                o.put("seconds", r.seconds());
                o.put("violations", found);
                o.put("coverage", r.coverage().counts());
                o.put("never_fired", r.coverage().neverFired());
                Json.print(stdout, o);
            }
            return r.violated() ? ExitCode.VIOLATED : interruption.exitCode(ExitCode.OK);
        }
    }
}
