package nscheck.checkers.cluster;

/** A packed model's state is one {@code long}: eight bytes on the wire, decoded without the model. */
final class PackedLongCodec implements WireCodec<Long> {
    @Override
    public byte[] encode(Long state) {
        long s = state;
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) out[i] = (byte) (s >>> (56 - 8 * i));
        return out;
    }

    @Override
    public Long decode(byte[] bytes, int[] path) {
        long s = 0;
        for (int i = 0; i < 8; i++) s = (s << 8) | (bytes[i] & 0xff);
        return s;
    }

    @Override
    public String describe() {
        return "packed state (8 bytes) and its path";
    }
}
