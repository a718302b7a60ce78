package nscheck.checkers.report;

import java.util.List;

/**
 * A trace as a message sequence chart (SPIN's MSC, TLC's trace explorer): one row per state,
 * the initial state first, each later row the step that led to it.
 *
 * @param title       what the chart shows, one line
 * @param facts       label and value pairs printed above the chart (model, variant, found by)
 * @param property    the property judged, or null
 * @param statement   its one-line statement
 * @param rows        row 0 is the initial state
 * @param violatedRow the row whose state first violates the property, or -1
 * @param divergence  where two sides first disagree (replay, conform), or null
 * @param note        a remark shown under the chart (e.g. why namespaces are not drawn), or null
 */
public record SequenceChart(String title, List<String[]> facts, String property, String statement, List<Row> rows,
                            int violatedRow, Divergence divergence, String note) {

    /**
     * @param step     0 for the initial state
     * @param actor    who acted (T2), null for the initial state
     * @param detail   the actor's identity before the step (its NSpid line), or null
     * @param call     the call as strace prints it
     * @param observed what the actor saw, in its own namespaces
     * @param tasks    every task after the step, or null when the state is not known
     */
    public record Row(int step, String actor, String detail, String call, String observed, List<TaskView> tasks) {}

    /**
     * The first step at which two accounts of the same calls differ.
     *
     * @param row        the row of that step
     * @param leftLabel  e.g. "spec"
     * @param rightLabel e.g. "kernel"
     */
    public record Divergence(int row, String leftLabel, String left, String rightLabel, String right, String message) {}

    public boolean drawsNamespaces() {
        return rows.stream().anyMatch(r -> r.tasks() != null);
    }
}
