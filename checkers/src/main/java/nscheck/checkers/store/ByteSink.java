package nscheck.checkers.store;

import java.util.Arrays;

/**
 * A growable byte buffer a {@link StateCodec} writes into: small integers take one byte (LEB128
 * varints, zig-zag for signed values), since most fields of a kernel state are slot numbers,
 * PID numbers and flags.
 */
public final class ByteSink {
    byte[] buf;
    int size;

    public ByteSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public void reset() {
        size = 0;
    }

    public int size() {
        return size;
    }

    /** Copies the bytes written into {@code dst} at {@code at}, without allocating. */
    public void copyTo(byte[] dst, int at) {
        System.arraycopy(buf, 0, dst, at, size);
    }

    public byte[] toArray() {
        return Arrays.copyOf(buf, size);
    }

    public void writeByte(int b) {
        if (size == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
        buf[size++] = (byte) b;
    }

    /** An unsigned value, seven bits a byte. */
    public void writeVar(long v) {
        while ((v & ~0x7FL) != 0) {
            writeByte((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        writeByte((int) v);
    }

    /**
     * Each of {@code v}'s values exactly as {@link #writeSigned} writes it (a zig-zag byte is 0..255:
     * one byte below 128, else two), with one capacity check for the array: a state's small arrays
     * (a pc per thread, a queue) are most of what some models write.
     */
    public void writeSignedBytes(byte[] v) {
        if (size + 2 * v.length > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + 2 * v.length));
        byte[] b = buf;
        int at = size;
        for (byte x : v) {
            int z = (x << 1) ^ (x >> 31);
            if (z < 0x80) {
                b[at++] = (byte) z;
            } else {
                b[at++] = (byte) (z | 0x80);
                b[at++] = (byte) (z >>> 7);
            }
        }
        size = at;
    }

    /** A signed value: -1 (the spec's "none") takes one byte like 0. */
    public void writeSigned(long v) {
        writeVar((v << 1) ^ (v >> 63));
    }
}
