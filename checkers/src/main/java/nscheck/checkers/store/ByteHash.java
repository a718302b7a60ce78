package nscheck.checkers.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A 64-bit hash of a range of bytes, eight at a time (MurmurHash3's 64-bit finalizer on each word
 * and on the result), for the component table and for fingerprinting a packed state: a state's
 * {@link StateCodec} bytes are canonical within a run, so their hash is a fingerprint.
 */
public final class ByteHash {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ByteHash() {}

    public static long of(byte[] b, int from, int length) {
        long h = 0x9E3779B97F4A7C15L ^ (length * 0xC2B2AE3D27D4EB4FL);
        int i = from, end = from + length;
        for (; i + 8 <= end; i += 8) {
            h ^= fmix((long) LONGS.get(b, i));
            h = Long.rotateLeft(h, 27) * 0x9E3779B97F4A7C15L + 0x52DCE729L;
        }
        long tail = 0;
        for (int shift = 0; i < end; i++, shift += 8) tail |= (b[i] & 0xFFL) << shift;
        h ^= fmix(tail ^ 0x27D4EB2F165667C5L);
        return fmix(h);
    }

    static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }
}
