package nscheck.checkers.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nscheck.checkers.compare.Cancellation;
import nscheck.checkers.compare.Comparison;
import nscheck.checkers.compare.Matrix;
import nscheck.checkers.compare.MatrixFormat;
import nscheck.model.ModelCatalog;
import nscheck.model.ModelSource;
import nscheck.spec.variant.Mainline;
import nscheck.spec.variant.SeededBugs;
import nscheck.spec.variant.Variant;
import nscheck.spec.variant.Variants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Check every invariant of the shipped models under every variant and print the matrix.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the matrix is complete (violations are its content, not an error)", "2:usage or input error",
                "3:a run could not finish (out of memory, model error)", "130/143:interrupted; the partial matrix is printed"})
final class CompareCommand implements Callable<Integer> {
    /**
     * None adds an invariant the others lack. pidns-large, futex-mutex-once and futex-mutex-forever
     * are speed benchmarks. pidns-basic, signals-siginfo and ipc-shm have no step bound,
     * and under the numbering proposals (global-pids, pidspaces-2006) their state spaces grow to
     * millions of states; pidns-init-death, ipc-msg, ipc-sem and signals-pgrp check the same
     * invariants to a bounded depth.
     */
    static final List<String> SKIPPED_BY_DEFAULT = List.of("pidns-basic", "pidns-large", "signals-siginfo", "ipc-shm",
            "futex-mutex-once", "futex-mutex-forever");

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, md or json (default: ${DEFAULT-VALUE}; --json is --format json)")
    String format = "text";

    @Option(names = "--models", paramLabel = "M1,M2", split = ",", description = "the models to run (default: the shipped models with a step bound or a small state space; see docs/cli.md)")
    List<String> models;

    @Option(names = "--variant", paramLabel = "V1,V2", split = ",", description = "the variants, repeatable or comma-separated (default: mainline and the historical proposals)")
    List<String> variants;

    @Option(names = "--variants", paramLabel = "V1,V2", split = ",", hidden = true)
    void oldVariants(List<String> names) {
        Deprecation.warn(spec, "compare --variants", "--variant (repeatable or comma-separated)");
        if (variants == null) variants = new ArrayList<>();
        variants.addAll(names);
    }

    @Option(names = "--seeded", description = "add the seeded-bug variants as columns")
    boolean seeded;

    @Mixin
    BoundsOption bounds;

    @Option(names = "--out", paramLabel = "DIR", description = "where counterexample files go (default: ${DEFAULT-VALUE})")
    Path out = Path.of("nscheck-out", "compare");

    @Option(names = "--html", paramLabel = "DIR", description = "also write the matrix as HTML into DIR, each failing cell linked to its chart")
    java.nio.file.Path html;

    @Mixin
    ThreadsOption threads;

    @Mixin
    JsonOption jsonOption;

    @Mixin
    ProgressOption progress;

    @Mixin
    CommonOptions common;

    @Option(names = "--verbose", description = "print a line on stderr as each run ends")
    boolean verbose;

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (jsonOption.json) format = "json";
        if (!List.of("text", "md", "json").contains(format)) throw new UsageError("--format takes text, md or json, not '" + format + "'");
        List<ModelSource> sources = new ArrayList<>();
        if (models == null) {
            for (ModelSource m : ModelCatalog.shipped()) if (!SKIPPED_BY_DEFAULT.contains(m.name())) sources.add(m);
        } else {
            for (String name : models) sources.add(ModelCatalog.find(name.trim()));
        }
        List<Variant> columns = new ArrayList<>();
        if (variants == null) {
            columns.add(Mainline.INSTANCE);
            columns.addAll(Variants.PROPOSALS);
        } else {
            for (String name : variants) columns.add(VariantOption.named(name.trim()));
        }
        if (seeded) for (Variant v : SeededBugs.ALL) if (!columns.contains(v)) columns.add(v);
        Map<String, Integer> overrides = bounds.overrides();
        // A bound no chosen model has would be dropped silently by every run (issue 15: compare --set frob=3).
        for (String name : overrides.keySet())
            if (sources.stream().noneMatch(s -> s.defaultBounds().containsKey(name)))
                throw new UsageError("--set " + name + ": no model compared has that bound");
        for (ModelSource s : sources) {
            Map<String, Integer> own = new LinkedHashMap<>(overrides);
            own.keySet().retainAll(s.defaultBounds().keySet());
            MemoryEstimate.check(s, own, common.force);
        }
        OutDir.checkDirectory(out, "--out");
        long start = System.nanoTime();
        int total = columns.size() * sources.size();
        AtomicInteger done = new AtomicInteger();
        Cancellation cancel = new Cancellation();
        Matrix m;
        boolean stopped;
        try (Interruption interruption = new Interruption(cancel::request);
             ProgressTicker ticker = new ProgressTicker(stderr, progress.millis(), "compare", "runs", total, done::get)) {
            m = Comparison.run(sources, columns, overrides, out, threads.threads, line -> {
                done.incrementAndGet();
                if (verbose) synchronized (stderr) {
                    stderr.println("nscheck: " + line);
                    stderr.flush();
                }
            }, cancel);
            ticker.close();
            stopped = interruption.requested();
            if (stopped) stderr.printf("nscheck: interrupted after %d of %d runs; cells not run are marked incomplete%n", done.get(), total);
            switch (format) {
                case "md" -> stdout.print(MatrixFormat.markdown(m));
                case "json" -> {
                    ObjectNode o = (ObjectNode) Json.MAPPER.readTree(MatrixFormat.json(m));
                    o.put("complete", m.complete());
                    o.put("interrupted", stopped);
                    o.put("runs", total);
                    o.put("runs_done", done.get());
                    Json.print(stdout, o);
                }
                default -> stdout.print(MatrixFormat.text(m));
            }
            stdout.flush();
            if (html != null) stderr.println("nscheck: report in " + nscheck.checkers.report.Reports.compare(html, m));
            stderr.printf("nscheck: compared %d variants on %d models, %,d distinct states, %.1f s%n", columns.size(), sources.size(),
                    m.states(), (System.nanoTime() - start) / 1e9);
            stderr.flush();
            if (stopped) return ExitCode.INTERRUPTED;
        }
        return m.complete() ? ExitCode.OK : ExitCode.INTERNAL;
    }
}
