package nscheck.checkers.cli;

import nscheck.checkers.store.BitstateSet;
import nscheck.checkers.engine.Bfs;
import nscheck.checkers.engine.LevelSynchronousBfs;
import nscheck.checkers.engine.CheckOptions;
import nscheck.checkers.engine.CheckResult;
import nscheck.checkers.engine.Ending;
import nscheck.checkers.store.PackedStateSet;
import nscheck.checkers.store.PackedVisitedSet;
import nscheck.checkers.engine.ParallelPackedBfs;
import nscheck.checkers.engine.Statistics;
import nscheck.model.futex.FutexMutex;
import nscheck.model.futex.FutexMutexObjects;
import nscheck.model.packed.PackedStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * `nscheck bench`: the enumerator on the futex mutex benchmark (the model SPIN runs from
 * bench/futex-mutex.pml), one line per size and variant, plus the generic object Bfs on the same
 * model in the same run, so that the speed-up is measured under the same load (other builds on
 * the machine make absolute numbers drift; ratios from one run do not).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Measure the state enumerator on the futex mutex benchmark (distinct states/s, bytes/state).")
final class BenchCommand implements Callable<Integer> {
    enum Reference { none, smallest, all }

    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--sizes"}, split = ",", paramLabel = "N",
            description = "numbers of mutex threads, the model's size (default: ${DEFAULT-VALUE})")
    List<Integer> sizes = new ArrayList<>(List.of(6, 7, 8));

    @Option(names = "--mode", split = ",", paramLabel = "MODE",
            description = "the mutex threads lock once, forever, or both (default: ${DEFAULT-VALUE})")
    List<String> variants = new ArrayList<>(List.of("once", "forever"));

    /** Old name, confusable with --variant (semantics variants) everywhere else. */
    @Option(names = "--variants", split = ",", paramLabel = "MODE", hidden = true)
    void oldVariants(List<String> modes) {
        Deprecation.warn(spec, "bench --variants", "--mode (once, forever)");
        variants = new ArrayList<>(modes);
    }

    @Mixin
    ThreadsOption threads;

    @Mixin
    JsonOption jsonOption;

    @Mixin
    ProgressOption progress;

    @Mixin
    CommonOptions common;

    /** --json: one object per printed row. */
    private final List<Map<String, Object>> rows = new ArrayList<>();
    /** --json: the --kernel models with too few states to time, each with its count. */
    private final List<Map<String, Object>> skipped = new ArrayList<>();

    /**
     * Below this many distinct states in its whole bounded space a --kernel model is not timed:
     * the run lasts a fraction of a second, most of it class loading and the JIT's first
     * compiles (this bench has no warm-up for the object engines), so the speed-up it printed
     * would be noise. restore-migration has 51 (370 at its largest bounds) and is never timed;
     * pidns-basic (10,678) still is, and pidns-init-death, which docs/performance.md quotes.
     */
    static final int KERNEL_MIN_STATES = 10_000;
    private int workers;

    @Option(names = "--reference", paramLabel = "WHICH",
            description = "run the generic object Bfs too, for the in-run ratio: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, the smallest size only)")
    Reference reference = Reference.smallest;

    @Option(names = "--bitstate", paramLabel = "LOG2BITS",
            description = "bounded memory: SPIN-style bitstate hashing into 2^LOG2BITS bits instead of the exact state table")
    Integer bitstateLog2;

    @Option(names = "--frontier-memory", paramLabel = "MIB",
            description = "disk-backed frontier: keep at most MIB of each BFS level in memory, the rest in a temporary file")
    Long frontierMib;

    @Option(names = "--repeat", paramLabel = "R", description = "runs per size, the fastest reported (default: ${DEFAULT-VALUE})")
    int repeat = 1;

    @Option(names = "--kernel", split = ",", paramLabel = "MODEL",
            description = "instead of the futex benchmark: search a catalog model's whole bounded space (e.g. pidns-large; past any"
                    + " violation, as check --continue) with the sequential object Bfs and with the parallel one, in this run, and print"
                    + " the speed-up; a model of fewer than " + KERNEL_MIN_STATES + " states is not timed")
    List<String> kernelModels = new ArrayList<>();


    /** The search under way, packed or generic, for Ctrl-C to stop (its row then counts what it reached). */
    private volatile nscheck.checkers.engine.Engine<?, ?> running;

    @Override
    public Integer call() {
        PrintWriter json = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = jsonOption.json ? err : json;
        workers = threads.threads;
        List<FutexMutex.Loop> vs = new ArrayList<>();
        for (String v : variants) {
            try {
                vs.add(FutexMutex.Loop.valueOf(v.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new UsageError("--mode takes once and/or forever, not '" + v + "'");
            }
        }
        for (int n : sizes)
            if (n < 1 || n > FutexMutexObjects.MAX_THREADS)
                throw new UsageError("-n/--sizes must be 1.." + FutexMutexObjects.MAX_THREADS + ", not " + n);
        if (frontierMib != null && frontierMib < 0) throw new UsageError("--frontier-memory must be 0 or more MiB, not " + frontierMib);
        if (repeat < 1) throw new UsageError("--repeat must be at least 1, not " + repeat);
        if (bitstateLog2 != null && (bitstateLog2 < 10 || bitstateLog2 > 36)) throw new UsageError("--bitstate must be 10..36, not " + bitstateLog2);

        if (!kernelModels.isEmpty()) {
            int code = kernel(out);
            if (jsonOption.json) printJson(json, false);
            return code;
        }
        AtomicReference<Boolean> interrupted = new AtomicReference<>(false);
        boolean lastRowPartial = false;
        try (Interruption interruption = new Interruption(() -> {
            interrupted.set(true);
            nscheck.checkers.engine.Engine<?, ?> r = running;
            if (r != null) r.requestStop();
        })) {
            out.printf("nscheck bench: futex mutex, %d worker thread%s of %d cores, %s%n", workers, workers == 1 ? "" : "s",
                    Runtime.getRuntime().availableProcessors(),
                    (bitstateLog2 == null ? "exact state table" : "bitstate 2^" + bitstateLog2 + " bits")
                            + (frontierMib != null ? ", frontier on disk beyond " + frontierMib + " MiB a level" : ""));
            warmUp(reference != Reference.none || sizes.stream().anyMatch(n -> n > FutexMutex.MAX_THREADS));
            out.printf("%-20s %2s %-13s %12s %13s %5s %8s %14s %11s%n",
                    "model", "N", "engine", "distinct", "generated", "depth", "seconds", "distinct/s", "bytes/state");
            int smallest = sizes.stream().mapToInt(Integer::intValue).min().orElse(0);
            for (FutexMutex.Loop v : vs) {
                for (int n : sizes) {
                    if (interrupted.get()) break;
                    if (n > FutexMutex.MAX_THREADS) {
                        // Beyond the packed layout only the generic path runs (issue 14): the object model on the object engine.
                        if (interrupted.get()) continue;
                        Row generic = generic(n, v);
                        print(out, new FutexMutexObjects(n, v).name(), n, generic);
                        lastRowPartial = !generic.complete();
                        continue;
                    }
                    FutexMutex model = new FutexMutex(n, v);
                    Row packed = null;
                    for (int r = 0; r < repeat && !interrupted.get(); r++) {
                        Row row = packed(model, err);
                        if (packed == null || row.seconds < packed.seconds) packed = row;
                    }
                    if (packed == null) break;
                    print(out, model.name(), n, packed);
                    lastRowPartial = !packed.complete();
                    if (packed.omissions >= 0)
                        out.printf(Locale.ROOT, "%39s expected missed states %.3g (probability of a miss %s)%n", "",
                                packed.omissions, packed.omissions >= 1 ? "~1" : String.format(Locale.ROOT, "<= %.3g", packed.omissions));
                    boolean ref = reference == Reference.all || (reference == Reference.smallest && n == smallest);
                    if (ref && !interrupted.get()) {
                        Row generic = generic(n, v);
                        print(out, model.name(), n, generic);
                        lastRowPartial = !generic.complete();
                        if (generic.distinct != packed.distinct && bitstateLog2 == null)
                            out.printf("  WARNING: the engines disagree on the number of states%n");
                        out.printf(Locale.ROOT, "%39s packed engine / object Bfs, this run: %.1fx distinct states/s, %.1fx less memory per state%n",
                                "", packed.perSecond() / generic.perSecond(), generic.bytesPerState() / packed.bytesPerState());
                    }
                }
            }
            if (interrupted.get())
                out.println(lastRowPartial ? "interrupted: the last row counts only the states its search reached, the rest were not run"
                        : "interrupted: the rows above are complete, the rest were not run");
            out.flush();
            if (jsonOption.json) printJson(json, interrupted.get());
            return interruption.exitCode(ExitCode.OK);
        }
    }

    private void printJson(PrintWriter json, boolean interrupted) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("threads", workers);
        o.put("cores", Runtime.getRuntime().availableProcessors());
        o.put("rows", rows);
        if (!skipped.isEmpty()) o.put("skipped", skipped);
        o.put("interrupted", interrupted);
        Json.print(json, o);
    }

    /**
     * The object engines on catalog models: sequential Bfs (the engine before issue 8) against
     * ParallelBfs, same JVM, same load. Their results must be equal (ParallelBfsTest), so only the time differs.
     */
    private int kernel(PrintWriter out) {
        out.printf("nscheck bench --kernel: sequential Bfs vs ParallelBfs with %d worker thread%s, %d cores%n", workers,
                workers == 1 ? "" : "s", Runtime.getRuntime().availableProcessors());
        out.printf("%-20s %-13s %12s %13s %5s %8s %14s %8s%n", "model", "engine", "distinct", "generated", "depth", "seconds", "distinct/s",
                "cpu s");
        for (String name : kernelModels) {
            nscheck.model.Model<?, ?> m;
            try {
                m = nscheck.model.ModelCatalog.find(name.trim()).build(java.util.Map.of(), null);
            } catch (nscheck.model.ModelException e) {
                throw new UsageError(e.getMessage());
            }
            // The whole bounded space, as check --continue and the golden file's continue rows count it: a search
            // that stops at the first violation times whatever lies before it (3 states of restore-migration,
            // whose mainline breaks ns-id-survives-migration in one step).
            CheckOptions o = CheckOptions.defaults().quiet().continuing();
            long cpu0 = processCpuNanos();
            CheckResult<?, ?> sequential = new Bfs<>(m, o, s -> {}).run();
            long cpu1 = processCpuNanos();
            if (complete(sequential.ending()) && sequential.stats().distinct() < KERNEL_MIN_STATES) {
                tooSmall(out, m.name(), sequential.stats());
                continue;
            }
            CheckResult<?, ?> parallel = new nscheck.checkers.engine.ParallelBfs<>(m, o, s -> {}, workers).run();
            long cpu2 = processCpuNanos();
            Statistics old = kernelRow(out, m.name(), "bfs", sequential, cpu1 - cpu0);
            Statistics now = kernelRow(out, m.name(), "parallel-bfs", parallel, cpu2 - cpu1);
            if (old.distinct() != now.distinct() || old.generated() != now.generated())
                out.printf("  WARNING: the engines disagree on the counts%n");
            out.printf(Locale.ROOT, "%-20s speed-up this run: %.2fx (CPU time parallel/sequential %.2f: on a loaded machine"
                    + " the wall-clock gain is capped by the CPU share the process gets)%n", "", old.seconds() / now.seconds(),
                    (double) (cpu2 - cpu1) / Math.max(1, cpu1 - cpu0));
        }
        out.flush();
        return ExitCode.OK;
    }

    /** A model whose every state the sequential search visited, too few of them to time ({@link #KERNEL_MIN_STATES}): one line, no rows. */
    private void tooSmall(PrintWriter out, String model, Statistics s) {
        String reason = String.format(Locale.ROOT, "%,d distinct states in all, too few to time (fewer than %,d: the run would time the JVM's warm-up, not the engines)",
                s.distinct(), KERNEL_MIN_STATES);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", model);
        o.put("distinct_states", s.distinct());
        o.put("generated_states", s.generated());
        o.put("reason", reason);
        skipped.add(o);
        out.printf("%-20s not timed: %s%n", model, reason);
        out.flush();
    }

    /** CPU time of the whole JVM (workers, GC, JIT): what a run costs whatever share of the cores it got. */
    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
            return os.getProcessCpuTime();
        return 0;
    }

    private Statistics kernelRow(PrintWriter out, String model, String engine, CheckResult<?, ?> r, long cpuNanos) {
        Statistics s = r.stats();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("model", model);
        row.put("engine", engine);
        row.put("distinct_states", s.distinct());
        row.put("generated_states", s.generated());
        row.put("depth", s.depth());
        row.put("seconds", s.seconds());
        row.put("states_per_second", s.statesPerSecond());
        row.put("cpu_seconds", cpuNanos / 1e9);
        putEnding(row, r.ending());
        rows.add(row);
        out.printf(Locale.ROOT, "%-20s %-13s %,12d %,13d %5d %8.2f %,14.0f %8.2f%n", model, engine, s.distinct(), s.generated(), s.depth(),
                s.seconds(), s.statesPerSecond(), cpuNanos / 1e9);
        out.flush();
        return s;
    }

    /** A few small runs first, of each engine a row will run, so that no measured row is the JIT's compile time. */
    private void warmUp(boolean generic) {
        for (int i = 0; i < 3; i++)
            for (FutexMutex.Loop v : FutexMutex.Loop.values()) {
                new ParallelPackedBfs(new FutexMutex(5, v), new PackedStateSet(), CheckOptions.defaults().quiet(), workers, s -> {}).run();
                if (generic) new LevelSynchronousBfs<>(new FutexMutexObjects(5, v), CheckOptions.defaults().quiet(), s -> {}, workers).run();
            }
    }

    /** {@code ending}: why the search stopped; unless it ran to its end, the row counts only what it reached before the stop. */
    private record Row(String engine, long distinct, long generated, int depth, double seconds, long bytes, double omissions, Ending ending) {
        boolean complete() {
            return BenchCommand.complete(ending);
        }

        double perSecond() {
            return distinct / seconds;
        }

        double bytesPerState() {
            return (double) bytes / distinct;
        }
    }

    private Row packed(FutexMutex model, PrintWriter err) {
        PackedVisitedSet store = bitstateLog2 == null ? new PackedStateSet() : new BitstateSet(bitstateLog2);
        CheckOptions options = new CheckOptions(-1, false, progress.millis());
        ParallelPackedBfs bfs = new ParallelPackedBfs(model, store, options, workers, s -> progress(err, model.name(), model.threads(), s));
        if (frontierMib != null) bfs.spillFrontier(frontierMib << 20, java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
        running = bfs;
        CheckResult<Long, PackedStep> r = bfs.run();
        running = null;
        Statistics s = r.stats();
        String engine = bitstateLog2 == null ? "parallel-bfs" : "bitstate-bfs";
        endedEarly(engine, model.threads(), r.ending());
        return new Row(engine, s.distinct(), s.generated(), s.depth(), s.seconds(),
                s.storeBytes(), bitstateLog2 == null ? -1 : store.expectedOmissions(s.distinct()), r.ending());
    }

    /**
     * The generic path: {@link FutexMutexObjects} (the same system as objects, no 3-bit limit) on
     * the level-synchronous object engine ({@link LevelSynchronousBfs}: lock-free fingerprint
     * table, no merging thread), its frontier packed by the StateCodec.
     */
    private Row generic(int n, FutexMutex.Loop loop) {
        FutexMutexObjects model = new FutexMutexObjects(n, loop);
        PrintWriter err = spec.commandLine().getErr();
        // Progress lines and Ctrl-C as for the packed rows: beyond N = 11 this is the only engine, and a long one.
        LevelSynchronousBfs<FutexMutexObjects.State, FutexMutexObjects.Step> bfs = new LevelSynchronousBfs<>(model,
                new CheckOptions(-1, false, progress.millis()), s -> progress(err, model.name(), n, s), workers);
        running = bfs;
        CheckResult<FutexMutexObjects.State, FutexMutexObjects.Step> r = bfs.run();
        running = null;
        Statistics s = r.stats();
        endedEarly("object-bfs", n, r.ending());
        return new Row("object-bfs", s.distinct(), s.generated(), s.depth(), s.seconds(), s.storeBytes(), -1, r.ending());
    }

    /** A row of a search that stopped (out of memory, interrupted) counts only what it reached: say so. */
    private void endedEarly(String engine, int n, nscheck.checkers.engine.Ending ending) {
        if (ending == nscheck.checkers.engine.Ending.EXHAUSTED) return;
        PrintWriter err = spec.commandLine().getErr();
        err.printf("nscheck: the %s search of N=%d ended early (%s): its row counts only the states it reached%n",
                engine, n, ending.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        err.flush();
    }

    private static void progress(PrintWriter err, String model, int n, Statistics s) {
        err.printf(Locale.ROOT, "progress: %s N=%d: %,d states, %,.0f states/s, queue %,d, depth %d, %.0f s%n",
                model, n, s.distinct(), s.statesPerSecond(), s.queue(), s.depth(), s.seconds());
        err.flush();
    }

    /**
     * Why the row's search stopped, and whether it visited every state the model's bounds allow: the row of a search
     * stopped early (Ctrl-C, out of memory, a violation) counts only what it reached, and a reader of the JSON must
     * not take it for the model's count.
     */
    private static void putEnding(Map<String, Object> row, Ending ending) {
        row.put("ending", ending.name().toLowerCase(Locale.ROOT));
        row.put("complete", complete(ending));
    }

    private static boolean complete(Ending ending) {
        return ending == Ending.EXHAUSTED || ending == Ending.DEPTH_BOUND;
    }

    private void print(PrintWriter out, String model, int threads, Row r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("model", model);
        row.put("size", threads);
        row.put("engine", r.engine);
        row.put("distinct_states", r.distinct);
        row.put("generated_states", r.generated);
        row.put("depth", r.depth);
        row.put("seconds", r.seconds);
        row.put("states_per_second", r.perSecond());
        row.put("bytes_per_state", r.bytesPerState());
        if (r.omissions >= 0) row.put("expected_missed_states", r.omissions);
        putEnding(row, r.ending);
        rows.add(row);
        out.printf(Locale.ROOT, "%-20s %2d %-13s %,12d %,13d %5d %8.2f %,14.0f %11.1f%n", model, threads, r.engine,
                r.distinct, r.generated, r.depth, r.seconds, r.perSecond(), r.bytesPerState());
        out.flush();
    }
}
