package nscheck.checkers.cluster;

import java.util.Arrays;

/**
 * A batch of successors on their way to the member that owns them: per state its 64-bit
 * fingerprint, its path (varints) and its codec bytes (length-prefixed). One batch is one message.
 */
final class StateBatch {
    /** A batch is sent once it holds this many bytes: large enough to amortise a message, small enough to overlap. */
    static final int SEND_BYTES = 64 * 1024;

    private byte[] buf = new byte[1024];
    private int size;
    private int states;

    void add(long fingerprint, int[] path, byte[] state) {
        ensure(8 + 5 * (path.length + 2) + state.length);
        for (int i = 0; i < 8; i++) buf[size++] = (byte) (fingerprint >>> (56 - 8 * i));
        varint(path.length);
        for (int c : path) varint(c);
        varint(state.length);
        System.arraycopy(state, 0, buf, size, state.length);
        size += state.length;
        states++;
    }

    int bytes() {
        return size;
    }

    int states() {
        return states;
    }

    /** The batch's bytes; the batch is empty afterwards. */
    byte[] take() {
        byte[] out = Arrays.copyOf(buf, size);
        size = 0;
        states = 0;
        return out;
    }

    private void varint(int v) {
        while ((v & ~0x7f) != 0) {
            buf[size++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    private void ensure(int more) {
        if (size + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }

    /** Reads a batch's states in the order they were added. */
    static final class Reader {
        private final byte[] buf;
        private int pos;
        long fingerprint;
        int[] path;
        byte[] state;

        Reader(byte[] buf) {
            this.buf = buf;
        }

        boolean next() {
            if (pos >= buf.length) return false;
            long fp = 0;
            for (int i = 0; i < 8; i++) fp = (fp << 8) | (buf[pos++] & 0xff);
            fingerprint = fp;
            path = new int[varint()];
            for (int i = 0; i < path.length; i++) path[i] = varint();
            int n = varint();
            state = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return true;
        }

        private int varint() {
            int v = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = buf[pos++];
                v |= (b & 0x7f) << shift;
                if (b >= 0) return v;
            }
        }
    }
}
