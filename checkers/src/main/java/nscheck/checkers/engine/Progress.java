package nscheck.checkers.engine;

/** Receives a snapshot of a running search every few seconds. */
@FunctionalInterface
public interface Progress {
    Progress NONE = stats -> {};

    void report(Statistics stats);

    /**
     * A breadth-first level is about to be expanded: {@code states} distinct states were first
     * reached at {@code depth}. Called once per level, off the per-state path (report figures).
     */
    default void level(int depth, long states, Statistics sofar) {}

    /** The search has saved itself in {@code directory} (a checkpoint). */
    default void checkpoint(java.nio.file.Path directory) {}
}
