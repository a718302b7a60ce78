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
        this.semantics = new Semantics(variant, new Limits(24, Limits.MAX_PID_NS_LEVEL - probe.level(), probe.pidMax()));
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
        Area area = Area.named(areaName, probe.pidMax());
        ScenarioGenerator gen = new ScenarioGenerator(semantics, area);
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
        List<KernelRun> runs = probe.run(scenarios, predictions);
        int steps = 0, agreed = 0;
        List<Mismatch> knownOnes = new ArrayList<>(), real = new ArrayList<>();
        ScenarioShrinker shrinker = new ScenarioShrinker(semantics, probe, known);
        Map<String, Integer> families = new TreeMap<>();
        for (int i = 0; i < scenarios.size(); i++) {
            steps += runs.get(i).results().size();
            for (int j = 0; j < runs.get(i).results().size(); j++)
                families.merge(scenarios.get(i).steps().get(j).call().family(), 1, Integer::sum);
            Mismatch m = RunComparison.compare(scenarios.get(i), predictions.get(i), runs.get(i), known);
            if (m == null) agreed++;
            else if (m.known() != null) knownOnes.add(m);
            else real.add(real.size() < MINIMIZE_PER_AREA ? shrinker.shrink(m) : m);
        }
        return new AreaResult(areaName, scenarios.size(), steps, agreed, knownOnes, real, families);
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
