package nscheck.checkers.cli;

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
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "compare", description = "Check every invariant of the shipped models under every variant and print the matrix.")
final class CompareCommand implements Callable<Integer> {
    /**
     * None adds an invariant the others lack. pidns-large, futex-mutex-once and futex-mutex-forever
     * are speed benchmarks. pidns-basic, signals-siginfo, ipc-shm and unix-creds have no step bound,
     * and under the numbering proposals (global-pids, pidspaces-2006) their state spaces grow to
     * millions of states; pidns-init-death, ipc-msg, ipc-sem and signals-pgrp check the same
     * invariants to a bounded depth.
     */
    static final List<String> SKIPPED_BY_DEFAULT = List.of("pidns-basic", "pidns-large", "signals-siginfo", "ipc-shm", "unix-creds",
            "futex-mutex-once", "futex-mutex-forever");

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, md or json (default: ${DEFAULT-VALUE})")
    String format = "text";

    @Option(names = "--models", paramLabel = "M1,M2", split = ",", description = "the models to run (default: the shipped models with a step bound or a small state space; see README)")
    List<String> models;

    @Option(names = "--variants", paramLabel = "V1,V2", split = ",", description = "the variants (default: mainline and the historical proposals)")
    List<String> variants;

    @Option(names = "--seeded", description = "add the seeded-bug variants as columns")
    boolean seeded;

    @Option(names = "--set", paramLabel = "BOUND=VALUE", description = "replace a bound in every model that has it, e.g. --set steps=6 (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "where counterexample files go (default: ${DEFAULT-VALUE})")
    Path out = Path.of("nscheck-out", "compare");

    @Option(names = "--html", paramLabel = "DIR", description = "also write the matrix as HTML into DIR, each failing cell linked to its chart")
    java.nio.file.Path html;

    @Option(names = "--threads", paramLabel = "N", description = "searches run at once (default: the number of processors)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--verbose", description = "print a line on stderr as each run ends")
    boolean verbose;

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (!List.of("text", "md", "json").contains(format)) throw new Main.UsageError("--format takes text, md or json, not '" + format + "'");
        if (threads < 1) throw new Main.UsageError("--threads must be at least 1");
        List<ModelSource> sources = new ArrayList<>();
        if (models == null) {
            for (ModelSource m : ModelCatalog.shipped()) if (!SKIPPED_BY_DEFAULT.contains(m.name())) sources.add(m);
        } else {
            for (String name : models) sources.add(ModelCatalog.find(name));
        }
        List<Variant> columns = new ArrayList<>();
        if (variants == null) {
            columns.add(Mainline.INSTANCE);
            columns.addAll(Variants.PROPOSALS);
        } else {
            for (String name : variants) {
                try {
                    columns.add(Variants.byName(name));
                } catch (IllegalArgumentException e) {
                    throw new Main.UsageError(e.getMessage());
                }
            }
        }
        if (seeded) for (Variant v : SeededBugs.ALL) if (!columns.contains(v)) columns.add(v);
        long start = System.nanoTime();
        Matrix m = Comparison.run(sources, columns, CheckCommand.parseSets(sets), out, threads, line -> {
            if (verbose) synchronized (stderr) {
                stderr.println("nscheck: " + line);
                stderr.flush();
            }
        });
        stdout.print(switch (format) {
            case "md" -> MatrixFormat.markdown(m);
            case "json" -> MatrixFormat.json(m);
            default -> MatrixFormat.text(m);
        });
        stdout.flush();
        if (html != null) stderr.println("nscheck: report in " + nscheck.checkers.report.Reports.compare(html, m));
        stderr.printf("nscheck: compared %d variants on %d models, %,d distinct states, %.1f s%n", columns.size(), sources.size(),
                m.states(), (System.nanoTime() - start) / 1e9);
        return m.complete() ? ExitCode.OK : ExitCode.INTERNAL;
    }
}
