package nscheck.checkers.scenario;

import nscheck.checkers.trace.Replay;
import nscheck.checkers.trace.Trace;
import nscheck.checkers.cex.Counterexample;
import nscheck.model.TraceStep;
import nscheck.model.kernel.KernelModel;
import nscheck.model.kernel.KernelStep;
import nscheck.spec.state.Kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A counterexample of a kernel model in both forms: the readable file (version 2, tasks by name,
 * arguments in the kernel's words) and the form replay, the minimizer and rerecording work on
 * (version 1's steps: task slots, call families, the spec records' fields).
 */
public final class CounterexampleForm {
    private CounterexampleForm() {}

    /** A version 2 file with a property, as the steps replay matches against a model. */
    public static Counterexample toCounterexample(Script s) {
        if (s.property() == null || s.model() == null)
            throw new ScenarioError(s.model() == null ? "model" : "property", "a counterexample names its model and property; this is a scenario (replay it)");
        ScenarioRun.Setting st = ScenarioRun.setting(s);
        KernelModel m = st.model();
        ScenarioRun.Result r = ScenarioRun.run(st, s, true);
        List<TraceStep> steps = new ArrayList<>();
        for (ScenarioRun.Ran ran : r.steps()) steps.add(m.describe(ran.pre(), ran.step(), ran.post()));
        if (r.diverged()) {
            // The steps from the divergence on, as written: replay reports the first of them.
            if (!r.steps().isEmpty() && r.steps().get(r.steps().size() - 1).index() == r.divergedAt()) steps.remove(steps.size() - 1);
            for (int i = r.divergedAt(); i < s.steps().size(); i++) {
                Script.Step w = s.steps().get(i);
                Integer slot = r.slots().get(w.task());
                steps.add(new TraceStep(slot == null ? w.task() : "T" + slot, "", w.call().family(), KernelModel.arguments(w.call()),
                        w.call().toString(), w.result() == null ? "?" : w.result()));
            }
        }
        return new Counterexample(Counterexample.FORMAT, Counterexample.VERSION, s.model(), m.bounds(), m.variant(), s.property(),
                s.foundBy(), s.expect(), m.describeState(st.initial()), steps);
    }

    /**
     * The file text of a counterexample of a kernel model, or null if its steps do not replay on
     * the model (then it is written in version 1, as found).
     */
    public static String write(Counterexample cex, KernelModel m) {
        Kernel initial = Replay.initialState(m, cex.initial());
        if (initial == null) return null;
        Replay.Result<Kernel, KernelStep> r = new Replay<>(m, cex.property().name()).run(initial, cex.trace(), Replay.Matching.EXACT, false);
        if (r.diverged()) return null;
        Map<Integer, String> names = new HashMap<>();
        List<String> tasks = new ArrayList<>();
        for (int slot : initial.taskSlotList()) {
            names.put(slot, slot == Kernel.ROOT_INIT ? "init" : "t" + slot);
            tasks.add(names.get(slot));
        }
        int made = tasks.size();
        List<ScenarioFile.Written> steps = new ArrayList<>();
        for (Trace.Step<Kernel, KernelStep> t : r.trace().steps()) {
            KernelStep ks = t.action();
            String child = null;
            if (ScenarioRun.isClone(ks.call()) && !ks.result().failed()) {
                child = "t" + made++;
                names.put(ks.result().about(), child);
            }
            steps.add(new ScenarioFile.Written(names.get(ks.actor()), ks.call(), child, ks.result().toString()));
        }
        Script header = new Script(null, cex.model(), cex.variant(), Map.of(), tasks, cex.property(), cex.foundBy(), cex.expect(), List.of());
        return ScenarioFile.write(header, steps, m.bounds());
    }
}
