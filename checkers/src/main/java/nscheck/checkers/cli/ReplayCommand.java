package nscheck.checkers.cli;

import nscheck.checkers.trace.Replay;
import nscheck.checkers.trace.Trace;
import nscheck.checkers.cex.Counterexample;
import nscheck.checkers.cex.CounterexampleFile;
import nscheck.checkers.conform.KernelReplay;
import nscheck.checkers.conform.Probe;
import nscheck.checkers.conform.ProbeUnavailable;
import nscheck.checkers.scenario.ScenarioError;
import nscheck.checkers.scenario.ScenarioReplay;
import nscheck.checkers.scenario.Script;
import nscheck.model.Model;
import nscheck.model.ModelException;
import nscheck.model.TraceStep;
import nscheck.model.ModelCatalog;
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
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = Version.class, description = {
        "Re-execute counterexample files against the current spec: every recorded step must still be possible and observe",
        "what it recorded, and the property must still be violated (expect: violates) or hold throughout (expect: holds).",
        "Exit 0 if every file meets its expectation, 1 if one does not, 2 if one cannot be read."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file meets its expectation", "1:a file does not", "2:a file cannot be read, or usage error",
                "3:internal error"})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "counterexample files; a directory stands for the *.json files in it")
    List<Path> files;

    @Option(names = {"-q", "--quiet"}, description = "print one line per file, not every step")
    boolean quiet;

    @Option(names = "--rerecord-under", paramLabel = "VARIANT", description = {
            "instead of checking, run each trace's calls under VARIANT and write a new file with the observations the",
            "spec gives there, expecting `holds` if the property holds throughout (a fixed bug that must stay fixed)"})
    String rerecordUnder;

    @Option(names = "--html", paramLabel = "DIR", description = "also write a chart of each file into DIR (a divergence shows both sides)")
    Path html;

    @Option(names = "--kernel", description = {
            "run each file on the running kernel through the probe (needs root and gcc) and print, step by step, what the",
            "spec and the kernel each observed; exit 1 at the first divergence"})
    boolean kernel;

    @Option(names = "--out", paramLabel = "DIR", description = "where --rerecord-under writes (default: ${DEFAULT-VALUE})")
    Path outDir = Path.of("nscheck-out");

    @Mixin
    JsonOption jsonOption;

    @Mixin
    ProgressOption progress;

    @Mixin
    CommonOptions common;

    private int passed, failed, unreadable;
    /** One entry per file for --json: file, result (pass, fail, unreadable), message. */
    private final List<Map<String, Object>> outcomes = new ArrayList<>();
    private Map<String, Object> current;

    @Override
    public Integer call() throws IOException {
        PrintWriter json = spec.commandLine().getOut();
        PrintWriter stdout = jsonOption.json ? spec.commandLine().getErr() : json;
        PrintWriter stderr = spec.commandLine().getErr();
        if (kernel) return onKernel(expand(files), stdout, stderr);
        if (rerecordUnder != null) {
            VariantOption.named(rerecordUnder);
            OutDir.checkDirectory(outDir, "--out");
        }
        List<Path> all = expand(files);
        try (ProgressTicker ticker = new ProgressTicker(stderr, progress.millis(), "replay", "files", all.size(),
                () -> passed + failed + unreadable)) {
            for (Path file : all) {
                current = new LinkedHashMap<>();
                current.put("file", file.toString());
                outcomes.add(current);
                try {
                    Script script = rerecordUnder == null ? ScenarioReplay.readIfScenario(file) : null;
                    if (script != null && script.property() == null) {
                        // a scenario: no property to judge, only the results it states
                        boolean ok = ScenarioReplay.run(file, script, stdout, quiet);
                        if (ok) passed++;
                        else failed++;
                        current.put("result", ok ? "pass" : "fail");
                        stdout.flush();
                        continue;
                    }
                    Counterexample cex = CounterexampleFile.read(file);
                    current.put("model", cex.model());
                    current.put("variant", cex.variant());
                    current.put("property", cex.property().name());
                    current.put("expect", cex.expect());
                    Model<?, ?> m = rebuild(cex, common.force);
                    CounterexampleFile.validate(file, cex, m);
                    if (rerecordUnder != null) rerecord(file, cex, stdout);
                    else replay(file, cex, m, stdout, script == null ? null : ScenarioReplay.taskNames(script));
                } catch (CounterexampleFile.BadFile | ScenarioError | ModelException | UsageError e) {
                    unreadable++;
                    String message = e instanceof CounterexampleFile.BadFile ? e.getMessage() : file + ": " + e.getMessage();
                    current.put("result", "unreadable");
                    current.put("message", message);
                    stderr.println("nscheck: " + message);
                }
                stdout.flush();
                stderr.flush();
            }
        }
        if (rerecordUnder == null && passed + failed + unreadable > 1)
            stdout.printf("replayed %d file%s: %d passed, %d failed, %d unreadable%n",
                    passed + failed + unreadable, passed + failed + unreadable == 1 ? "" : "s", passed, failed, unreadable);
        if (html != null) stderr.println("nscheck: report in " + nscheck.checkers.report.Reports.counterexamples(html, expand(files)));
        stdout.flush();
        if (jsonOption.json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("files", outcomes);
            o.put("passed", passed);
            o.put("failed", failed);
            o.put("unreadable", unreadable);
            Json.print(json, o);
        }
        if (unreadable > 0) return ExitCode.USAGE;
        return failed > 0 ? ExitCode.VIOLATED : ExitCode.OK;
    }

    /** The counterexample's model, after the memory estimate (a file may say pid_max 2000000000). */
    static Model<?, ?> rebuild(Counterexample cex, boolean force) {
        Map<String, Integer> bounds = cex.bounds() == null ? Map.of() : cex.bounds();
        MemoryEstimate.check(ModelCatalog.find(cex.model()), bounds, force);
        return CounterexampleFile.rebuild(cex);
    }

    /** `replay --kernel`: each file on the running kernel, through the probe. */
    private int onKernel(List<Path> all, PrintWriter out, PrintWriter err) {
        if (rerecordUnder != null) throw new UsageError("--kernel and --rerecord-under do not go together");
        KernelReplay k;
        try {
            k = new KernelReplay(Probe.build());
        } catch (ProbeUnavailable e) {
            throw new UsageError("replay --kernel: " + e.getMessage());
        }
        for (Path file : all) {
            try {
                if (k.replay(file, out)) passed++;
                else failed++;
            } catch (CounterexampleFile.BadFile e) {
                unreadable++;
                err.println("nscheck: " + e.getMessage());
            } catch (ScenarioError e) {
                unreadable++;
                err.println("nscheck: " + file + ": " + e.getMessage());
            }
            out.flush();
            err.flush();
        }
        if (unreadable > 0) return ExitCode.USAGE;
        return failed > 0 ? ExitCode.VIOLATED : ExitCode.OK;
    }

    private static List<Path> expand(List<Path> args) throws IOException {
        List<Path> out = nscheck.checkers.report.Site.expand(args);
        if (out.isEmpty()) throw new UsageError("no counterexample files in " + args);
        return out;
    }

    /** @param names the author's task names of a version 2 file, printed instead of slots; null for version 1 */
    private <S, A> void replay(Path file, Counterexample cex, Model<S, A> m, PrintWriter out, ScenarioReplay.TaskNames names) {
        String property = cex.property().name();
        boolean expectViolation = Counterexample.VIOLATES.equals(cex.expect());
        if (!quiet) {
            out.printf("replay %s%n", file);
            out.printf("  model %s, variant %s, property %s, %d steps, expect %s%n", m.name(), m.variant(), property,
                    cex.trace().size(), cex.expect());
        }
        Replay<S, A> replay = new Replay<>(m, property);
        S initial = Replay.initialState(m, cex.initial());
        if (initial == null) {
            report(file, false, "diverged at step 0: the initial state is now "
                    + m.initialStates().stream().map(m::describeState).toList() + ", recorded " + cex.initial(), out);
            return;
        }
        Replay.Result<S, A> r = replay.run(initial, cex.trace(), Replay.Matching.EXACT, false);
        if (!quiet) {
            out.printf("  initial  %s%s%n", names == null ? m.describeState(initial) : names.initial(), r.violatedAt() == 0 ? "   <- " + property + " violated" : "");
            int i = 1;
            for (Trace.Step<S, A> s : r.trace().steps()) {
                TraceStep d = m.describe(s.pre(), s.action(), s.post());
                String line = names != null && i <= names.steps().size() ? TraceText.line(i, d, names.steps().get(i - 1)) : TraceText.line(i, d);
                out.println(line + (r.violatedAt() == i ? "   <- " + property + " violated" : ""));
                i++;
            }
            if (r.diverged()) out.println("  " + String.format("%3d", r.divergence().step()) + "  DIVERGES: " + r.divergence().message());
        }
        int n = cex.trace().size();
        if (r.diverged()) {
            report(file, false, "diverged at step " + r.divergence().step() + " of " + n + ": " + r.divergence().message(), out);
        } else if (expectViolation && r.violated()) {
            report(file, true, property + " still violated" + (r.violatedAt() == n ? " at the last step" : " at step " + r.violatedAt() + " of " + n), out);
        } else if (expectViolation) {
            report(file, false, "every observation reproduced, but " + property + " is no longer violated (fixed? rerecord it with --rerecord-under)", out);
        } else if (r.violated()) {
            report(file, false, property + " is violated again, at step " + r.violatedAt() + " of " + n + " (expected to hold)", out);
        } else {
            report(file, true, "every observation reproduced and " + property + " holds throughout", out);
        }
    }

    private void report(Path file, boolean ok, String why, PrintWriter out) {
        if (ok) passed++;
        else failed++;
        current.put("result", ok ? "pass" : "fail");
        current.put("message", why);
        out.printf("%s %s: %s%n", ok ? "PASS" : "FAIL", file, why);
        if (!quiet) out.println();
    }

    /** The trace was found elsewhere: say where, so the file still tells which bug it once showed. */
    private static Counterexample.FoundBy rerecorded(Counterexample cex) {
        Counterexample.FoundBy by = cex.foundBy();
        String engine = (by == null ? "unknown" : by.engine()) + ", rerecorded from variant " + cex.variant();
        return new Counterexample.FoundBy(engine, by == null ? null : by.seed(), by != null && by.minimized());
    }

    /** Runs the recorded calls under another variant and writes what that variant observes. */
    private void rerecord(Path file, Counterexample cex, PrintWriter out) throws IOException {
        Counterexample under = new Counterexample(cex.format(), cex.version(), cex.model(), cex.bounds(), rerecordUnder,
                cex.property(), cex.foundBy(), cex.expect(), cex.initial(), cex.trace());
        rerecordIn(file, cex, CounterexampleFile.rebuild(under), out);
    }

    private <S, A> void rerecordIn(Path file, Counterexample cex, Model<S, A> m, PrintWriter out) throws IOException {
        S initial = Replay.initialState(m, cex.initial());
        if (initial == null) initial = m.initialStates().get(0);
        Replay.Result<S, A> r = new Replay<>(m, cex.property().name()).run(initial, cex.trace(), Replay.Matching.CALLS, false);
        if (r.diverged()) {
            report(file, false, "cannot rerecord under " + m.variant() + ": step " + r.divergence().step() + ": " + r.divergence().message(), out);
            return;
        }
        List<TraceStep> steps = new ArrayList<>();
        for (Trace.Step<S, A> s : r.trace().steps()) steps.add(m.describe(s.pre(), s.action(), s.post()));
        Counterexample now = new Counterexample(Counterexample.FORMAT, Counterexample.VERSION, cex.model(), m.bounds(), m.variant(),
                cex.property(), rerecorded(cex), r.violated() ? Counterexample.VIOLATES : Counterexample.HOLDS,
                m.describeState(initial), steps);
        // The origin goes into the name: several variants' traces of one property rerecord under one variant.
        String name = CounterexampleFile.fileName(now).replaceFirst("\\.json$", "") + "-from-" + cex.variant() + ".json";
        Path written = CounterexampleFile.writeTo(outDir.resolve(name), now);
        passed++;
        current.put("result", "rerecorded");
        current.put("message", r.violated() ? "still violated" : "holds");
        current.put("written", written.toString());
        out.printf("rerecorded %s under %s: %s %s; written to %s%n", file, m.variant(), cex.property().name(),
                r.violated() ? "still violated (expect violates)" : "holds (expect holds)", written);
    }
}
