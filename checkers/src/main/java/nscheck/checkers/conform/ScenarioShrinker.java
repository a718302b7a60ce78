package nscheck.checkers.conform;

import nscheck.spec.rules.Semantics;

import java.util.ArrayList;
import java.util.List;

/**
 * Shrinks a mismatching scenario: drops one step at a time, keeps a candidate the spec can still
 * replay deterministically and on which the kernel still disagrees, and repeats until no single
 * step can go. Each round runs every candidate in one probe batch.
 */
final class ScenarioShrinker {
    private static final int MAX_ROUNDS = 20;

    private final Semantics semantics;
    private final Probe probe;
    private final KnownDivergences known;

    ScenarioShrinker(Semantics semantics, Probe probe, KnownDivergences known) {
        this.semantics = semantics;
        this.probe = probe;
        this.known = known;
    }

    Mismatch shrink(Mismatch m) {
        Mismatch best = m;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<Scenario> candidates = new ArrayList<>();
            List<Prediction> predictions = new ArrayList<>();
            List<Scenario.Step> steps = best.scenario().steps();
            for (int i = steps.size() - 1; i >= 0; i--) {
                List<Scenario.Step> fewer = new ArrayList<>(steps);
                fewer.remove(i);
                Scenario c = best.scenario().withSteps(fewer);
                Prediction p = SpecReplay.predict(semantics, c);
                if (p == null || fewer.isEmpty()) continue;
                candidates.add(c);
                predictions.add(p);
            }
            if (candidates.isEmpty()) return best;
            ProbeBatch batch = probe.runBatch(candidates, predictions);
            // A probe that died or was stopped: the smallest so far stands.
            if (!batch.complete()) return best;
            List<KernelRun> runs = batch.runs();
            Mismatch smaller = null;
            for (int i = 0; i < candidates.size() && smaller == null; i++) {
                Mismatch again = RunComparison.compare(candidates.get(i), predictions.get(i), runs.get(i), known);
                if (again != null && again.known() == null) smaller = again;
            }
            if (smaller == null) return best;
            best = smaller;
        }
        return best;
    }
}
