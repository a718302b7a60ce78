package nscheck.model;

/**
 * Receives the transitions out of a state as their actions and their successors' fingerprints,
 * before (or without) any successor is built ({@link Model#successorFingerprints}).
 */
@FunctionalInterface
public interface FingerprintSink<A> {
    /** The next transition, in {@link Model#successors}' order: its action and {@code fingerprint(canonical(next))}. */
    void accept(A action, long fingerprint);
}
