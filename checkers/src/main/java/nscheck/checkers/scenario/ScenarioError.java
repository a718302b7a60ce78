package nscheck.checkers.scenario;

/**
 * Malformed scenario content, reported as the JSON path of the bad field and what is wrong with
 * it ({@code trace[3].args.flags: unknown flag "CLONE_NEWFOO"}): an input error (exit 2), never a
 * divergence.
 */
public final class ScenarioError extends RuntimeException {
    private final String path;

    public ScenarioError(String path, String problem) {
        super(path.isEmpty() ? problem : path + ": " + problem);
        this.path = path;
    }

    /** The JSON path of the bad field, e.g. {@code trace[3].args.flags}. */
    public String path() {
        return path;
    }
}
