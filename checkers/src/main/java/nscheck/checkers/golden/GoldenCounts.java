package nscheck.checkers.golden;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import nscheck.checkers.engine.Bfs;
import nscheck.checkers.engine.CheckOptions;
import nscheck.checkers.engine.CheckResult;
import nscheck.checkers.engine.Progress;
import nscheck.checkers.trace.Violation;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import nscheck.model.ModelException;
import nscheck.model.ModelSource;
import nscheck.spec.variant.Mainline;
import nscheck.spec.variant.Variant;
import nscheck.spec.variant.Variants;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The golden counts: every shipped model's distinct and generated states, depth, ending and
 * per-invariant verdict under every variant it runs with, computed by the sequential
 * breadth-first search (whose counts are a property of the model, not of the run). The file
 * {@code model/golden-counts.json} pins them; a test recomputes and diffs it, so a refactoring
 * that moves a single number is caught, and a deliberate semantic change regenerates the file
 * ({@code nscheck golden --write}) in the same commit.
 *
 * <p>Which runs: mainline and every proposal search on after a violation (as {@code compare}
 * does), so each invariant gets its verdict; a seeded bug stops at its first violation (as
 * {@code check} does), since a seeded bug's state space can be far larger than the sound one.
 * A model without a step bound is run under mainline and the seeded bugs only: under the
 * global-PID proposals its state space has no end (compare skips it for the same reason).
 */
