package nscheck.checkers.conform;

/**
 * Where the kernel first disagreed with the spec in a scenario.
 *
 * @param scenario  the scenario (minimized when it is reported)
 * @param step      index of the first differing step, or -1 when every step agreed and the final NSpid lines differ
 * @param spec      what the spec predicted there
 * @param kernel    what the kernel showed
 * @param known     the id of the known divergence it matches, or null for a real mismatch
 * @param reproducible whether a rerun of the scenario showed the same difference at the same step; null if not rerun.
 *                  Something outside the scenario (another process, memory pressure) gives a mismatch that does not
 *                  come back, and it must not read as a spec bug.
 */
public record Mismatch(Scenario scenario, int step, String spec, String kernel, String known, Boolean reproducible) {
    Mismatch(Scenario scenario, int step, String spec, String kernel, String known) {
        this(scenario, step, spec, kernel, known, null);
    }

    Mismatch withScenario(Scenario s, int newStep, String newSpec, String newKernel) {
        return new Mismatch(s, newStep, newSpec, newKernel, known, reproducible);
    }

    Mismatch rerun(boolean again) {
        return new Mismatch(scenario, step, spec, kernel, known, again);
    }
}
