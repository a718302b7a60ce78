package nscheck.checkers.store;

/** Reads back what a {@link ByteSink} wrote, from any offset of a byte array. */
public final class ByteSource {
    private final byte[] buf;
    private int pos;

    public ByteSource(byte[] buf, int offset) {
        this.buf = buf;
        this.pos = offset;
    }

    public int position() {
        return pos;
    }

    public int readByte() {
        return buf[pos++] & 0xFF;
    }

    public long readVar() {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int b = buf[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) return v;
        }
    }

    /** Reads {@code into.length} values {@link ByteSink#writeSignedBytes} (or writeSigned, value by value) wrote. */
    public void readSignedBytes(byte[] into) {
        byte[] b = buf;
        int at = pos;
        for (int i = 0; i < into.length; i++) {
            int z = b[at++];
            if (z < 0) z = (z & 0x7F) | b[at++] << 7;
            into[i] = (byte) ((z >>> 1) ^ -(z & 1));
        }
        pos = at;
    }

    public long readSigned() {
        long v = readVar();
        return (v >>> 1) ^ -(v & 1);
    }
}
