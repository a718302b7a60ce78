package nscheck.checkers.cli;

import nscheck.checkers.engine.CheckOptions;
import nscheck.checkers.engine.CheckResult;
import nscheck.checkers.engine.Ending;
import nscheck.checkers.engine.Engine;
import nscheck.checkers.engine.Engines;
import nscheck.checkers.shrink.Minimizer;
import nscheck.checkers.trace.Trace;
import nscheck.checkers.trace.Violation;
import nscheck.checkers.cex.Counterexample;
import nscheck.checkers.cex.CounterexampleFile;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import nscheck.model.ModelSource;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Explore every reachable state of a model breadth-first and check its invariants.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every invariant holds", "1:an invariant is violated", "2:usage or input error", "3:internal error",
                "130/143:interrupted; the states explored so far are summed up"})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL", arity = "0..1", description = "a shipped model name (see `nscheck list`) or the path of a model file (not with --resume)")
    String model;

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "save the search in DIR every --checkpoint-interval seconds, to go on later with --resume DIR")
    Path checkpoint;

    @Option(names = "--checkpoint-interval", paramLabel = "SECONDS", defaultValue = "300",
            description = "seconds between checkpoints (at the next BFS level boundary; default ${DEFAULT-VALUE})")
    long checkpointSeconds;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "go on with the search saved in DIR by --checkpoint (same model, variant, bounds and options); it ends with the counts of an uninterrupted run")
    Path resume;

    @Mixin
    BoundsOption bounds;

    @Mixin
    VariantOption variant;

    @Mixin
    JsonOption jsonOption;

    @Mixin
    ProgressOption progress;

    @Mixin
    CommonOptions common;

    @Option(names = "--out", paramLabel = "DIR", description = "where counterexample files go (default: ${DEFAULT-VALUE})")
    Path out = Path.of("nscheck-out");

    @Option(names = "--html", paramLabel = "DIR", description = "also write an HTML report (figures, counterexample charts) into DIR")
    Path html;

    @Option(names = "--continue", description = "after a violation, go on to find the shortest counterexample of every property")
    boolean continueAfterViolation;

    @Option(names = "--no-symmetry", description = "store every state: no reduction by renaming task slots (kernel models reduce by it by default; the verdicts are the same, the counts larger)")
    boolean noSymmetry;

    @Option(names = "--no-minimize", description = "write counterexamples as the search found them (they are already shortest; minimizing only simplifies arguments)")
    boolean noMinimize;

    @Option(names = "--bitstate", paramLabel = "LOG2BITS",
            description = "bounded memory: SPIN-style bitstate hashing into 2^LOG2BITS bits (10..36); counts no state twice but may miss some, and says how many it expects to")
    Integer bitstateLog2;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "for object models: ordered (default: the parallel search whose counts, ids and traces are the sequential search's; checkpoints)"
                    + " or level (level-synchronous: lock-free fingerprint table, no merging thread; the same counts when the search runs to its end,"
                    + " whole levels counted after a violation, no checkpoints)")
    String engine = "ordered";

    @Option(names = "--frontier-memory", paramLabel = "MIB",
            description = "disk-backed frontier: keep at most MIB of each BFS level in memory, the rest in a temporary file")
    Long frontierMib;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (bitstateLog2 != null && (bitstateLog2 < 10 || bitstateLog2 > 36)) throw new UsageError("--bitstate must be 10..36, not " + bitstateLog2);
        if (frontierMib != null && frontierMib < 0) throw new UsageError("--frontier-memory must be 0 or more MiB, not " + frontierMib);
        if (cluster.enabled()) {
            cluster.validate();
            if (bitstateLog2 != null || frontierMib != null) throw new UsageError("--bitstate and --frontier-memory do not combine with --cluster");
        }
        if (!engine.equals("ordered") && !engine.equals("level")) throw new UsageError("--engine takes ordered or level, not '" + engine + "'");
        boolean levelSynchronous = engine.equals("level");
        if (levelSynchronous && (checkpoint != null || resume != null)) throw new UsageError("--engine level keeps no checkpoints: use --engine ordered with --checkpoint and --resume");
        if (levelSynchronous && cluster.enabled()) throw new UsageError("--engine level does not combine with --cluster");
        OutDir.checkDirectory(out, "--out");
        if (checkpointSeconds < 0) throw new UsageError("--checkpoint-interval must be 0 or more seconds, not " + checkpointSeconds);
        if (resume != null) {
            if (model != null) throw new UsageError("--resume DIR takes the model from DIR: give no MODEL");
            if (checkpoint == null) checkpoint = resume;
            CheckpointRun saved = CheckpointRun.read(resume);
            model = saved.model();
            variant.variant = saved.variant();
            bounds.restore(saved.overrides());
            continueAfterViolation = saved.continuing();
            bitstateLog2 = saved.bitstateLog2();
            noSymmetry = saved.noSymmetry();
        }
        if (model == null) throw new UsageError("check needs a MODEL (or --resume DIR)");
        ModelSource source = ModelCatalog.find(model);
        Map<String, Integer> overrides = bounds.overrides();
        MemoryEstimate.check(source, overrides, common.force);
        // Task slots are labels (TaskSymmetry): on by default; the cluster engine stores every state.
        Model<?, ?> m = source.build(overrides, variant.variant).withSymmetry(!noSymmetry && !cluster.enabled());
        if (checkpoint != null && resume == null)
            CheckpointRun.write(checkpoint, new CheckpointRun(model.contains("/") || model.endsWith(".json") ? Path.of(model).toAbsolutePath().toString() : model,
                    variant.variant, overrides, continueAfterViolation, bitstateLog2, noSymmetry));
        if (checkpoint != null && m instanceof nscheck.model.packed.PackedModelView)
            throw new UsageError("--checkpoint and --resume are for object models; " + m.name() + " is packed (it runs in seconds)");
        CheckOptions options = new CheckOptions(-1, continueAfterViolation, progress.millis());
        if (!cluster.enabled()) return check(m, options, stdout, stderr, null);
        try (nscheck.checkers.cluster.ClusterSession session = nscheck.checkers.cluster.ClusterSession.open(cluster.name, cluster.joinAddresses(),
                cluster.port, cluster.embedded)) {
            return check(m, options, stdout, stderr, session);
        } catch (nscheck.checkers.cluster.ClusterFailure e) {
            stderr.println("nscheck: cluster: " + e.getMessage());
            return e.beforeSearch() ? ExitCode.USAGE : ExitCode.INTERNAL;
        }
    }

    /**
     * BFS traces are already shortest, so the minimizer skips delta debugging and only tries
     * simpler arguments and actors: a few dozen replays.
     */
    private static <S, A> CheckResult<S, A> simplified(Model<S, A> m, CheckResult<S, A> r) {
        List<Violation<S, A>> out = new ArrayList<>();
        for (Violation<S, A> v : r.violations()) {
            Trace<S, A> small = Violation.DEADLOCK.equals(v.property()) && !m.deadlockIsViolation() ? null
                    : new Minimizer<>(m, v.property(), 500).minimize(v.trace(), true);
            out.add(small == null ? v : new Violation<>(v.property(), v.statement(), small));
        }
        return new CheckResult<>(r.model(), r.ending(), r.stats(), List.copyOf(out), r.coverage(), r.exercised(), r.failure());
    }

    private <S, A> int check(Model<S, A> m, CheckOptions options, PrintWriter stdout, PrintWriter stderr,
                             nscheck.checkers.cluster.ClusterSession session) throws IOException {
        boolean json = jsonOption.json;
        TextReport text = new TextReport(json ? stderr : stdout);
        text.header(m);
        if (session != null && !noSymmetry && m.withSymmetry(true).symmetry() != null)
            text.line("symmetry: none under --cluster (the cluster stores every state: the counts are those of --no-symmetry)");
        TextReport progressLines = new TextReport(stderr);
        nscheck.checkers.store.PackedVisitedSet store = bitstateLog2 == null ? null : new nscheck.checkers.store.BitstateSet(bitstateLog2);
        nscheck.checkers.report.RunFigures figures = new nscheck.checkers.report.RunFigures(progressLines::progress);
        Engine<S, A> bfs = session != null
                ? new nscheck.checkers.cluster.ClusterBfs<>(m, model, bounds.overrides(), variant.variant, options, figures,
                        session.coordinator(), cluster.expected(), cluster.joinSeconds * 1000L)
                : Engines.pick(m, options, figures, store, frontierMib == null ? -1 : frontierMib << 20,
                Path.of(System.getProperty("java.io.tmpdir")), checkpoint, checkpointSeconds * 1000, resume != null, engine.equals("level"));
        CheckResult<S, A> result;
        try (Interruption interruption = new Interruption(bfs::requestStop)) {
            result = bfs.run();
            if (!noMinimize) result = simplified(m, result);
            List<Path> files = new ArrayList<>();
            for (Violation<S, A> v : result.violations()) {
                Counterexample cex = CounterexampleFile.of(m, v, bfs.name(), null, !noMinimize);
                files.add(CounterexampleFile.write(out, cex));
            }
            text.result(result, files);
            if (bfs instanceof nscheck.checkers.cluster.ClusterBfs<S, A> c)
                text.line(String.format(java.util.Locale.ROOT, "  cluster %s: %d members; %,d bytes in %,d states sent between members (%.1f bytes/state; %s)",
                        session.name(), c.memberAddresses().size(), c.bytesSent(), c.statesSent(),
                        c.statesSent() == 0 ? 0.0 : (double) c.bytesSent() / c.statesSent(), c.codec()));
            Double missed = store == null ? null : store.expectedOmissions(result.stats().distinct());
            if (store != null)
                text.line(String.format(java.util.Locale.ROOT, "  %s: no state counted twice; expected missed states %.3g (the counts are lower bounds of the reachable states)",
                        store.describe(), missed));
            if (json) JsonReport.print(stdout, result, files, missed);
            if (html != null) {
                figures.finish(result.stats());
                stderr.println("nscheck: report in " + nscheck.checkers.report.Reports.check(html, result, files, figures));
            }
        }
        if (result.ending() == Ending.MODEL_ERROR) return ExitCode.INTERNAL;
        if (result.violated()) return ExitCode.VIOLATED;
        if (result.ending() == Ending.INTERRUPTED) return ExitCode.INTERRUPTED;
        if (result.ending() == Ending.OUT_OF_MEMORY) {
            stderr.println("nscheck: bounds too large for memory after " + result.stats().distinct()
                    + " distinct states; lower a bound (--set) or give the JVM more heap (JAVA_OPTS=-Xmx...)");
            return ExitCode.USAGE;
        }
        return ExitCode.OK;
    }
}
