package nscheck.checkers.cluster;

/**
 * The cluster could not finish a search (a member left mid-run, none could be reached, a member
 * built a different model): the run's counts would be incomplete, so none are reported.
 */
public final class ClusterFailure extends RuntimeException {
    public ClusterFailure(String message) {
        super(message);
    }

    public ClusterFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
