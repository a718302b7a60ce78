package nscheck.checkers.compare;

import nscheck.checkers.engine.Bfs;
import nscheck.checkers.engine.CheckOptions;
import nscheck.checkers.engine.CheckResult;
import nscheck.checkers.engine.Progress;
import nscheck.checkers.shrink.Minimizer;
import nscheck.checkers.trace.Violation;
import nscheck.checkers.cex.CounterexampleFile;
import nscheck.model.Model;
import nscheck.model.ModelException;
import nscheck.model.ModelSource;
import nscheck.model.Property;
import nscheck.spec.variant.Variant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs every model under every variant with the breadth-first search (continuing after a
 * violation, so each invariant gets its own shortest counterexample) and folds the runs into a
 * {@link Matrix}. Runs are independent and go to a pool of {@code threads} workers; the matrix
 * does not depend on their order.
 */
public final class Comparison {
    private Comparison() {}

    /** What one (model, variant) run said about each of the model's invariants. */
    private record Run(String model, String variant, Map<String, Cell> cells, long states) {}

    /** @param overrides bounds to replace, each in the models that have it */
    public static Matrix run(List<ModelSource> models, List<Variant> variants, Map<String, Integer> overrides, Path out, int threads) {
        return run(models, variants, overrides, out, threads, line -> {});
    }

    /** As above; {@code log} hears one line as each run ends. */
    public static Matrix run(List<ModelSource> models, List<Variant> variants, Map<String, Integer> overrides, Path out, int threads,
                             java.util.function.Consumer<String> log) {
        return run(models, variants, overrides, out, threads, log, new Cancellation());
    }

    /** As above; after {@code cancel} is requested, the matrix holds what was found and marks the rest incomplete. */
    public static Matrix run(List<ModelSource> models, List<Variant> variants, Map<String, Integer> overrides, Path out, int threads,
                             java.util.function.Consumer<String> log, Cancellation cancel) {
        List<String> invariants = new ArrayList<>();
        for (ModelSource m : models) for (String inv : m.invariants()) if (!invariants.contains(inv)) invariants.add(inv);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        List<Future<Run>> futures = new ArrayList<>();
        try {
            for (Variant v : variants) for (ModelSource m : models) futures.add(pool.submit(() -> {
                if (cancel.requested()) return skipped(m, v);
                long t0 = System.nanoTime();
                Run r = runOne(m, v, overrides, out, cancel);
                log.accept(String.format("%s under %s: %,d states, %.1f s", m.name(), v.name(), r.states(), (System.nanoTime() - t0) / 1e9));
                return r;
            }));
            Map<String, Map<String, Cell>> cells = new LinkedHashMap<>();
            for (String inv : invariants) {
                Map<String, Cell> row = new LinkedHashMap<>();
                for (Variant v : variants) row.put(v.name(), null);
                cells.put(inv, row);
            }
            long states = 0;
            List<Run> runs = new ArrayList<>();
            for (Future<Run> f : futures) runs.add(f.get());
            for (Run r : runs) {
                states += r.states();
                r.cells().forEach((inv, c) -> cells.get(inv).merge(r.variant(), c, Comparison::fold));
            }
            for (Map<String, Cell> row : cells.values()) row.replaceAll((v, c) -> c == null ? Cell.NOT_APPLICABLE : c);
            return new Matrix(models.stream().map(ModelSource::name).toList(), variants.stream().map(Variant::name).toList(),
                    invariants, cells, states);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("comparison interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Two models' verdicts on one invariant: a violation wins (the shorter), then an unfinished run, then holds. */
    static Cell fold(Cell a, Cell b) {
        if (a.verdict() == Cell.Status.VIOLATED && b.verdict() == Cell.Status.VIOLATED) return b.length() < a.length() ? b : a;
        if (a.verdict() == Cell.Status.VIOLATED) return a;
        if (b.verdict() == Cell.Status.VIOLATED) return b;
        if (a.verdict() == Cell.Status.INCOMPLETE || b.verdict() == Cell.Status.INCOMPLETE) return Cell.INCOMPLETE;
        if (a.verdict() == Cell.Status.HOLDS || b.verdict() == Cell.Status.HOLDS) return Cell.HOLDS;
        return Cell.NOT_APPLICABLE;
    }

    private static Run skipped(ModelSource source, Variant variant) {
        Map<String, Cell> cells = new LinkedHashMap<>();
        for (String inv : source.invariants()) cells.put(inv, Cell.INCOMPLETE);
        return new Run(source.name(), variant.name(), cells, 0);
    }

    private static Run runOne(ModelSource source, Variant variant, Map<String, Integer> overrides, Path out, Cancellation cancel) {
        Map<String, Integer> bounds = new LinkedHashMap<>(overrides);
        bounds.keySet().retainAll(source.defaultBounds().keySet());
        Model<?, ?> m;
        try {
            m = source.build(bounds, variant.name());
        } catch (ModelException e) {
            // The model cannot be set up under this variant (its setup calls fail): nothing to say.
            Map<String, Cell> cells = new LinkedHashMap<>();
            for (String inv : source.invariants()) cells.put(inv, Cell.NOT_APPLICABLE);
            return new Run(source.name(), variant.name(), cells, 0);
        }
        return search(m, variant.name(), out, cancel);
    }

    private static <S, A> Violation<S, A> minimized(Model<S, A> m, Violation<S, A> v) {
        if (Violation.DEADLOCK.equals(v.property()) && !m.deadlockIsViolation()) return v;
        return new Violation<>(v.property(), v.statement(), new Minimizer<>(m, v.property(), 500).minimize(v.trace(), true));
    }

    private static <S, A> Run search(Model<S, A> m, String variant, Path out, Cancellation cancel) {
        Bfs<S, A> bfs = new Bfs<>(m, new CheckOptions(-1, true, 0), Progress.NONE);
        CheckResult<S, A> r;
        cancel.started(bfs);
        try {
            r = bfs.run();
        } finally {
            cancel.finished(bfs);
        }
        Map<String, Cell> cells = new LinkedHashMap<>();
        List<Property<S, A>> props = m.properties();
        for (int p = 0; p < props.size(); p++) {
            String name = props.get(p).name();
            Violation<S, A> v = r.violations().stream().filter(x -> x.property().equals(name)).findFirst().orElse(null);
            Cell c;
            if (v != null) {
                // BFS traces are already shortest; the minimizer only simplifies arguments and actors,
                // as `check` does, so every file compare writes is a minimized counterexample.
                Violation<S, A> small = minimized(m, v);
                try {
                    Path file = CounterexampleFile.write(out, CounterexampleFile.of(m, small, "bfs", null, true));
                    c = new Cell(Cell.Status.VIOLATED, v.trace().length(), m.name(), file.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (!r.complete()) {
                c = Cell.INCOMPLETE;
            } else {
                c = r.exercised()[p] > 0 ? Cell.HOLDS : Cell.NOT_APPLICABLE;
            }
            cells.put(name, c);
        }
        return new Run(m.name(), variant, cells, r.stats().distinct());
    }
}
