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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "simulate", description = {
        "Random walks through a model, checking every invariant at every step, for state spaces too large to enumerate.",
        "Each walk enables a random subset of the call families (swarm testing) so rare calls are reached. A violating",
        "walk is minimized and written as a counterexample file. The same seed gives the same walks."})
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL", description = "a shipped model name (see `nscheck list`) or the path of a model file")
    String model;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the first walk; the later walks' seeds are drawn from it (default: random, printed)")
    Long seed;

    @Option(names = "--walks", paramLabel = "N", description = "number of walks (default: ${DEFAULT-VALUE})")
    int walks = SimulationOptions.DEFAULT_WALKS;

    @Option(names = "--depth", paramLabel = "D", description = "longest walk, in steps; it replaces the model's steps bound, which limits only the BFS (default: ${DEFAULT-VALUE})")
    int depth = SimulationOptions.DEFAULT_DEPTH;

    @Option(names = "--variant", paramLabel = "NAME", description = "semantics variant (default: the model's, usually mainline)")
    String variant;

    @Option(names = "--set", paramLabel = "BOUND=VALUE", description = "replace a bound, e.g. --set tasks=6 (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--continue", description = "after a violation, keep walking to find violations of the other properties")
    boolean continueAfterViolation;

    @Option(names = "--no-minimize", description = "write the walk as it was, not minimized")
    boolean noMinimize;

    @Option(names = "--out", paramLabel = "DIR", description = "where counterexample files go (default: ${DEFAULT-VALUE})")
    Path outDir = Path.of("nscheck-out");

    @Override
    public Integer call() throws IOException {
        if (walks < 1 || depth < 1) throw new Main.UsageError("--walks and --depth must be at least 1");
        Map<String, Integer> overrides = CheckCommand.parseSets(sets);
        Model<?, ?> m = ModelCatalog.find(model).build(overrides, variant);
        long s = seed != null ? seed : new java.util.SplittableRandom().nextLong();
        return simulate(m, new SimulationOptions(s, walks, depth, continueAfterViolation), spec.commandLine().getOut());
    }

    private <S, A> int simulate(Model<S, A> m, SimulationOptions options, PrintWriter out) throws IOException {
        StringBuilder b = new StringBuilder();
        m.bounds().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        out.printf("model %s, variant %s, bounds%s%n", m.name(), m.variant(), b);
        out.printf("simulating: seed %d, %d walks of up to %d steps; checking %s%n", options.seed(), options.walks(), options.depth(),
                String.join(", ", m.properties().stream().map(p -> p.name()).toList()));
        out.flush();
        Simulation<S, A> sim = new Simulation<>(m, options);
        Thread hook = new Thread(sim::requestStop);
        Runtime.getRuntime().addShutdownHook(hook);
        SimulationResult<S, A> r;
        try {
            r = sim.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: the JVM is exiting because of the interrupt
            }
        }
        for (SimulationResult.Found<S, A> f : r.found()) {
            Violation<S, A> v = f.violation();
            Trace<S, A> shown = v.trace();
            Minimizer<S, A> minimizer = new Minimizer<>(m, v.property());
            if (!noMinimize) {
                Trace<S, A> small = minimizer.minimize(v.trace(), false);
                if (small != null) shown = small;
            }
            out.printf("%nviolation of %s: %s%n", v.property(), v.statement());
            out.printf("found by walk %d (walk seed %d; rerun it alone with --seed %d --walks 1) after %d steps%s:%n",
                    f.walk(), f.walkSeed(), f.walkSeed(), v.trace().length(),
                    noMinimize ? "" : "; minimized to " + shown.length() + " (" + minimizer.replays() + " replays)");
            TraceText.print(out, m, shown);
            Path file = CounterexampleFile.write(outDir, CounterexampleFile.of(m, new Violation<>(v.property(), v.statement(), shown),
                    "simulation", f.walkSeed(), !noMinimize));
            out.printf("counterexample written to %s%n%n", file);
        }
        out.println("result: " + (r.violated()
                ? "VIOLATED (" + String.join(", ", r.found().stream().map(f -> f.violation().property()).toList()) + ")"
                : "no violation in " + r.walks() + " walks (not a proof: the walks are a sample)"));
        out.printf(Locale.ROOT, "  %,d walks, %,d steps, %.2f s, %,.0f walks/s, %,.0f steps/s; seed %d%n",
                r.walks(), r.steps(), r.seconds(), r.walksPerSecond(), r.stepsPerSecond(), options.seed());
        StringBuilder cov = new StringBuilder();
        r.coverage().counts().forEach((k, v) -> cov.append(String.format(Locale.ROOT, " %s=%,d", k, v)));
        out.println("coverage:" + cov);
        if (!r.coverage().neverFired().isEmpty())
            out.println("warning: never fired: " + String.join(", ", r.coverage().neverFired()));
        out.flush();
        return r.violated() ? ExitCode.VIOLATED : ExitCode.OK;
    }
}
