package nscheck.checkers.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small report site built from shipped material, for the browser test and the page tests. */
final class ReportFixture {
    /** A shipped counterexample with namespaces nested two deep and a slot reused: everything a chart draws. */
    static final String COUNTEREXAMPLE = "pidns-basic-seeded-shallow-zap-init-kills-namespace.json";

    record Pages(Path root, Path index, Path chart, List<Path> all) {}

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
        Path index = site.index();
        List<Path> all = new ArrayList<>(List.of(index, chart));
        return new Pages(dir, index, chart, all);
    }
}
