package nscheck.checkers.cli;

import nscheck.checkers.conform.AreaResult;
import nscheck.checkers.conform.ConformJson;
import nscheck.checkers.conform.ConformReport;
import nscheck.checkers.conform.Conformance;
import nscheck.checkers.conform.KernelReplay;
import nscheck.checkers.conform.Probe;
import nscheck.checkers.conform.ProbeUnavailable;
import nscheck.spec.variant.Variant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "conform", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Run scenarios drawn from the spec on the real kernel and compare every observation (needs root).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the kernel agrees with the spec (known divergences aside)", "1:a mismatch (each is rerun once and said reproducible or not)",
                "2:usage error, or no root/gcc, or no permission for the kernel runner's namespaces here", "3:the probe died; the scenarios before it are reported",
                "130/143:interrupted; the partial agreement table is printed"})
final class ConformCommand implements Callable<Integer> {
    static {
        // The help lists the areas that run, whatever their number (issue 15: it said 6 while 10 ran).
        System.setProperty("nscheck.conform.areas", String.join(", ", Conformance.areaNames()));
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--area", paramLabel = "AREA", description = "an area to check (repeatable; default: all of ${sys:nscheck.conform.areas})")
    List<String> areas = new ArrayList<>();

    @Option(names = "--scenarios", paramLabel = "N", description = "scenarios in all, shared among the areas (default: ${DEFAULT-VALUE})")
    int scenarios = 400;

    @Mixin
    SeedOption seed;

    @Option(names = "--walk-length", paramLabel = "N", description = "longest random walk, in steps after the setup, 1..40 (default: ${DEFAULT-VALUE})")
    int walkLength = 10;

    @Option(names = "--html", paramLabel = "DIR", description = "also write the report as HTML into DIR, with a chart of each mismatch")
    java.nio.file.Path html;

    @Mixin
    VariantOption variant;

    @Mixin
    JsonOption jsonOption;

    @Mixin
    ProgressOption progress;

    @Mixin
    CommonOptions common;

    @Option(names = "--scenario", paramLabel = "FILE", description = "a scenario or counterexample file to run as well, compared step by step (repeatable; alone, only these run)")
    List<java.nio.file.Path> scenarioFiles = new ArrayList<>();

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter stdout = spec.commandLine().getOut(), stderr = spec.commandLine().getErr();
        Variant v = VariantOption.named(variant.variant == null ? "mainline" : variant.variant);
        List<String> chosen = areas.isEmpty() && scenarioFiles.isEmpty() ? Conformance.areaNames() : areas;
        for (String a : chosen)
            if (!Conformance.areaNames().contains(a))
                throw new UsageError("unknown area '" + a + "' (known: " + String.join(", ", Conformance.areaNames()) + ")");
        if (walkLength < 1 || walkLength > 40) throw new UsageError("--walk-length must be within 1..40, not " + walkLength);
        if (!chosen.isEmpty() && (scenarios < chosen.size() || scenarios > 1_000_000))
            throw new UsageError("--scenarios must be within " + chosen.size() + " (one per area)..1000000, not " + scenarios);
        long start = System.nanoTime();
        Probe probe;
        try {
            probe = Probe.build();
        } catch (ProbeUnavailable e) {
            throw new UsageError(e.getMessage());
        }
        Conformance c = new Conformance(v, probe);
        List<AreaResult> results = new ArrayList<>();
        boolean stopped;
        try (Interruption interruption = new Interruption(c::requestStop);
             ProgressTicker ticker = new ProgressTicker(stderr, progress.millis(), "conform", "scenarios", scenarios, c::scenariosDone)) {
            for (int i = 0; i < chosen.size() && !interruption.requested(); i++) {
                int share = scenarios / chosen.size() + (i < scenarios % chosen.size() ? 1 : 0);
                results.add(c.run(chosen.get(i), share, seed.or(1), walkLength));
            }
            if (!scenarioFiles.isEmpty() && !interruption.requested()) {
                try {
                    results.add(new KernelReplay(probe).conform(scenarioFiles));
                } catch (nscheck.checkers.scenario.ScenarioError | nscheck.checkers.cex.CounterexampleFile.BadFile e) {
                    throw new UsageError(e.getMessage());
                }
            }
            ticker.close();
            stopped = interruption.requested();
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (jsonOption.json) {
                ConformReport.print(stderr, c, results, millis);
                Json.print(stdout, ConformJson.of(c, results, millis, stopped));
            } else {
                ConformReport.print(stdout, c, results, millis);
            }
            if (stopped) stderr.printf("nscheck: interrupted after %d areas of %d%n", results.size(), chosen.size());
            stdout.flush();
            stderr.flush();
        }
        if (html != null) stderr.println("nscheck: report in " + nscheck.checkers.report.Reports.conform(html, c, results));
        boolean mismatch = results.stream().anyMatch(r -> !r.mismatches().isEmpty());
        if (mismatch) return ExitCode.VIOLATED;
        if (stopped) return ExitCode.INTERRUPTED;
        if (results.stream().anyMatch(r -> r.failure() != null)) return ExitCode.INTERNAL;
        return ExitCode.OK;
    }
}
