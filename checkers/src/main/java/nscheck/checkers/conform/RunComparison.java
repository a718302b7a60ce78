package nscheck.checkers.conform;

import java.util.Map;

/** Compares one kernel run with the spec's prediction: results, then futex words, step by step, then NSpid lines. */
final class RunComparison {
    private RunComparison() {}

    /** The first difference, or null when the kernel agreed everywhere. */
    static Mismatch compare(Scenario s, Prediction pred, KernelRun run, KnownDivergences known) {
        for (int i = 0; i < pred.steps().size(); i++) {
            Prediction.StepPrediction p = pred.steps().get(i);
            if (i >= run.results().size())
                return mismatch(s, i, p.result(), "<not run: the probe stopped>", known);
            String got = run.results().get(i);
            if (!got.equals(p.result())) return mismatch(s, i, p.result(), got, known);
            if (s.words() > 0 && p.words() != null && !run.words().get(i).equals(p.words()))
                return mismatch(s, i, p.result() + " words " + p.words(), got + " words " + run.words().get(i), known);
        }
        for (Map.Entry<Integer, String> e : pred.snapshot().entrySet()) {
            String got = run.snapshot().getOrDefault(e.getKey(), "gone");
            if (!got.equals(e.getValue()))
                return mismatch(s, -1, "T" + e.getKey() + " NSpid " + e.getValue(), "T" + e.getKey() + " NSpid " + got, known);
        }
        return null;
    }

    private static Mismatch mismatch(Scenario s, int step, String spec, String kernel, KnownDivergences known) {
        String family = step >= 0 ? s.steps().get(step).call().family() : "nspid";
        return new Mismatch(s, step, spec, kernel, known.match(s.area(), family, spec, kernel));
    }
}
