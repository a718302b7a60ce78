package nscheck.checkers.compare;

import java.util.List;
import java.util.Map;

/**
 * The result of a comparison: for each invariant (rows) and variant (columns), a {@link Cell}.
 *
 * @param models     the models that ran, in order
 * @param variants   column order
 * @param invariants row order: the models' invariants in order of first appearance
 * @param cells      invariant -> variant -> cell
 * @param states     distinct states explored over all runs
 */
public record Matrix(List<String> models, List<String> variants, List<String> invariants,
                     Map<String, Map<String, Cell>> cells, long states) {
    public Cell cell(String invariant, String variant) {
        return cells.get(invariant).get(variant);
    }

    public boolean complete() {
        return cells.values().stream().flatMap(m -> m.values().stream()).noneMatch(c -> c.verdict() == Cell.Status.INCOMPLETE);
    }
}
