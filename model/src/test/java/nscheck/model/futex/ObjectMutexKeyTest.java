package nscheck.model.futex;

import nscheck.model.ModelException;
import nscheck.spec.state.Fmix64;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FutexMutexObjects' fingerprint, up to 11 threads, is the exact key its javadoc gives, scrambled by
 * Fmix64: val and the pcs in radix 8, times N!, plus the queue's rank among the orders of the
 * sleepers. Beyond 11 threads it is a hash, which must still tell reachable states apart.
 */
class ObjectMutexKeyTest {
    private static final byte CAS = 0, SLEEP = 3, CS = 4;

    @Test
    void theKeyIsValAndThePcsTimesNFactorialPlusTheQueuesRank() {
        FutexMutexObjects m = new FutexMutexObjects(3, FutexMutex.Loop.FOREVER);
        long pcs = ((2L * 8 + CS) * 8 + SLEEP) * 8 + SLEEP;
        assertEquals(Fmix64.mix(pcs * 6 + 0), m.fingerprint(new FutexMutexObjects.State(2, new byte[] {CS, SLEEP, SLEEP}, new byte[] {1, 2})));
        assertEquals(Fmix64.mix(pcs * 6 + 1), m.fingerprint(new FutexMutexObjects.State(2, new byte[] {CS, SLEEP, SLEEP}, new byte[] {2, 1})));
        long free = ((0L * 8 + CAS) * 8 + CAS) * 8 + CAS;
        assertEquals(Fmix64.mix(free * 6), m.fingerprint(m.initialStates().get(0)));
    }

    @Test
    void elevenThreadsAreStillExact() {
        FutexMutexObjects m = new FutexMutexObjects(FutexMutexObjects.EXACT_THREADS, FutexMutex.Loop.ONCE);
        byte[] pc = new byte[11];
        pc[0] = CS;
        pc[10] = SLEEP;
        long key = 1;
        for (byte p : pc) key = key * 8 + p;
        assertEquals(Fmix64.mix(key * 39916800L), m.fingerprint(new FutexMutexObjects.State(1, pc, new byte[] {10})));
    }

    @Test
    void beyondElevenThreadsTheHashStillTellsReachableStatesApart() {
        FutexMutexObjects m = new FutexMutexObjects(FutexMutexObjects.MAX_THREADS, FutexMutex.Loop.FOREVER);
        Set<FutexMutexObjects.State> seen = new HashSet<>(m.initialStates());
        ArrayDeque<FutexMutexObjects.State> queue = new ArrayDeque<>(seen);
        Map<Long, FutexMutexObjects.State> byFingerprint = new HashMap<>();
        while (!queue.isEmpty() && seen.size() < 3000) {
            FutexMutexObjects.State s = queue.poll();
            FutexMutexObjects.State other = byFingerprint.put(m.fingerprint(s), s);
            assertTrue(other == null || other.equals(s), () -> m.describeState(s) + " and " + m.describeState(other));
            m.successors(s, t -> { if (seen.add(t.next())) queue.add(t.next()); });
        }
        byte[] pc = new byte[12];
        pc[0] = CS;
        pc[1] = pc[2] = SLEEP;
        assertNotEquals(m.fingerprint(new FutexMutexObjects.State(2, pc, new byte[] {1, 2})),
                m.fingerprint(new FutexMutexObjects.State(2, pc, new byte[] {2, 1})), "the queue's order");
        assertNotEquals(m.fingerprint(new FutexMutexObjects.State(2, pc, new byte[] {1, 2})),
                m.fingerprint(new FutexMutexObjects.State(1, pc, new byte[] {1, 2})), "val");
    }

    @Test
    void equalStatesAreEqualValues() {
        FutexMutexObjects.State a = new FutexMutexObjects.State(2, new byte[] {CS, SLEEP}, new byte[] {1});
        FutexMutexObjects.State b = new FutexMutexObjects.State(2, new byte[] {CS, SLEEP}, new byte[] {1});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new FutexMutexObjects.State(1, new byte[] {CS, SLEEP}, new byte[] {1}));
        assertNotEquals(a, new FutexMutexObjects.State(2, new byte[] {CS, CS}, new byte[] {1}));
        assertNotEquals(a, new FutexMutexObjects.State(2, new byte[] {CS, SLEEP}, new byte[] {0}));
        assertNotEquals(a.hashCode(), new FutexMutexObjects.State(2, new byte[] {CS, SLEEP}, new byte[] {0}).hashCode());
        assertNotEquals(a.hashCode(), new FutexMutexObjects.State(1, new byte[] {CS, SLEEP}, new byte[] {1}).hashCode());
    }

    @Test
    void oneToTwelveThreads() {
        assertEquals("val=0 pc=[CAS] queue=[]", new FutexMutexObjects(1, FutexMutex.Loop.ONCE).describeState(new FutexMutexObjects(1, FutexMutex.Loop.ONCE).initialStates().get(0)));
        assertEquals(Map.of("threads", 12), new FutexMutexObjects(12, FutexMutex.Loop.ONCE).bounds());
        assertThrows(ModelException.class, () -> new FutexMutexObjects(0, FutexMutex.Loop.ONCE));
        assertThrows(ModelException.class, () -> new FutexMutexObjects(13, FutexMutex.Loop.ONCE));
        FutexMutexObjects m = new FutexMutexObjects(2, FutexMutex.Loop.FOREVER);
        assertEquals("futex-mutex-forever", m.name());
        assertEquals("forever", m.variant());
        assertEquals(0, m.maxDepth());
        assertEquals(FutexMutex.FAMILIES, m.actionFamilies());
    }
}
