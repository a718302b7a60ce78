package nscheck.checkers.report;

import nscheck.checkers.engine.CheckResult;
import nscheck.checkers.cex.CounterexampleFile;
import nscheck.checkers.compare.Matrix;
import nscheck.checkers.conform.AreaResult;
import nscheck.checkers.conform.Conformance;
import nscheck.model.ModelException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the commands' --html DIR writes: each adds its pages to the site in DIR and rebuilds its
 * index, so one directory can collect a check, a compare, a conform and a replay.
 * Every method returns the index page.
 */
public final class Reports {
    private Reports() {}

    public static Path check(Path dir, CheckResult<?, ?> result, List<Path> counterexamples, RunFigures figures) throws IOException {
        Site site = new Site(dir);
        RunPage.write(site, result, counterexamples, figures);
        return site.index();
    }

    public static Path compare(Path dir, Matrix matrix) throws IOException {
        Site site = new Site(dir);
        MatrixPage.write(site, matrix);
        return site.index();
    }

    public static Path conform(Path dir, Conformance c, List<AreaResult> results) throws IOException {
        Site site = new Site(dir);
        ConformancePage.write(site, c, results);
        return site.index();
    }

    /** A chart per counterexample file; files that cannot be read or rebuilt are left out (the command has said why). */
    public static Path counterexamples(Path dir, List<Path> files) throws IOException {
        Site site = new Site(dir);
        for (Path f : files) {
            try {
                site.counterexample(f);
            } catch (CounterexampleFile.BadFile | ModelException e) {
                // reported by the command that read the file
            }
        }
        return site.index();
    }
}
