package nscheck.checkers.store;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FingerprintSetTest {
    @Test
    void behavesLikeASetThroughGrowth() {
        FingerprintSet set = new FingerprintSet(4);
        Set<Long> reference = new HashSet<>();
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long fp = r.nextInt(4) == 0 ? r.nextLong(1000) : r.nextLong();
            assertEquals(reference.add(fp == 0 ? 0x5bd1e9955bd1e995L : fp), set.add(fp));
        }
        assertEquals(reference.size(), set.size());
        for (long fp : reference) assertTrue(set.contains(fp));
        assertFalse(set.contains(-1L) && !reference.contains(-1L));
    }

    @Test
    void zeroIsAFingerprintLikeAnyOther() {
        FingerprintSet set = new FingerprintSet(16);
        assertTrue(set.add(0));
        assertFalse(set.add(0));
        assertTrue(set.contains(0));
    }
}
