package nscheck.spec.call;

/**
 * What the caller sees when a call returns: a value or an errno, always in the caller's own
 * namespaces. {@code about} is ground truth the caller never sees: the slot of the task a returned
 * number is meant to denote, so that invariants such as {@code isolation} can check the number
 * against it. {@code returns} is false for calls that do not return (exit, a fatal signal).
 */
public record Observation(long value, Errno errno, int about, boolean returns) {
    public static final int NOBODY = -1;
    public static final Observation NO_RETURN = new Observation(0, null, NOBODY, false);
    public static final Observation ZERO = new Observation(0, null, NOBODY, true);
    /** The call sleeps in the kernel (FUTEX_WAIT, FUTEX_LOCK_PI); it returns later, as {@link Syscall.FutexReturn}. */
    public static final Observation BLOCKED = new Observation(1, null, NOBODY, false);

    public static Observation value(long value) {
        return value == 0 ? ZERO : new Observation(value, null, NOBODY, true);
    }

    /** A PID (or 0) the caller receives, meant to denote the task in slot {@code about}. */
    public static Observation pid(long value, int about) {
        return new Observation(value, null, about, true);
    }

    public static Observation error(Errno errno) {
        return new Observation(-1, errno, NOBODY, true);
    }

    public boolean failed() {
        return errno != null;
    }

    /** The form strace prints after the call: {@code = 3}, {@code = -1 ESRCH}, {@code = ?}. */
    @Override
    public String toString() {
        if (this.equals(BLOCKED)) return "<unfinished ...>";
        if (!returns) return "= ?";
        return errno == null ? "= " + value : "= -1 " + errno.name();
    }
}
