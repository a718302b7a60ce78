package nscheck.checkers.engine;

/**
 * What a search did. {@code collisionProbability} is the chance that two of the distinct states
 * share a fingerprint, so that one was never explored: the birthday bound n(n-1)/2^65 for n
 * uniformly distributed 64-bit fingerprints (TLC reports the same kind of figure). {@code queue}
 * counts the states reached but not yet expanded (the rest of the level being expanded and the next).
 */
public record Statistics(long distinct, long generated, int depth, long queue, double seconds, long storeBytes) {

    public double statesPerSecond() {
        return seconds > 0 ? distinct / seconds : 0;
    }

    public double collisionProbability() {
        double n = distinct;
        return Math.min(1.0, n * (n - 1) / Math.pow(2, 65));
    }

    public double bytesPerState() {
        return distinct == 0 ? 0 : (double) storeBytes / distinct;
    }
}
