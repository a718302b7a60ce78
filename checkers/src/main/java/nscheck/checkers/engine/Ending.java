package nscheck.checkers.engine;

/** Why a search stopped. */
public enum Ending {
    /** Every reachable state was visited. */
    EXHAUSTED,
    /** Every state up to the depth bound was visited; deeper ones were not. */
    DEPTH_BOUND,
    /** A property failed and the search stopped there. */
    VIOLATION,
    /** The user interrupted the search; what it found so far is reported. */
    INTERRUPTED,
    /** The visited set or the frontier no longer fit in memory. */
    OUT_OF_MEMORY,
    /** The model threw while expanding a state: a bug in the spec or a variant; {@link CheckResult#failure()} has the trace. */
    MODEL_ERROR
}
