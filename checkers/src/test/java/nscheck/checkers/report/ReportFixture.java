package nscheck.checkers.report;

import nscheck.checkers.engine.CheckOptions;
import nscheck.checkers.engine.CheckResult;
import nscheck.checkers.engine.Engines;
import nscheck.checkers.engine.Progress;
import nscheck.checkers.trace.Violation;
import nscheck.checkers.cex.CounterexampleFile;
import nscheck.checkers.compare.Comparison;
import nscheck.checkers.compare.Matrix;
import nscheck.checkers.conform.AreaResult;
import nscheck.checkers.conform.Conformance;
import nscheck.checkers.conform.Probe;
import nscheck.checkers.conform.ProbeUnavailable;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import nscheck.spec.variant.Variants;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small report site built from shipped material by small, fast runs: a shipped counterexample's
 * chart, a check run's figures, a compare matrix, and (as root, where the probe can make PID
 * namespaces) a conformance run of a seeded bug, which the kernel contradicts.
 */
final class ReportFixture {
    /** A shipped counterexample with namespaces nested two deep and a slot reused: everything a chart draws. */
    static final String COUNTEREXAMPLE = "pidns-basic-seeded-shallow-zap-init-kills-namespace.json";
    /** The variants of the small matrix: mainline, a seeded bug that fails as mainline does plus one more, and one that fails differently. */
    static final List<String> VARIANTS = List.of("mainline", "seeded-global-reaper", "seeded-leaky-translate");

    /** @param conform null where the probe cannot run (not root) */
    record Pages(Path root, Path index, Path chart, Path run, Path matrix, Path conform, List<Path> all) {
        /** One page of each kind: the index, a chart, a run, the matrix, the conformance page and its first chart. */
        List<Path> kinds() {
            List<Path> out = new ArrayList<>(List.of(index, chart, run, matrix));
            if (conform != null) out.add(conform);
            all.stream().filter(p -> p.getFileName().toString().startsWith("conform-")).findFirst().ifPresent(out::add);
            return out;
        }
    }

    private ReportFixture() {}

    static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("counterexamples"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("not inside the nscheck repository");
        return p;
    }

    static Pages build(Path dir) throws IOException {
        Site site = new Site(dir);
        Path chart = dir.resolve(site.counterexample(repositoryRoot().resolve("counterexamples").resolve(COUNTEREXAMPLE)));
        Path run = dir.resolve(check(site, dir.resolve("files")));
        Matrix m = Comparison.run(List.of(ModelCatalog.find("signals-pgrp"), ModelCatalog.find("pidns-init-death")),
                VARIANTS.stream().map(Variants::byName).toList(), Map.of("steps", 4), dir.resolve("files"), 2);
        Path matrix = dir.resolve(MatrixPage.write(site, m));
        Path conform = null;
        try {
            Conformance c = new Conformance(Variants.byName("seeded-leaky-translate"), Probe.build());
            List<AreaResult> results = List.of(c.run("pidns-basic", 30, 1, 10));
            conform = dir.resolve(ConformancePage.write(site, c, results));
        } catch (ProbeUnavailable e) {
            System.err.println("ReportFixture: no conformance page: " + e.getMessage());
        }
        Path index = site.index();
        List<Path> all = new ArrayList<>(List.of(index, chart, run, matrix));
        if (conform != null) all.add(conform);
        try (var charts = Files.list(dir.resolve(Site.CHARTS))) {
            charts.filter(p -> !p.equals(chart)).sorted().forEach(all::add);
        }
        return new Pages(dir, index, chart, run, matrix, conform, all);
    }

    /** A check of a small model under a seeded bug, with its figures and its counterexample. */
    private static String check(Site site, Path files) throws IOException {
        Model<?, ?> m = ModelCatalog.find("pidns-init-death").build(Map.of(), "seeded-global-reaper");
        return checked(site, m, files);
    }

    private static <S, A> String checked(Site site, Model<S, A> m, Path files) throws IOException {
        RunFigures figures = new RunFigures(Progress.NONE);
        CheckResult<S, A> r = Engines.pick(m, new CheckOptions(-1, false, 0), figures).run();
        figures.finish(r.stats());
        List<Path> written = new ArrayList<>();
        for (Violation<S, A> v : r.violations()) written.add(CounterexampleFile.write(files, CounterexampleFile.of(m, v, "bfs", null, false)));
        return RunPage.write(site, r, written, figures);
    }
}
