package nscheck.checkers.conform;

import nscheck.spec.state.Limits;
import nscheck.spec.rules.Semantics;
import nscheck.spec.variant.Variant;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;
import java.util.Set;

/**
 * Differential conformance, the way SibylFS checked file systems against POSIX: scenarios drawn
 * from the spec run on the real kernel through the probe, and every observation is compared with
 * the spec's prediction for the same trace.
 */
public final class Conformance {
    /** Minimized mismatches per area; more are counted but shown unminimized. */
    private static final int MINIMIZE_PER_AREA = 3;

    private final Variant variant;
    private final Probe probe;
    private final Semantics semantics;
    private final KnownDivergences known = KnownDivergences.load();

    public Conformance(Variant variant, Probe probe) {
        this.variant = variant;
        this.probe = probe;
        // The kernel's own bounds: its pid_max, the levels left below MAX_PID_NS_LEVEL, and more
        // task slots than any scenario uses (known divergence "scaled-limits").
        this.semantics = new Semantics(variant, new Limits(24, Limits.MAX_PID_NS_LEVEL - probe.level(), probe.pidMax()).withNsNames());
    }

    public static List<String> areaNames() {
        return Area.NAMES;
    }

    public Variant variant() {
        return variant;
    }

    public Probe probe() {
        return probe;
    }

    List<KnownDivergences.Entry> knownDivergences() {
        return known.entries();
    }

    /** Generates {@code count} scenarios for the area (half breadth-first, half random walks), runs and compares them. */
    public AreaResult run(String areaName, int count, long seed) {
        return run(areaName, count, seed, 10);
    }

    /** As {@link #run(String, int, long)}, with random walks of up to {@code walkLength} steps. */
    public AreaResult run(String areaName, int count, long seed, int walkLength) {
        // Not a generated scenario area: the vetted host calls naming kthreadd (KernelThreadsArea).
        if (areaName.equals(KernelThreadsArea.NAME)) {
            AreaResult r = KernelThreadsArea.run(variant, probe, count, seed);
            finishedBefore += r.scenarios();
            return r;
        }
        Area area = Area.named(areaName, probe.pidMax());
        ScenarioGenerator gen = new ScenarioGenerator(semantics, area).stopWhen(probe::stopRequested);
        Random random = new Random(seed ^ areaName.hashCode());
        Set<Scenario> unique = new LinkedHashSet<>(gen.breadthFirst(3, (count + 1) / 2, random));
        unique.addAll(gen.randomWalks(walkLength, count - unique.size(), random));
        List<Scenario> scenarios = new ArrayList<>();
        List<Prediction> predictions = new ArrayList<>();
        for (Scenario s : unique) {
            Prediction p = SpecReplay.predict(semantics, s);
            if (p == null) continue; // cannot happen for generated scenarios; kept as a guard
            scenarios.add(s);
            predictions.add(p);
        }
        inMainBatch = true;
        ProbeBatch batch;
        try {
            batch = probe.runBatch(scenarios, predictions);
        } finally {
            inMainBatch = false;
        }
        List<KernelRun> runs = batch.runs();
        int steps = 0, agreed = 0;
        List<Mismatch> knownOnes = new ArrayList<>(), found = new ArrayList<>();
        Map<String, Integer> families = new TreeMap<>();
        // Only the scenarios the probe finished: the one it died in is named in the failure, not compared.
        for (int i = 0; i < batch.finished(); i++) {
            steps += runs.get(i).results().size();
            for (int j = 0; j < runs.get(i).results().size(); j++)
                families.merge(scenarios.get(i).steps().get(j).call().family(), 1, Integer::sum);
            Mismatch m = RunComparison.compare(scenarios.get(i), predictions.get(i), runs.get(i), known);
            if (m == null) agreed++;
            else if (m.known() != null) knownOnes.add(m);
            else found.add(m);
        }
        List<Mismatch> real = rerun(found);
        ScenarioShrinker shrinker = new ScenarioShrinker(semantics, probe, known);
        for (int i = 0; i < real.size() && i < MINIMIZE_PER_AREA; i++)
            if (Boolean.TRUE.equals(real.get(i).reproducible()) && !probe.stopRequested()) real.set(i, shrinker.shrink(real.get(i)));
        finishedBefore += batch.finished();
        return new AreaResult(areaName, batch.finished(), steps, agreed, knownOnes, real, families, scenarios.size(), batch.failure(),
                probe.stopRequested() && batch.finished() < scenarios.size());
    }

    /**
     * Every real mismatch's scenario runs once more, in one batch: the same difference at the same
     * step is reproducible; anything else points at interference from outside the scenario.
     */
    private List<Mismatch> rerun(List<Mismatch> found) {
        if (found.isEmpty() || probe.stopRequested()) return new ArrayList<>(found);
        List<Scenario> again = new ArrayList<>();
        List<Prediction> predictions = new ArrayList<>();
        for (Mismatch m : found) {
            again.add(m.scenario());
            predictions.add(SpecReplay.predict(semantics, m.scenario()));
        }
        ProbeBatch batch = probe.runBatch(again, predictions);
        List<Mismatch> out = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            Mismatch m = found.get(i);
            if (i >= batch.finished()) {
                out.add(m);
                continue;
            }
            Mismatch second = RunComparison.compare(again.get(i), predictions.get(i), batch.runs().get(i), known);
            out.add(m.rerun(second != null && second.known() == null && second.step() == m.step() && second.kernel().equals(m.kernel())));
        }
        return out;
    }

    private volatile boolean inMainBatch;
    private volatile int finishedBefore;

    /** Scenarios compared so far over every area run by this object, for progress lines. */
    public int scenariosDone() {
        return finishedBefore + (inMainBatch ? probe.batchDone() : 0);
    }

    /** Stops the running area where it is (its finished scenarios are kept) and every later one. */
    public void requestStop() {
        probe.requestStop();
    }

    /** The spec's kernel before a scenario and after each step it can take alone, for charts of mismatches. */
    public List<nscheck.spec.state.Kernel> specStates(Scenario s) {
        nscheck.spec.state.Kernel k = SpecReplay.initial(semantics, s.words());
        List<nscheck.spec.state.Kernel> out = new ArrayList<>(List.of(k));
        for (Scenario.Step step : s.steps()) {
            nscheck.spec.call.Outcome o = SpecReplay.single(semantics, k, step);
            if (o == null) break;
            k = o.next();
            out.add(k);
        }
        return out;
    }

    /** The spec's prediction for a scenario, step by step, for reports. */
    public List<String> predictedResults(Scenario s) {
        Prediction p = SpecReplay.predict(semantics, s);
        List<String> out = new ArrayList<>();
        if (p != null) for (Prediction.StepPrediction sp : p.steps()) out.add(sp.result() + (s.words() > 0 && sp.words() != null ? "  [w " + sp.words() + "]" : ""));
        return out;
    }
}
