package nscheck.checkers.engine;

import nscheck.checkers.golden.GoldenCounts;
import nscheck.checkers.store.BitstateSet;
import nscheck.checkers.trace.Trace;
import nscheck.checkers.trace.Violation;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import nscheck.model.Property;
import nscheck.model.Transition;
import nscheck.model.Verdict;
import nscheck.model.kernel.KernelModel;
import nscheck.model.kernel.KernelModelSource;
import nscheck.model.kernel.KernelStep;
import nscheck.spec.state.Kernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engines reduced by symmetry (Model#canonical, TaskSymmetry): every counterexample a reduced
 * search reports is a real trace of the model without symmetry, violating what it claims to; the
 * parallel engine, the bounded-memory storage and a resumed checkpoint count what the sequential
 * reduced search counts.
 */
class SymmetricSearchTest {
    @TempDir
    Path tmp;

    /** Every seeded bug of the golden plan on a kernel model (small: they stop at the first violation). */
    @Test
    void reducedCounterexamplesAreRealTraces() throws Exception {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (GoldenCounts.Run row : GoldenCounts.read(Path.of("..").resolve(GoldenCounts.FILE))) {
            if (row.symmetry() == null || !row.variant().startsWith("seeded-") || row.distinct() > 20_000) continue;
            if (!(ModelCatalog.find(row.model()) instanceof KernelModelSource)) continue;
            KernelModel plain = (KernelModel) ModelCatalog.find(row.model()).build(Map.of(), row.variant());
            KernelModel reduced = plain.withSymmetry(true);
            CheckResult<Kernel, KernelStep> r = new Bfs<>(reduced, CheckOptions.defaults().quiet(), Progress.NONE).run();
            assertFalse(r.violations().isEmpty(), row.key());
            for (Violation<Kernel, KernelStep> v : r.violations()) {
                String why = notReal(plain, v);
                if (why != null) wrong.add(row.key() + " " + v.property() + ": " + why);
                checked++;
            }
        }
        assertTrue(checked >= 10, "seeded bugs checked: " + checked);
        assertEquals(List.of(), wrong);
    }

    /** Null if the trace starts in the initial state, each step is a transition of {@code m}, and the claimed property fails at its end. */
    private static String notReal(KernelModel m, Violation<Kernel, KernelStep> v) {
        Trace<Kernel, KernelStep> t = v.trace();
        if (!t.initial().equals(m.initialStates().get(0))) return "starts elsewhere";
        Kernel s = t.initial();
        for (Trace.Step<Kernel, KernelStep> step : t.steps()) {
            if (!step.pre().equals(s)) return "step from another state";
            List<Transition<Kernel, KernelStep>> all = new ArrayList<>();
            m.successors(s, all::add);
            if (!all.contains(new Transition<>(step.action(), step.post()))) return "no such transition: " + step.action();
            s = step.post();
        }
        for (Property<Kernel, KernelStep> p : m.properties()) {
            if (!p.name().equals(v.property())) continue;
            Verdict verdict = p instanceof Property.Always<Kernel, KernelStep> a ? a.check().check(t.last())
                    : ((Property.AlwaysStep<Kernel, KernelStep>) p).check().check(t.steps().get(t.length() - 1).pre(),
                    t.steps().get(t.length() - 1).action(), t.last());
            return verdict == Verdict.VIOLATED ? null : "the real trace does not violate it";
        }
        return "no property " + v.property();
    }

    @Test
    void theParallelEngineCountsWhatTheSequentialOneCounts() {
        KernelModel m = reduced("pidns-init-death", "mainline");
        CheckOptions o = CheckOptions.defaults().quiet().continuing();
        CheckResult<Kernel, KernelStep> seq = new Bfs<>(m, o, Progress.NONE).run();
        ParallelBfsTest.assertSame(seq, new ParallelBfs<>(m, o, Progress.NONE, 2).run());
        CheckResult<Kernel, KernelStep> full = new Bfs<>(m.withSymmetry(false), o, Progress.NONE).run();
        assertTrue(seq.stats().distinct() < full.stats().distinct(), seq.stats().distinct() + " of " + full.stats().distinct());
        assertEquals(full.stats().depth(), seq.stats().depth());
    }

    @Test
    void aSpilledFrontierAndABitstateTableCountTheSame() {
        KernelModel m = reduced("pidns-basic", "mainline");
        CheckOptions o = CheckOptions.defaults().quiet().continuing();
        CheckResult<Kernel, KernelStep> exact = new Bfs<>(m, o, Progress.NONE).run();
        CheckResult<Kernel, KernelStep> spilled = new Bfs<>(m, o, Progress.NONE, new StateStorage(null, 0, tmp)).run();
        ParallelBfsTest.assertSame(exact, spilled);
        CheckResult<Kernel, KernelStep> bits = new Bfs<>(m, o, Progress.NONE, new StateStorage(new BitstateSet(28), -1, null)).run();
        assertTrue(bits.stats().distinct() <= exact.stats().distinct());
        assertTrue(bits.stats().distinct() > exact.stats().distinct() * 99 / 100);
    }

    @Test
    void aCheckpointResumesToTheUninterruptedCounts() {
        KernelModel m = reduced("pidns-basic", "mainline");
        CheckOptions o = new CheckOptions(-1, false, 0);
        CheckResult<Kernel, KernelStep> whole = new Bfs<>(m, o, Progress.NONE).run();
        Path dir = tmp.resolve("cp");
        ParallelBfs<?, ?>[] first = new ParallelBfs<?, ?>[1];
        Progress stopping = new Progress() {
            @Override public void report(Statistics s) {}
            @Override public void level(int depth, long states, Statistics sofar) {
                if (depth == 4) first[0].requestStop();
            }
        };
        first[0] = new ParallelBfs<>(m, o, stopping, 2, StateStorage.IN_MEMORY.checkpointed(dir, 0, false));
        assertEquals(Ending.INTERRUPTED, first[0].run().ending());
        ParallelBfsTest.assertSame(whole, new Bfs<>(m, o, Progress.NONE, StateStorage.IN_MEMORY.checkpointed(dir, 0, true)).run());
        // the checkpoint names the reduction: the unreduced search refuses it rather than mixing counts
        org.junit.jupiter.api.Assertions.assertThrows(CheckpointUnreadable.class,
                () -> new Bfs<>(m.withSymmetry(false), o, Progress.NONE, StateStorage.IN_MEMORY.checkpointed(dir, 0, true)).run());
    }

    private static KernelModel reduced(String model, String variant) {
        Model<?, ?> m = ModelCatalog.find(model).build(Map.of(), variant);
        return ((KernelModel) m).withSymmetry(true);
    }
}
