package nscheck.checkers.trace;

/** A property that failed, with the shortest trace the search found to the failure. */
public record Violation<S, A>(String property, String statement, Trace<S, A> trace) {
    public static final String DEADLOCK = "deadlock";
}
