package nscheck.checkers.cluster;

/**
 * How a state travels between cluster members: as bytes, never as a Java object graph. A state
 * always travels with its path (the choices from an initial state, which the engine needs anyway
 * to order a level as the single-machine search does), so a codec may use it.
 * {@link WireCodecs#forModel} picks the codec for a model.
 */
public interface WireCodec<S> {
    /** The bytes of {@code state}; another member running the same model decodes them. */
    byte[] encode(S state);

    /** The state that {@code bytes} encode and that {@code path} reaches. */
    S decode(byte[] bytes, int[] path);

    /**
     * Decodes a member's new states of one level at once, given in the order of their paths
     * (a codec that replays paths shares the common prefixes).
     */
    default java.util.List<S> decodeAll(java.util.List<byte[]> bytes, java.util.List<int[]> paths) {
        java.util.List<S> out = new java.util.ArrayList<>(bytes.size());
        for (int i = 0; i < bytes.size(); i++) out.add(decode(bytes.get(i), paths.get(i)));
        return out;
    }

    /** For reports: what a state costs on the wire. */
    String describe();
}
