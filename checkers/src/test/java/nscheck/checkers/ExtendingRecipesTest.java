package nscheck.checkers;

import nscheck.checkers.compare.Cell;
import nscheck.checkers.engine.Bfs;
import nscheck.checkers.engine.CheckOptions;
import nscheck.checkers.engine.CheckResult;
import nscheck.checkers.engine.Progress;
import nscheck.checkers.trace.Violation;
import nscheck.checkers.compare.Comparison;
import nscheck.checkers.compare.Matrix;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import nscheck.model.ModelSource;
import nscheck.model.Property;
import nscheck.model.Verdict;
import nscheck.model.kernel.KernelModel;
import nscheck.model.kernel.KernelModelSource;
import nscheck.model.kernel.KernelStep;
import nscheck.model.kernel.ObjectInvariants;
import nscheck.model.kernel.PidInvariants;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Task;
import nscheck.spec.variant.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/extending.md's recipes, each walked with a test-only model, invariant or variant along the
 * path the shipped ones take. Tests cannot add to the spec's registries (Variants, the invariant
 * lists), so where a recipe registers something by name, the test hands the object over instead;
 * every step after that is the shipped path.
 */
class ExtendingRecipesTest {
    static final Path EXAMPLE = Path.of("../docs/examples/pidns-orphans.json");

    // ---- a model file ---------------------------------------------------------------------

    @Test
    void theExampleModelFileIsTheOneTheRecipeShows() throws Exception {
        String page = Files.readString(Path.of("../docs/extending.md"));
        String block = page.substring(page.indexOf("```json\n") + "```json\n".length());
        block = block.substring(0, block.indexOf("```"));
        assertEquals(Files.readString(EXAMPLE).strip(), block.strip(), "docs/extending.md shows docs/examples/pidns-orphans.json");
    }

    @Test
    void theExampleModelFileHoldsUnderMainlineAndCatchesItsSeededBug() {
        ModelSource source = ModelCatalog.find(EXAMPLE.toString());
        CheckResult<?, ?> ok = check(source.build(Map.of(), "mainline"));
        assertTrue(!ok.violated() && ok.vacuous().isEmpty(), "every invariant holds and is exercised: " + ok.vacuous());
        assertNotNull(ShortestViolation.first(source.build(Map.of(), "seeded-global-reaper"), "orphan-reaper", -1));
    }

    // ---- an invariant with its seeded bug --------------------------------------------------

    /** P5: the child_reaper of every PID namespace is the task numbered 1 in it. */
    static Property<Kernel, KernelStep> reaperNumberedOne() {
        return new Property.Always<>("reaper-numbered-one", "the child_reaper of every PID namespace holds number 1 in it", k -> {
            boolean nested = false;
            for (int i = 0; i < k.taskSlots(); i++) {
                Task t = k.task(i);
                if (t == null || !k.isChildReaper(i)) continue;
                if (t.level() > 0) nested = true;
                if (t.innermostNumber() != 1) return Verdict.VIOLATED;
            }
            return nested ? Verdict.HOLDS : Verdict.VACUOUS;
        });
    }

    /** Breaks reaper-numbered-one: copy_process makes the second task of a child namespace its reaper too. */
    static final Variant SECOND_TASK_REAPER = new Mainline() {
        @Override public String name() { return "seeded-second-task-reaper"; }
        @Override public String summary() { return "seeded bug: the second task of a child namespace becomes its reaper (breaks reaper-numbered-one)"; }
        @Override public boolean seededBug() { return true; }
        @Override public boolean startsNamespace(Task child) {
            return super.startsNamespace(child) || child.level() > 0 && child.innermostNumber() == 2;
        }
    };

    @Test
    void aNewInvariantFailsOnlyUnderItsSeededBugAndOnAShortestTrace() {
        Model<Kernel, KernelStep> seeded = orphans(SECOND_TASK_REAPER, List.of(reaperNumberedOne()));
        Violation<Kernel, KernelStep> v = ShortestViolation.first(seeded, "reaper-numbered-one", -1);
        assertNotNull(v, "the seeded bug breaks the new invariant");
        assertEquals(2, v.trace().length(), () -> "clone(CLONE_NEWPID), then the new init's clone: " + v.trace());
        assertNull(ShortestViolation.first(seeded, "reaper-numbered-one", 1), "nothing shorter");
        CheckResult<Kernel, KernelStep> mainline = check(orphans(Mainline.INSTANCE, List.of(reaperNumberedOne())));
        assertTrue(!mainline.violated() && mainline.vacuous().isEmpty(), "holds, and is exercised, under mainline");
    }

