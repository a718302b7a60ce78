package nscheck.checkers.walk;

/**
 * How a simulation runs.
 *
 * @param seed                   walk 0 uses this seed; walk i > 0 the i-th long drawn from it, so a
 *                               failing walk's own seed, given with {@code walks = 1}, reruns that walk alone
 * @param walks                  how many random walks
 * @param depth                  the longest walk, in steps
 * @param continueAfterViolation after a violation, keep walking to find the other properties' violations
 */
public record SimulationOptions(long seed, int walks, int depth, boolean continueAfterViolation) {
    /** Enough to find every violation the BFS finds on the shipped models, in about a second each (SimulationTest). */
    public static final int DEFAULT_WALKS = 2_000;
    public static final int DEFAULT_DEPTH = 40;

    public SimulationOptions {
        if (walks < 1) throw new IllegalArgumentException("walks must be at least 1");
        if (depth < 1) throw new IllegalArgumentException("depth must be at least 1");
    }
}
