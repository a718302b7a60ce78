package nscheck.checkers.engine;

/**
 * How a search runs.
 *
 * @param maxDepth               steps to explore from the initial states; -1 for the model's own "steps" bound
 * @param continueAfterViolation keep searching for the other properties' shortest counterexamples
 * @param progressMillis         how often to report progress; 0 for never
 */
public record CheckOptions(int maxDepth, boolean continueAfterViolation, long progressMillis) {
    public static CheckOptions defaults() {
        return new CheckOptions(-1, false, 10_000);
    }

    public CheckOptions quiet() {
        return new CheckOptions(maxDepth, continueAfterViolation, 0);
    }

    public CheckOptions continuing() {
        return new CheckOptions(maxDepth, true, progressMillis);
    }

    public CheckOptions withMaxDepth(int depth) {
        return new CheckOptions(depth, continueAfterViolation, progressMillis);
    }
}
