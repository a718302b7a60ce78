package nscheck.checkers.engine;

/** The checkpoint to resume from is missing, of another model, or damaged: a user error (exit 2), not a model failure. */
public final class CheckpointUnreadable extends RuntimeException {
    CheckpointUnreadable(String message, Throwable cause) {
        super(message, cause);
    }
}
