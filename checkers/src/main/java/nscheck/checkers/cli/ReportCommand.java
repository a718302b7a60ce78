package nscheck.checkers.cli;

import nscheck.checkers.cex.CounterexampleFile;
import nscheck.checkers.report.Site;
import nscheck.model.ModelException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Version.class, description = {
        "Write a static, self-contained HTML site (no network needed) with a sequence chart of each counterexample file:",
        "a lifeline per task inside boxes for its PID namespaces, each task's NSpid at every step, the violated invariant."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "counterexample files; a directory stands for the *.json files in it")
    List<Path> files;

    @Option(names = "--out", paramLabel = "DIR", description = "where the site goes (default: ${DEFAULT-VALUE})")
    Path out = Path.of("nscheck-out", "report");

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        List<Path> all = Site.expand(files);
        if (all.isEmpty()) throw new UsageError("no counterexample files in " + files);
        Site site = new Site(out);
        int written = 0, unreadable = 0;
        for (Path f : all) {
            try {
                site.counterexample(f);
                written++;
            } catch (CounterexampleFile.BadFile | ModelException e) {
                unreadable++;
                stderr.println("nscheck: " + (e instanceof ModelException ? f + ": " : "") + e.getMessage());
            }
        }
        Path index = site.index();
        stdout.printf("wrote %d chart%s to %s; open %s%n", written, written == 1 ? "" : "s", out, index);
        return unreadable > 0 ? ExitCode.USAGE : ExitCode.OK;
    }
}