public final class GoldenCounts {
    /**
     * One (model, variant) run as the file records it. {@code symmetry} is what the search renamed to
     * store one state per class (Model#symmetry: "task slots"), null for the unreduced run, which
     * stores every state; a kernel model has both rows.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Run(String model, String variant, String search, long distinct, long generated, int depth, String ending,
                      Map<String, String> verdicts, String symmetry) {
        public Run(String model, String variant, String search, long distinct, long generated, int depth, String ending, Map<String, String> verdicts) {
            this(model, variant, search, distinct, generated, depth, ending, verdicts, null);
        }

        /** The row's key: model, variant, and "reduced" for the row of the reduced search. */
        public String key() {
            return model + " under " + variant + (symmetry == null ? "" : " (reduced)");
        }
    }

    /** Which rows a computation reruns: both, or only the reduced ones (the default build's test, to keep its time). */
    public enum Rows { ALL, REDUCED }

    /**
     * The reduced row agrees with the unreduced one (issue 14: with and without symmetry, the same
     * verdicts): same search, verdicts and ending, no more distinct states, and the same depth, except
     * that an exhausted search may end shallower: a state whose tasks sit in slots only a long detour
     * reaches has a renamed twin reached sooner, and the reduced search's depth is the class's
     * shortest distance. Counterexample lengths are verdicts, so they are equal. One line per
     * disagreement; empty when every reduced row has its unreduced row and agrees with it.
     */
    public static List<String> disagreements(List<Run> runs) {
        Map<String, Run> unreduced = new LinkedHashMap<>();
        for (Run r : runs) if (r.symmetry() == null) unreduced.put(r.model() + " under " + r.variant(), r);
        List<String> out = new ArrayList<>();
        for (Run r : runs) {
            if (r.symmetry() == null) continue;
            Run u = unreduced.get(r.model() + " under " + r.variant());
            if (u == null) out.add(r.key() + ": no unreduced row");
            else if (!u.search().equals(r.search()) || !u.verdicts().equals(r.verdicts()) || !u.ending().equals(r.ending())
                    || (u.ending().equals("exhausted") ? r.depth() > u.depth() : r.depth() != u.depth()) || r.distinct() > u.distinct())
                out.add(r.key() + ": " + describe(r) + ", unreduced " + describe(u));
        }
        return out;
    }

    public static final Path FILE = Path.of("model", "golden-counts.json");
    public static final String REGENERATE = "./nscheck golden --write";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GoldenCounts() {}

    /** The (model, variant) pairs the file covers, in file order. */
    public static List<Map.Entry<ModelSource, Variant>> plan() {
        List<Map.Entry<ModelSource, Variant>> plan = new ArrayList<>();
        for (ModelSource m : ModelCatalog.shipped()) {
            boolean bounded = hasStepBound(m);
            plan.add(Map.entry(m, Mainline.INSTANCE));
            if (bounded) for (Variant v : Variants.PROPOSALS) plan.add(Map.entry(m, v));
            for (String[] pair : SEEDED_RUNS) if (pair[0].equals(m.name())) plan.add(Map.entry(m, Variants.byName(pair[1])));
        }
        return plan;
    }

    /**
     * The seeded bugs each model runs with: the pairs of SeededBugsTest and of the counterexample
     * corpus. A seeded bug under a model it does not touch only repeats mainline's counts.
     */
    static final List<String[]> SEEDED_RUNS = List.of(
            new String[] {"pidns-basic", "seeded-no-in-use-check"}, new String[] {"pidns-basic", "seeded-flat-levels"},
            new String[] {"pidns-basic", "seeded-global-lookup"}, new String[] {"pidns-basic", "seeded-leaky-translate"},
            new String[] {"pidns-basic", "seeded-shallow-zap"},
            new String[] {"pidns-init-death", "seeded-no-in-use-check"}, new String[] {"pidns-init-death", "seeded-flat-levels"},
            new String[] {"pidns-init-death", "seeded-global-lookup"}, new String[] {"pidns-init-death", "seeded-leaky-translate"},
            new String[] {"pidns-init-death", "seeded-shallow-zap"}, new String[] {"pidns-init-death", "seeded-global-reaper"},
            new String[] {"signals-siginfo", "seeded-leaky-siginfo"}, new String[] {"signals-siginfo", "seeded-global-lookup"},
            new String[] {"ipc-msg", "seeded-raw-stored-pid"}, new String[] {"ipc-sem", "seeded-raw-stored-pid"},
            new String[] {"ipc-sem", "seeded-undo-crosses-ipcns"}, new String[] {"ipc-shm", "seeded-raw-stored-pid"},
            new String[] {"unix-creds", "seeded-raw-stored-pid"}, new String[] {"userns-nproc", "seeded-stuck-nproc"},
            new String[] {"userns-ids", "seeded-raw-uids"}, new String[] {"userns-ids", "seeded-overflow-uids"}, new String[] {"futex-mutex", "seeded-wait-without-compare"},
            new String[] {"futex-pi", "seeded-anonymous-owner"}, new String[] {"caps-pid-choice", "seeded-ns-last-pid-nocap"},
            new String[] {"async-io-owner", "seeded-fown-global"}, new String[] {"async-io-owner", "seeded-sigio-writer-pid"},
            new String[] {"mqueue-notify", "seeded-mq-global-pid"},
            new String[] {"pidfd-basic", "seeded-pidfd-by-number"}, new String[] {"nsfs-files", "seeded-ns-parent-unchecked"},
            new String[] {"signals-forged", "seeded-forged-pid-kept"},
            new String[] {"kthreads-host", "seeded-kthread-killable"},
            new String[] {"sessions", "seeded-raw-stored-pid"}, new String[] {"wait-status", "seeded-raw-waitid-pid"},
            new String[] {"proc-views", "seeded-proc-self-global"}, new String[] {"proc-views", "seeded-nspid-reader-level"},
            new String[] {"nsfs-names", "seeded-ns-inum-freed-early"},
            new String[] {"job-control", "seeded-cldstop-global-pid"}, new String[] {"job-control", "seeded-orphan-signal-pid"},
            new String[] {"unix-creds", "seeded-peercred-frozen"}, new String[] {"socket-uids", "seeded-raw-uids"},
            new String[] {"signal-handlers", "seeded-handler-global-pid"});

    static boolean hasStepBound(ModelSource m) {
        Integer steps = m.defaultBounds().get("steps");
        return steps == null || steps > 0;
    }

    /** Computes every run of the plan on {@code threads} workers; the result does not depend on their order. */
    public static List<Run> compute(int threads, Consumer<String> log) {
        return compute(threads, log, Rows.ALL);
    }

    /** As above, the rows {@code rows} names: each unreduced row followed by its reduced row (kernel models), in plan order. */
    public static List<Run> compute(int threads, Consumer<String> log, Rows rows) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<Run>> futures = new ArrayList<>();
            for (Map.Entry<ModelSource, Variant> e : plan()) {
                for (boolean reduced : new boolean[] {false, true}) {
                    if (!reduced && rows == Rows.REDUCED) continue;
                    futures.add(pool.submit(() -> {
                        long t0 = System.nanoTime();
                        Run r = run(e.getKey(), e.getValue(), reduced);
                        if (r != null)
                            log.accept(String.format("%s: %,d states, %.1f s", r.key(), r.distinct(), (System.nanoTime() - t0) / 1e9));
                        return r;
                    }));
                }
            }
            List<Run> runs = new ArrayList<>();
            for (Future<Run> f : futures) if (f.get() != null) runs.add(f.get());
            return runs;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("golden counts interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The run, unreduced or reduced by the model's symmetry; null for a reduced run of a model without one (or that cannot be set up). */
    static Run run(ModelSource source, Variant variant, boolean reduced) {
        boolean seeded = variant.name().startsWith("seeded-");
        Model<?, ?> m;
        try {
            m = build(source, variant).withSymmetry(reduced);
        } catch (ModelException e) {
            // The model cannot be set up under this variant (its setup calls fail).
            return reduced ? null : new Run(source.name(), variant.name(), "none", 0, 0, 0, "setup-fails", Map.of());
        }
        if (reduced && m.symmetry() == null) return null;
        return search(m, variant.name(), seeded ? "first" : "continue");
    }

    /**
     * The model under the variant. A model that defines its own semantics rather than the kernel's
     * (the packed futex benchmark: its variants are its loop and its own seeded bugs) runs its
     * default in the mainline row.
     */
    private static Model<?, ?> build(ModelSource source, Variant variant) {
        try {
            return source.build(Map.of(), variant.name());
        } catch (ModelException e) {
            if (variant != Mainline.INSTANCE) throw e;
            return source.build(Map.of(), null);
        }
    }

    private static <S, A> Run search(Model<S, A> m, String variant, String search) {
        CheckResult<S, A> r = new Bfs<>(m, new CheckOptions(-1, search.equals("continue"), 0), Progress.NONE).run();
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (int p = 0; p < m.properties().size(); p++) {
            String name = m.properties().get(p).name();
            Violation<S, A> v = r.violations().stream().filter(x -> x.property().equals(name)).findFirst().orElse(null);
            verdicts.put(name, v != null ? "violated " + v.trace().length()
                    : !r.complete() ? "unknown"
                    : r.exercised()[p] > 0 ? "holds" : "not exercised");
        }
        return new Run(m.name(), variant, search, r.stats().distinct(), r.stats().generated(), r.stats().depth(),
                r.ending().name().toLowerCase().replace('_', '-'), verdicts, m.symmetry());
    }

    /** The file's text for these runs. */
    public static String render(List<Run> runs) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("regenerate", REGENERATE);
        doc.put("runs", runs);
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Run> read(Path file) throws IOException {
        var tree = JSON.readTree(Files.readString(file));
        List<Run> runs = new ArrayList<>();
        for (var n : tree.get("runs")) runs.add(JSON.treeToValue(n, Run.class));
        return runs;
    }

    /** One line per number that differs between the pinned runs and fresh ones; empty when they agree. */
    public static List<String> differences(List<Run> pinned, List<Run> fresh) {
        Map<String, Run> byKey = new LinkedHashMap<>();
        for (Run r : pinned) byKey.put(r.key(), r);
        List<String> diffs = new ArrayList<>();
        for (Run f : fresh) {
            String key = f.key();
            Run p = byKey.remove(key);
            if (p == null) {
                diffs.add(key + ": not in the file");
                continue;
            }
            if (!p.equals(f)) diffs.add(key + ": pinned " + describe(p) + ", now " + describe(f));
        }
        for (String key : byKey.keySet()) diffs.add(key + ": in the file but no longer run");
        return diffs;
    }

    private static String describe(Run r) {
        return String.format("%s search, %d distinct, %d generated, depth %d, %s, %s", r.search(), r.distinct(), r.generated(), r.depth(),
                r.ending(), r.verdicts());
    }
}
