package nscheck.checkers.store;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentedFingerprintSetTest {
    @Test
    void behavesLikeASetThroughGrowth() {
        SegmentedFingerprintSet set = new SegmentedFingerprintSet(4);
        long before = set.bytes();
        Set<Long> reference = new HashSet<>();
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 300_000; i++) {
            // Small keys too: consecutive integers (an exact model's keys before scrambling) must spread over the segments.
            long fp = r.nextInt(4) == 0 ? r.nextLong(100_000) : r.nextLong();
            assertEquals(reference.add(fp == 0 ? 0x5bd1e9955bd1e995L : fp), set.add(fp));
        }
        assertEquals(reference.size(), set.size());
        for (long fp : reference) assertTrue(set.contains(fp));
        assertFalse(!reference.contains(-1L) && set.contains(-1L));
        assertTrue(set.bytes() > before, "the segments grew");
        // At most 3/4 full, at least 3/8 (just after a segment doubled), give or take the segments' spread.
        assertTrue(set.bytes() / 8 >= reference.size() * 4 / 3, set.describe());
    }

    @Test
    void zeroIsAFingerprintLikeAnyOther() {
        SegmentedFingerprintSet set = new SegmentedFingerprintSet(16);
        assertTrue(set.add(0));
        assertFalse(set.add(0));
        assertTrue(set.contains(0));
        assertEquals(0, set.touch(12345), "touch only reads");
    }

    @Test
    void aCheckpointRestoresTheSameSet() throws Exception {
        SegmentedFingerprintSet set = new SegmentedFingerprintSet(16);
        for (long k = 0; k < 10_000; k++) set.add(k * 0x9E3779B97F4A7C15L);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        set.writeTo(new DataOutputStream(bytes));
        SegmentedFingerprintSet back = new SegmentedFingerprintSet(16);
        back.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(set.size(), back.size());
        for (long k = 0; k < 10_000; k++) assertFalse(back.add(k * 0x9E3779B97F4A7C15L));
    }
}
