package nscheck.checkers.compare;

/**
 * One (variant, invariant) entry of the comparison matrix, aggregated over every model that
 * checks the invariant.
 *
 * @param verdict HOLDS (every run finished, and the invariant was tested somewhere), VIOLATED,
 *                NOT_APPLICABLE (no model checks it, or it was never tested), or INCOMPLETE (a
 *                run did not finish)
 * @param length  for VIOLATED, the length of the shortest counterexample over the models
 * @param model   for VIOLATED, the model that gave it
 * @param file    for VIOLATED, the counterexample file written
 */
public record Cell(Status verdict, int length, String model, String file) {
    public enum Status { HOLDS, VIOLATED, NOT_APPLICABLE, INCOMPLETE }

    public static final Cell HOLDS = new Cell(Status.HOLDS, 0, null, null);
    public static final Cell NOT_APPLICABLE = new Cell(Status.NOT_APPLICABLE, 0, null, null);
    public static final Cell INCOMPLETE = new Cell(Status.INCOMPLETE, 0, null, null);

    /** The short form the text and Markdown matrices print. */
    public String code() {
        return switch (verdict) {
            case HOLDS -> "holds";
            case VIOLATED -> "FAIL " + length;
            case NOT_APPLICABLE -> "n/a";
            case INCOMPLETE -> "?";
        };
    }
}
