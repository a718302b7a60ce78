package nscheck.checkers.engine;

/** Receives a snapshot of a running search every few seconds. */
@FunctionalInterface
public interface Progress {
    Progress NONE = stats -> {};

    void report(Statistics stats);
}
