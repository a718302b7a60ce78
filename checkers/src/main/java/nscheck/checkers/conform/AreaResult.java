package nscheck.checkers.conform;

import java.util.List;
import java.util.Map;

/**
 * The conformance of one area.
 *
 * @param scenarios  how many scenarios ran
 * @param steps      how many steps were compared in all
 * @param agreed     scenarios where every observation matched the spec
 * @param known      mismatches that are listed known divergences
 * @param mismatches real mismatches, minimized
 * @param families   steps compared per call family: what the area exercised
 * @param planned    how many scenarios the area drew; more than {@code scenarios} when the run was cut short
 * @param failure    null, or why the probe died (the scenario it was running is named); the counts are of the scenarios before it
 * @param interrupted the run was stopped by a signal (Ctrl-C) before every scenario ran
 */
public record AreaResult(String area, int scenarios, int steps, int agreed, List<Mismatch> known, List<Mismatch> mismatches,
                         Map<String, Integer> families, int planned, String failure, boolean interrupted) {
    public boolean complete() {
        return failure == null && !interrupted && scenarios == planned;
    }

    public double rate() {
        return scenarios == 0 ? 1.0 : (double) agreed / scenarios;
    }
}
