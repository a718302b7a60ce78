package nscheck.checkers.cli;

/** A mistake in how a command was called that picocli cannot see (a malformed --set, an unwritable --out): exit 2, one line. */
public final class UsageError extends RuntimeException {
    public UsageError(String message) {
        super(message);
    }
}
