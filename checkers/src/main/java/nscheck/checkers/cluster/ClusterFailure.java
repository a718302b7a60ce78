package nscheck.checkers.cluster;

/**
 * The cluster could not finish a search (a member left mid-run, none could be reached, a member
 * built a different model): the run's counts would be incomplete, so none are reported.
 */
public final class ClusterFailure extends RuntimeException {
    private final boolean beforeSearch;

    public ClusterFailure(String message) {
        this(message, false);
    }

    /** {@code beforeSearch}: the cluster could not be set up (no members, another build): nothing was searched. */
    public ClusterFailure(String message, boolean beforeSearch) {
        super(message);
        this.beforeSearch = beforeSearch;
    }

    /** True when nothing was searched: a setup problem (exit 2) rather than a run that broke (exit 3). */
    public boolean beforeSearch() {
        return beforeSearch;
    }

    public ClusterFailure(String message, Throwable cause) {
        super(message, cause);
        this.beforeSearch = false;
    }
}
