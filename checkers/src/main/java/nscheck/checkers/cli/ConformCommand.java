package nscheck.checkers.cli;

import nscheck.checkers.conform.AreaResult;
import nscheck.checkers.conform.ConformReport;
import nscheck.checkers.conform.Conformance;
import nscheck.checkers.conform.KernelReplay;
import nscheck.checkers.conform.Probe;
import nscheck.checkers.conform.ProbeUnavailable;
import nscheck.spec.variant.Variant;
import nscheck.spec.variant.Variants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "conform", description = "Run scenarios drawn from the spec on the real kernel and compare every observation (needs root).")
final class ConformCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--area", paramLabel = "AREA", description = "an area to check (repeatable; default: all of pidns-basic, pidns-init-death, pidns-alloc, pidns-every-call, threads, futex)")
    List<String> areas = new ArrayList<>();

    @Option(names = "--scenarios", paramLabel = "N", description = "scenarios in all, shared among the areas (default: ${DEFAULT-VALUE})")
    int scenarios = 400;

    @Option(names = "--seed", paramLabel = "SEED", description = "seed of the scenario choice (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--walk-length", paramLabel = "N", description = "longest random walk, in steps after the setup (default: ${DEFAULT-VALUE})")
    int walkLength = 10;

    @Option(names = "--html", paramLabel = "DIR", description = "also write the report as HTML into DIR, with a chart of each mismatch")
    java.nio.file.Path html;

    @Option(names = "--variant", paramLabel = "NAME", description = "the semantics whose predictions are checked (default: ${DEFAULT-VALUE})")
    String variant = "mainline";

    @Option(names = "--scenario", paramLabel = "FILE", description = "a scenario or counterexample file to run as well, compared step by step (repeatable; alone, only these run)")
    List<java.nio.file.Path> scenarioFiles = new ArrayList<>();

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter out = spec.commandLine().getOut();
        Variant v;
        try {
            v = Variants.byName(variant);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError(e.getMessage());
        }
        List<String> chosen = areas.isEmpty() && scenarioFiles.isEmpty() ? Conformance.areaNames() : areas;
        for (String a : chosen)
            if (!Conformance.areaNames().contains(a))
                throw new Main.UsageError("unknown area '" + a + "' (known: " + String.join(", ", Conformance.areaNames()) + ")");
        if (walkLength < 1 || walkLength > 40) throw new Main.UsageError("--walk-length must be within 1..40");
        if (!chosen.isEmpty() && scenarios < chosen.size()) throw new Main.UsageError("--scenarios must be at least the number of areas (" + chosen.size() + ")");
        long start = System.nanoTime();
        Probe probe;
        try {
            probe = Probe.build();
        } catch (ProbeUnavailable e) {
            throw new Main.UsageError(e.getMessage());
        }
        Conformance c = new Conformance(v, probe);
        List<AreaResult> results = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            int share = scenarios / chosen.size() + (i < scenarios % chosen.size() ? 1 : 0);
            results.add(c.run(chosen.get(i), share, seed, walkLength));
        }
        if (!scenarioFiles.isEmpty()) {
            try {
                results.add(new KernelReplay(probe).conform(scenarioFiles));
            } catch (nscheck.checkers.scenario.ScenarioError | nscheck.checkers.cex.CounterexampleFile.BadFile e) {
                throw new Main.UsageError(e.getMessage());
            }
        }
        ConformReport.print(out, c, results, (System.nanoTime() - start) / 1_000_000);
        if (html != null) spec.commandLine().getErr().println("nscheck: report in " + nscheck.checkers.report.Reports.conform(html, c, results));
        boolean mismatch = results.stream().anyMatch(r -> !r.mismatches().isEmpty());
        return mismatch ? ExitCode.VIOLATED : ExitCode.OK;
    }
}
