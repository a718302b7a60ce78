package nscheck.model.futex;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FutexMutexObjects' fingerprint is an exact key up to {@link FutexMutexObjects#EXACT_THREADS}
 * threads (the object engines then count it without collisions): checked here over every reachable
 * state, found by a search over the states themselves (equals), not over fingerprints.
 */
class FutexMutexObjectsTest {
    @ParameterizedTest(name = "{0} N={1}")
    @CsvSource({"ONCE, 4, 4193", "ONCE, 5, 35493", "FOREVER, 4, 2656", "FOREVER, 5, 19317", "FOREVER, 6, 144420"})
    void distinctReachableStatesHaveDistinctFingerprints(FutexMutex.Loop loop, int n, int states) {
        FutexMutexObjects m = new FutexMutexObjects(n, loop);
        Set<FutexMutexObjects.State> seen = new HashSet<>(m.initialStates());
        ArrayDeque<FutexMutexObjects.State> queue = new ArrayDeque<>(seen);
        Map<Long, FutexMutexObjects.State> byFingerprint = new HashMap<>();
        while (!queue.isEmpty()) {
            FutexMutexObjects.State s = queue.poll();
            assertTrue(FutexMutexObjects.queueIsSleepers(s), m.describeState(s));
            FutexMutexObjects.State other = byFingerprint.put(m.fingerprint(s), s);
            assertTrue(other == null || other.equals(s), () -> "same fingerprint: " + m.describeState(s) + " and " + m.describeState(other));
            m.successors(s, t -> {
                if (seen.add(t.next())) queue.add(t.next());
            });
        }
        assertEquals(states, seen.size(), "the packed model's (and SPIN's) count");
        assertEquals(states, byFingerprint.size());
    }

    /** The key ranks the queue's order: the same sleepers queued in another order is another state. */
    @Test
    void theQueueOrderIsPartOfTheKey() {
        FutexMutexObjects m = new FutexMutexObjects(3, FutexMutex.Loop.FOREVER);
        byte sleep = (byte) FutexPc.SLEEP.code(), cs = (byte) FutexPc.CS.code();
        FutexMutexObjects.State a = new FutexMutexObjects.State(2, new byte[] {cs, sleep, sleep}, new byte[] {1, 2});
        FutexMutexObjects.State b = new FutexMutexObjects.State(2, new byte[] {cs, sleep, sleep}, new byte[] {2, 1});
        assertNotEquals(m.fingerprint(a), m.fingerprint(b));
    }

    /** A queue that is not the sleepers (unreachable) is told apart by queueIsSleepers and hashed, not ranked. */
    @Test
    void aQueueThatIsNotTheSleepersIsRecognised() {
        FutexMutexObjects m = new FutexMutexObjects(3, FutexMutex.Loop.FOREVER);
        byte sleep = (byte) FutexPc.SLEEP.code(), cas = (byte) FutexPc.CAS.code();
        FutexMutexObjects.State stray = new FutexMutexObjects.State(2, new byte[] {cas, sleep, cas}, new byte[] {0});
        FutexMutexObjects.State twice = new FutexMutexObjects.State(2, new byte[] {cas, sleep, cas}, new byte[] {1, 1});
        assertFalse(FutexMutexObjects.queueIsSleepers(stray));
        assertFalse(FutexMutexObjects.queueIsSleepers(twice));
        FutexMutexObjects.State fine = new FutexMutexObjects.State(2, new byte[] {cas, sleep, cas}, new byte[] {1});
        assertTrue(FutexMutexObjects.queueIsSleepers(fine));
        assertNotEquals(m.fingerprint(stray), m.fingerprint(fine));
    }

    /**
     * Model#successorFingerprints, computed from the state and the step, is fingerprint(successor)
     * for every transition of every reachable state, in successors' order with the same actions, and
     * Model#successor builds the same successor; beyond EXACT_THREADS (hashed keys) too.
     */
    @ParameterizedTest(name = "{0} N={1}")
    @CsvSource({"ONCE, 1", "ONCE, 3", "ONCE, 5", "FOREVER, 2", "FOREVER, 4", "FOREVER, 6", "FOREVER, 12"})
    void successorsAreFingerprintedBeforeTheyAreBuilt(FutexMutex.Loop loop, int n) {
        FutexMutexObjects m = new FutexMutexObjects(n, loop);
        assertEquals(n <= FutexMutexObjects.EXACT_THREADS, m.fingerprintsBeforeBuilding());
        Set<FutexMutexObjects.State> seen = new HashSet<>(m.initialStates());
        ArrayDeque<FutexMutexObjects.State> queue = new ArrayDeque<>(seen);
        long transitions = 0;
        while (!queue.isEmpty() && seen.size() < 200_000) {
            FutexMutexObjects.State s = queue.poll();
            java.util.List<nscheck.model.Transition<FutexMutexObjects.State, FutexMutexObjects.Step>> built = new java.util.ArrayList<>();
            m.successors(s, built::add);
            java.util.List<FutexMutexObjects.Step> actions = new java.util.ArrayList<>();
            java.util.List<Long> fingerprints = new java.util.ArrayList<>();
            m.successorFingerprints(s, (a, fp) -> {
                actions.add(a);
                fingerprints.add(fp);
            });
            assertEquals(built.size(), actions.size(), m.describeState(s));
            for (int i = 0; i < built.size(); i++) {
                FutexMutexObjects.State next = built.get(i).next();
                assertEquals(built.get(i).action(), actions.get(i));
                assertEquals(m.fingerprint(next), (long) fingerprints.get(i), () -> m.describeState(s) + " -> " + m.describeState(next));
                assertEquals(next, m.successor(s, i));
                if (seen.add(next)) queue.add(next);
                transitions++;
            }
        }
        assertTrue(transitions > 0);
    }
}
