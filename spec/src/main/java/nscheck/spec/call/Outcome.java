package nscheck.spec.call;

import nscheck.spec.state.Kernel;

/** One possible result of a call: the next kernel state and what the caller observed. */
public record Outcome(Kernel next, Observation observation) {
    /** The call fails with {@code errno}; {@code k} is the state it leaves (usually unchanged). */
    public static Outcome error(Kernel k, Errno errno) {
        return new Outcome(k, Observation.error(errno));
    }

    /** The call returns 0 and leaves {@code k}. */
    public static Outcome zero(Kernel k) {
        return new Outcome(k, Observation.ZERO);
    }
}
