package nscheck.checkers.golden;

import nscheck.model.Model;
import nscheck.model.ModelSource;
import nscheck.model.Property;
import nscheck.model.Transition;
import nscheck.model.kernel.KernelModel;
import nscheck.model.kernel.KernelStep;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Task;
import nscheck.spec.state.TaskSymmetry;
import nscheck.spec.variant.Variant;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Task slots are labels (TaskSymmetry): every renaming π of the slots is an automorphism of every
 * shipped kernel model under every variant the golden file runs it with. For a sample of reachable
 * states s of each (model, variant) and a few renamings π: the classes of the successors of π(s),
 * each with the call, what it returned and who made it (named by number, not slot), are those of s;
 * every invariant gives π(s) the verdict of s, and every step invariant a transition's renamed twin
 * the verdict of the transition; the representative of π(s) is that of s, and representatives are
 * their own. A renaming that forgets one slot reference fails this (aMissedFieldIsCaught).
 */
class TaskSymmetryTest {
    /** -Dsymmetry.only=MODEL: one model, with timings (to look into a failure). */
    private static final String ONLY = System.getProperty("symmetry.only");
    /**
     * The sample per (model, variant): states at the end of random walks (fixed seed) of 1 to
     * WALK steps from the initial state, each checked with RENAMINGS random renamings, until
     * TRANSITIONS transitions have been compared: deep states at the cost of a few seconds.
     */
    private static final int SAMPLE = 16, WALK = 18, RENAMINGS = 2, TRANSITIONS = 2500;

    @Test
    void everyRenamingIsAnAutomorphismOfEveryModel() {
        List<String> broken = new ArrayList<>();
        for (Map.Entry<ModelSource, Variant> run : GoldenCounts.plan()) {
            if (!(run.getKey() instanceof nscheck.model.kernel.KernelModelSource)) continue;
            if (ONLY != null && !run.getKey().name().equals(ONLY)) continue;
            Model<?, ?> m = run.getKey().build(Map.of(), run.getValue().name());
            if (!(m instanceof KernelModel km)) continue;
            long t0 = System.nanoTime();
            String why = firstAsymmetry(km, TaskSymmetry::relabelled);
            if (ONLY != null) System.err.printf("%s %s %.1f s%n", m.name(), run.getValue().name(), (System.nanoTime() - t0) / 1e9);
            if (why != null) broken.add(m.name() + " under " + run.getValue().name() + ": " + why);
        }
        assertEquals(List.of(), broken);
    }

    /**
     * The check can fail: a renaming that leaves a PID namespace's child_reaper in its old slot
     * (one missed field) is caught, as is one that leaves the parent links.
     */
    @Test
    void aMissedFieldIsCaught() {
        KernelModel km = (KernelModel) nscheck.model.ModelCatalog.find("pidns-basic").build(Map.of(), "mainline");
        assertNotNull(firstAsymmetry(km, (k, perm) -> {
            Kernel r = TaskSymmetry.relabelled(k, perm);
            for (int n = 0; n < k.nsSlots(); n++) if (k.ns(n) != null) r = r.withNamespace(n, r.ns(n).withChildReaper(k.ns(n).childReaper()));
            return r;
        }), "a renaming that forgets child_reaper must be caught");
        assertNotNull(firstAsymmetry(km, (k, perm) -> {
            Kernel r = TaskSymmetry.relabelled(k, perm);
            for (int i = 0; i < k.taskSlots(); i++) {
                Task t = k.task(i);
                if (t != null) r = r.withTask(perm[i], r.task(perm[i]).withParent(t.parent));
            }
            return r;
        }), "a renaming that forgets real_parent must be caught");
        assertNull(firstAsymmetry(km, TaskSymmetry::relabelled));
    }

    /** The first broken law found on the sample, null if none. */
    static String firstAsymmetry(KernelModel m, BiFunction<Kernel, int[], Kernel> rename) {
        Random random = new Random(14);
        List<Kernel> gathered = walks(m, random);
        List<int[]> all = TaskSymmetry.renamings(m.initialStates().get(0).taskSlots());
        int[] budget = {TRANSITIONS};
        for (int i = 0; i < gathered.size() && budget[0] > 0; i++) {
            Kernel s = gathered.get(i);
            Kernel c = TaskSymmetry.canonical(s);
            if (!TaskSymmetry.canonical(c).equals(c)) return "the representative of " + s + " is not its own";
            Set<List<Object>> mine = successorClasses(m, s, budget);
            for (int r = 0; r < RENAMINGS; r++) {
                int[] perm = all.get(1 + random.nextInt(all.size() - 1));
                Kernel p = rename.apply(s, perm);
                if (!TaskSymmetry.canonical(p).equals(c)) return "renaming " + java.util.Arrays.toString(perm) + " of " + s + " has another representative";
                for (Property<Kernel, KernelStep> prop : m.properties())
                    if (prop instanceof Property.Always<Kernel, KernelStep> inv && inv.check().check(s) != inv.check().check(p))
                        return prop.name() + " judges " + s + " and its renaming " + p + " apart";
                Set<List<Object>> theirs = successorClasses(m, p, budget);
                if (!theirs.equals(mine)) {
                    Set<List<Object>> only = new HashSet<>(theirs);
                    only.removeAll(mine);
                    Set<List<Object>> missing = new HashSet<>(mine);
                    missing.removeAll(theirs);
                    return "successors of " + s + " renamed by " + java.util.Arrays.toString(perm) + " differ: extra " + only + ", missing " + missing;
                }
            }
        }
        return null;
    }

    /** The ends of SAMPLE random walks: real states (not representatives), as deep as WALK steps. */
    private static List<Kernel> walks(KernelModel m, Random random) {
        List<Kernel> out = new ArrayList<>();
        for (int w = 0; w < SAMPLE; w++) {
            Kernel k = m.initialStates().get(0);
            for (int n = 1 + random.nextInt(WALK); n > 0; n--) {
                List<Kernel> next = new ArrayList<>();
                m.successors(k, t -> next.add(t.next()));
                if (next.isEmpty()) break;
                k = next.get(random.nextInt(next.size()));
            }
            out.add(k);
        }
        return out;
    }

    /** Each transition as slot-free words: actor and denoted task by number in init_pid_ns, call, result, step verdicts, the successor's class. */
    private static Set<List<Object>> successorClasses(KernelModel m, Kernel s, int[] budget) {
        Set<List<Object>> out = new HashSet<>();
        m.successors(s, (Transition<Kernel, KernelStep> t) -> {
            budget[0]--;
            List<Object> w = new ArrayList<>();
            KernelStep a = t.action();
            w.add(number(s, a.actor()));
            w.add(a.call());
            w.add(a.result().value());
            w.add(a.result().errno());
            w.add(a.result().returns());
            w.add(a.result().about() < 0 ? a.result().about() : number(s, a.result().about()) != -2 ? number(s, a.result().about()) : number(t.next(), a.result().about()));
            for (Property<Kernel, KernelStep> prop : m.properties())
                if (prop instanceof Property.AlwaysStep<Kernel, KernelStep> st) w.add(st.check().check(s, a, t.next()));
            w.add(TaskSymmetry.canonical(t.next()));
            out.add(w);
        });
        return out;
    }

    private static long number(Kernel k, int slot) {
        Task t = k.task(slot);
        return t == null ? -2 : t.numberAtLevel(0);
    }
}
