package nscheck.spec.state;

/**
 * The finaliser of MurmurHash3 (Appleby's fmix64): a bijection on 64-bit values after which inputs
 * differing in one bit differ in about half the output bits. The one mixer of the project: state
 * fingerprints (StateHasher), the identity of a packed state seen as an object model, and the bit
 * positions of bitstate hashing all go through it. A static method of five instructions, inlined
 * by the JIT wherever it is called, so sharing it costs the hot paths nothing.
 */
public final class Fmix64 {
    private Fmix64() {}

    public static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
