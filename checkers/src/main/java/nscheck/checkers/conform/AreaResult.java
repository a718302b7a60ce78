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
 */
public record AreaResult(String area, int scenarios, int steps, int agreed, List<Mismatch> known, List<Mismatch> mismatches,
                         Map<String, Integer> families) {
    public double rate() {
        return scenarios == 0 ? 1.0 : (double) agreed / scenarios;
    }
}
