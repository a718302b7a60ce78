package nscheck.checkers.conform;

/** The probe cannot run here (no gcc, not root, no PID namespaces): a usage error, exit 2. */
public final class ProbeUnavailable extends RuntimeException {
    public ProbeUnavailable(String message) {
        super(message);
    }
}