    // ---- a proposal ------------------------------------------------------------------------

    /** Linux before 3.4 (2012): no PR_SET_CHILD_SUBREAPER, so every orphan goes to its namespace's init. */
    static final Variant PRE_SUBREAPER = new Mainline() {
        @Override public String name() { return "pre-subreaper"; }
        @Override public String summary() { return "before 3.4: no child subreapers, orphans go to the namespace's init"; }
        @Override public int reaper(Kernel k, int father) {
            Kernel withoutSubreapers = k;
            for (int i = 0; i < k.taskSlots(); i++)
                if (k.task(i) != null && k.task(i).subreaper) withoutSubreapers = withoutSubreapers.withTask(i, k.task(i).withSubreaper(false));
            return super.reaper(withoutSubreapers, father);
        }
    };

    @Test
    void aProposalGetsItsColumnInTheComparison(@TempDir Path out) {
        KernelModelSource basic = (KernelModelSource) ModelCatalog.find(EXAMPLE.toString());
        ModelSource withProposal = new ModelSource() {
            @Override public String name() { return basic.name(); }
            @Override public String description() { return basic.description(); }
            @Override public Map<String, Integer> defaultBounds() { return basic.defaultBounds(); }
            @Override public String defaultVariant() { return basic.defaultVariant(); }
            @Override public List<String> invariants() { return basic.invariants(); }
            @Override public Model<?, ?> build(Map<String, Integer> overrides, String variant) {
                // Variants.byName cannot know a test's variant: build as KernelModelSource does, with the object.
                if (!variant.equals(PRE_SUBREAPER.name())) return basic.build(overrides, variant);
                Semantics s = semantics(PRE_SUBREAPER, basic, overrides);
                List<Property<Kernel, KernelStep>> props = new ArrayList<>();
                for (String name : basic.invariants()) props.add(invariantNamed(name, s));
                return new KernelModel(basic.name(), basic.description(), bounds(basic, overrides), s, basic.calls(), List.of("wait"), props);
            }
        };
        Matrix m = Comparison.run(List.of(withProposal), List.of(Mainline.INSTANCE, PRE_SUBREAPER), Map.of(), out, 1);
        assertEquals(Cell.Status.VIOLATED, m.cell("orphan-reaper", "pre-subreaper").verdict());
        for (String inv : m.invariants()) {
            assertEquals(Cell.Status.HOLDS, m.cell(inv, "mainline").verdict(), inv + " under mainline");
            if (!inv.equals("orphan-reaper")) assertEquals(Cell.Status.HOLDS, m.cell(inv, "pre-subreaper").verdict(), inv);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    static <S, A> CheckResult<S, A> check(Model<S, A> m) {
        return new Bfs<>(m, CheckOptions.defaults().quiet(), Progress.NONE).run();
    }

    static Model<Kernel, KernelStep> orphans(Variant v, List<Property<Kernel, KernelStep>> props) {
        KernelModelSource basic = (KernelModelSource) ModelCatalog.find(EXAMPLE.toString());
        return new KernelModel(basic.name(), basic.description(), bounds(basic, Map.of()), semantics(v, basic, Map.of()),
                basic.calls(), List.of("wait"), props);
    }

    static Map<String, Integer> bounds(ModelSource source, Map<String, Integer> overrides) {
        Map<String, Integer> b = new LinkedHashMap<>(source.defaultBounds());
        b.putAll(overrides);
        return b;
    }

    static Semantics semantics(Variant v, ModelSource source, Map<String, Integer> overrides) {
        Map<String, Integer> b = bounds(source, overrides);
        return new Semantics(v, new Limits(b.get("tasks"), b.get("depth"), b.get("pid_max")));
    }

    static Property<Kernel, KernelStep> invariantNamed(String name, Semantics s) {
        for (Property<Kernel, KernelStep> p : PidInvariants.all(s)) if (p.name().equals(name)) return p;
        for (Property<Kernel, KernelStep> p : ObjectInvariants.all(s)) if (p.name().equals(name)) return p;
        throw new IllegalArgumentException(name);
    }
}
