package nscheck.checkers.conform;

import nscheck.checkers.cex.Counterexample;
import nscheck.checkers.cex.CounterexampleFile;
import nscheck.checkers.scenario.CounterexampleForm;
import nscheck.checkers.scenario.ScenarioError;
import nscheck.checkers.scenario.ScenarioFile;
import nscheck.checkers.scenario.ScenarioReplay;
import nscheck.checkers.scenario.ScenarioRun;
import nscheck.checkers.scenario.Script;
import nscheck.model.Model;
import nscheck.model.kernel.KernelModel;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.call.Syscall;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A user's scenario or counterexample on the running kernel (`nscheck replay --kernel`, `nscheck
 * conform --scenario`): its tasks are bound to slots by the spec under the kernel's own limits,
 * the probe runs the calls in its sandbox (fresh user, mount, PID and IPC namespaces, see
 * docs/conformance.md), and every step's result is compared with
 * the spec's. A scenario the kernel cannot run deterministically, or whose bounds are too small
 * for its calls, is refused (an input error), never run into a spurious disagreement.
 */
public final class KernelReplay {
    private final Probe probe;
    private final KnownDivergences known = KnownDivergences.load();

    public KernelReplay(Probe probe) {
        this.probe = probe;
    }

    /** The kernel's limits as the spec sees them from the scenario namespace (as {@link Conformance} uses). */
    Limits kernelLimits() {
        return new Limits(24, Limits.MAX_PID_NS_LEVEL - probe.level(), probe.pidMax()).withNsNames();
    }

    /** A file as a script: a scenario as written; a counterexample of a kernel model through its readable form. */
    public static Script script(Path file) {
        Script s = ScenarioReplay.readIfScenario(file);
        if (s != null) return s;
        Counterexample cex = CounterexampleFile.read(file);
        Model<?, ?> m;
        try {
            m = CounterexampleFile.rebuild(cex);
        } catch (nscheck.model.ModelException e) {
            throw new ScenarioError("model", e.getMessage());
        }
        if (!(m instanceof KernelModel km))
            throw new ScenarioError("model", m.name() + " is a user-space protocol model: its steps are not kernel calls the probe can make");
        String text = CounterexampleForm.write(cex, km);
        if (text == null) throw new ScenarioError("trace", "the trace no longer replays on the spec (run `nscheck replay` on it)");
        return ScenarioFile.parse(text);
    }

    /** One file run on the kernel: the conformance scenario, the spec's prediction, what the kernel did, the names. */
    record Ran(Path file, Script script, Scenario scenario, Prediction prediction, KernelRun run, Mismatch mismatch, List<String> names,
               List<String> expected) {
        /** The first step whose kernel result is not the one the file states, or -1. */
        int firstUnexpected() {
            for (int i = 0; i < expected.size() && i < run.results().size(); i++)
                if (expected.get(i) != null && !expected.get(i).equals(run.results().get(i))) return i;
            return -1;
        }
    }

    /**
     * Prepares a file for the probe.
     *
     * @throws ScenarioError if it is malformed, its bounds are too small, or the kernel cannot run it deterministically
     */
    Prepared prepare(Script given) {
        // the kernel takes its own steps at once: a counterexample's delayed ones are refused below
        Script s = given.asScenario();
        ScenarioRun.Setting file = ScenarioRun.setting(s);
        Limits kernel = kernelLimits();
        String small = ScenarioRun.boundTooSmall(file, s, new Limits(Math.max(kernel.maxTasks(), file.semantics().limits.maxTasks()),
                kernel.maxLevel(), kernel.pidMax(), 0, kernel.nsNames()));
        if (small != null) throw new ScenarioError("", small);
        ScenarioRun.Setting st = file.withLimits(kernel);
        ScenarioRun.Result r = ScenarioRun.run(st, s, false);
        List<Scenario.Step> steps = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 1; i < st.names().size(); i++) {
            steps.add(new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0)));
            names.add("(setup) " + st.names().get(0));
        }
        List<String> paths = new ArrayList<>(), expected = new ArrayList<>();
        for (int i = 1; i < st.names().size(); i++) {
            paths.add(null);
            expected.add(null);
        }
        for (ScenarioRun.Ran ran : r.steps()) {
            steps.add(new Scenario.Step(ran.step().actor(), ran.step().call()));
            names.add(ran.task());
            paths.add(ran.index() >= 0 ? s.steps().get(ran.index()).path() : null);
            expected.add(ran.expected());
        }
        if (r.diverged()) {
            // the spec cannot take a step at all: nothing to compare it with
            throw new ScenarioError(s.steps().get(r.divergedAt()).path(), r.divergence());
        }
        for (int i = 0; i < steps.size(); i++) {
            int uid = sandboxUid(steps.get(i).call());
            if (uid > SANDBOX_MAX_UID)
                throw new ScenarioError(paths.get(i) == null ? "trace" : paths.get(i) + ".args.uid", "uid " + uid
                        + " is outside the sandbox's id map (0-" + SANDBOX_MAX_UID + "): the kernel runner cannot run it (docs/conformance.md)");
        }
        for (int i = 0; i < steps.size(); i++) {
            try {
                ProbeCall.of(steps.get(i).call(), 1);
            } catch (IllegalArgumentException e) {
                throw new ScenarioError(paths.get(i) == null ? "trace" : paths.get(i) + ".call", "the probe cannot run " + steps.get(i).call()
                        + " on the kernel (" + e.getMessage() + ")");
            }
        }
        Scenario scenario = new Scenario("scenario", st.words(), steps);
        Prediction p = SpecReplay.predict(st.semantics(), scenario);
        if (p == null)
            throw new ScenarioError("trace", "the kernel cannot run this scenario deterministically: a step has several possible outcomes,"
                    + " or a fatal signal's delivery or a woken futex call's return comes after other steps (the kernel takes those at once),"
                    + " or a step is one a known divergence keeps out of scenarios (known-divergences.json, kind not-generated)");
        return new Prepared(s, scenario, p, names, expected, st.semantics().variant.name());
    }

    /**
     * The probe's sandbox maps its user namespace's ids 0..65535 only (uid_map "0 100000 65536"):
     * a larger uid is unmapped there (setuid EINVAL) where the spec's init_user_ns maps every id.
     */
    static final int SANDBOX_MAX_UID = 65535;

    private static int sandboxUid(Syscall call) {
        if (call instanceof Syscall.Setuid s) return s.uid();
        if (call instanceof Syscall.SendCreds s) return s.uid();
        return -1;
    }

    /** @param expected per scenario step, the result the file states, or null */
    record Prepared(Script script, Scenario scenario, Prediction prediction, List<String> names, List<String> expected, String variant) {}

    /** Runs prepared files in one probe process. */
    List<Ran> run(List<Path> files, List<Prepared> prepared) {
        List<Scenario> scenarios = new ArrayList<>();
        List<Prediction> predictions = new ArrayList<>();
        for (Prepared p : prepared) {
            scenarios.add(p.scenario());
            predictions.add(p.prediction());
        }
        List<KernelRun> runs = probe.run(scenarios, predictions);
        List<Ran> out = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            Prepared p = prepared.get(i);
            Mismatch m = RunComparison.compare(p.scenario(), p.prediction(), runs.get(i), known);
            out.add(new Ran(files.get(i), p.script(), p.scenario(), p.prediction(), runs.get(i), m, p.names(), p.expected()));
        }
        return out;
    }

    /**
     * `nscheck replay --kernel FILE`: prints what the spec and the kernel each observed, step by step.
     *
     * @return whether the kernel agreed with the spec at every step
     */
    public boolean replay(Path file, PrintWriter out) {
        Script s = script(file);
        Prepared p = prepare(s);
        Ran r = run(List.of(file), List.of(p)).get(0);
        out.printf("replay --kernel %s%n", file);
        out.printf("  on Linux %s, in a sandbox (fresh user, mount, PID and IPC namespaces), PID namespace at level %d (pid_max %d); spec variant %s%n",
                System.getProperty("os.version"), probe.level(), probe.pidMax(), p.variant());
        out.printf("  %3s  %-15s %-38s %-20s %s%n", "", "task", "call", "spec", "kernel");
        for (int i = 0; i < r.scenario().steps().size(); i++) {
            Scenario.Step st = r.scenario().steps().get(i);
            String spec = r.prediction().steps().get(i).result();
            String kernel = i < r.run().results().size() ? r.run().results().get(i) : "(not run)";
            String mark = r.mismatch() != null && r.mismatch().step() == i ? "  <- DIVERGES" : "";
            String stated = r.expected().get(i) != null && !r.expected().get(i).equals(kernel) ? "  (the file states " + r.expected().get(i) + ")" : "";
            out.printf("  %3d  %-15s %-38s %-20s %s%s%s%n", i + 1, r.names().get(i), st.call(), spec, kernel, mark, stated);
            if (!mark.isEmpty()) break;
        }
        int unexpected = r.firstUnexpected();
        if (r.mismatch() == null && unexpected >= 0) {
            out.printf("FAIL %s: the kernel observed what the spec did, but step %d (%s %s) returned %s where the file states %s%n", file,
                    unexpected + 1, r.names().get(unexpected), r.scenario().steps().get(unexpected).call(), r.run().results().get(unexpected),
                    r.expected().get(unexpected));
            return false;
        }
        if (r.mismatch() == null) {
            out.printf("PASS %s: the kernel observed what the spec did at all %d steps, and the final NSpid lines agree%n", file,
                    r.scenario().steps().size());
            return true;
        }
        Mismatch m = r.mismatch();
        String where = m.step() < 0 ? "in the final NSpid lines" : "at step " + (m.step() + 1) + " (" + r.names().get(m.step()) + " "
                + r.scenario().steps().get(m.step()).call() + ")";
        out.printf("FAIL %s: diverged %s: spec %s, kernel %s%s%n", file, where, m.spec(), m.kernel(),
                m.known() == null ? "" : " (known divergence " + m.known() + ")");
        return false;
    }

    /** `nscheck conform --scenario FILE...`: the files as one area of a conformance report. */
    public AreaResult conform(List<Path> files) {
        List<Prepared> prepared = new ArrayList<>();
        for (Path f : files) {
            try {
                prepared.add(prepare(script(f)));
            } catch (ScenarioError e) {
                throw new ScenarioError("", f + ": " + e.getMessage());
            }
        }
        List<Ran> ran = run(files, prepared);
        int steps = 0, agreed = 0;
        List<Mismatch> knownOnes = new ArrayList<>(), real = new ArrayList<>();
        Map<String, Integer> families = new TreeMap<>();
        for (Ran r : ran) {
            steps += r.run().results().size();
            for (int j = 0; j < r.run().results().size(); j++) families.merge(r.scenario().steps().get(j).call().family(), 1, Integer::sum);
            if (r.mismatch() == null && r.firstUnexpected() < 0) agreed++;
            else if (r.mismatch() == null) real.add(new Mismatch(r.scenario(), r.firstUnexpected(), "(the file states) " + r.expected().get(r.firstUnexpected()),
                    r.run().results().get(r.firstUnexpected()), null));
            else if (r.mismatch().known() != null) knownOnes.add(r.mismatch());
            else real.add(r.mismatch());
        }
        return new AreaResult("scenario files", ran.size(), steps, agreed, knownOnes, real, families, ran.size(), null, false);
    }
}
