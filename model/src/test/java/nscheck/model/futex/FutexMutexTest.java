package nscheck.model.futex;

import nscheck.model.ModelCatalog;
import nscheck.model.ModelException;
import nscheck.model.Verdict;
import nscheck.model.packed.PackedModelView;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FutexMutexTest {
    private final FutexMutex two = new FutexMutex(2, FutexMutex.Loop.FOREVER);

    /** Follows one thread's choice at a time: successor index = thread index among the threads that can step. */
    private long step(FutexMutex m, long s, int thread) {
        long[] next = new long[m.maxSuccessors()];
        int[] family = new int[next.length];
        int n = m.successors(s, next, family);
        for (int i = 0; i < n; i++) if (m.actor(s, i) == thread) return next[i];
        throw new AssertionError("T" + thread + " cannot step in " + m.describeState(s));
    }

    @Test
    void contendedLockSleepsOnTheQueueAndUnlockWakesIt() {
        long s = two.initialStates()[0];
        assertEquals("val=0 pc=[CAS CAS] queue=[]", two.describeState(s));
        s = step(two, s, 0);                       // T0 takes the lock uncontended
        s = step(two, s, 1);                       // T1's CAS fails on val=1
        s = step(two, s, 1);                       // T1 xchg: val=2
        s = step(two, s, 1);                       // T1 futex_wait: sleeps
        assertEquals("val=2 pc=[CS SLEEP] queue=[T1]", two.describeState(s));
        s = step(two, s, 0);                       // T0 atomic_dec: was 2, so STORE and WAKE
        assertEquals("val=1 pc=[STORE SLEEP] queue=[T1]", two.describeState(s));
        s = step(two, s, 0);
        assertEquals("val=0 pc=[WAKE SLEEP] queue=[T1]", two.describeState(s));
        s = step(two, s, 0);
        assertEquals("val=0 pc=[CAS XCHG] queue=[]", two.describeState(s));
    }

    @Test
    void aStepIsNamedByTheThreadThatTakesIt() {
        long s = two.initialStates()[0];
        assertEquals(0, two.actor(s, 0));
        assertEquals(1, two.actor(s, 1));
        assertThrows(IllegalArgumentException.class, () -> two.actor(two.initialStates()[0], 2));
        s = step(two, step(two, step(two, two.initialStates()[0], 0), 1), 1);
        s = step(two, s, 1);                       // T1 asleep: T0's step is the only one
        assertEquals(0, two.actor(s, 0));
        long onlyT0 = s;
        assertThrows(IllegalArgumentException.class, () -> two.actor(onlyT0, 1));
        long t0Asleep = step(two, step(two, step(two, step(two, two.initialStates()[0], 1), 0), 0), 0);
        assertEquals("val=2 pc=[SLEEP CS] queue=[T0]", two.describeState(t0Asleep));
        assertEquals(1, two.actor(t0Asleep, 0), "the first step there is T1's");
        var d = two.describe(s, 0, step(two, s, 0));
        assertEquals("T0", d.actor());
        assertEquals("atomic_dec(val)", d.text());
        assertEquals("unlock-dec", d.call());
        assertEquals("val 2 -> 1, now STORE", d.observation());
        FutexMutex one = new FutexMutex(1, FutexMutex.Loop.ONCE);
        assertEquals("val=0 pc=[CAS] queue=[]", one.describeState(one.initialStates()[0]));
        assertThrows(ModelException.class, () -> new FutexMutex(0, FutexMutex.Loop.ONCE));
    }

    @Test
    void theQueueIsFifo() {
        FutexMutex three = new FutexMutex(3, FutexMutex.Loop.ONCE);
        long s = three.initialStates()[0];
        s = step(three, s, 0);
        s = step(three, s, 2);                     // CAS fails on val=1
        s = step(three, s, 2);                     // xchg: val=2
        s = step(three, s, 2);                     // sleeps
        s = step(three, s, 1);                     // CAS sees val=2: straight to WAIT
        s = step(three, s, 1);                     // sleeps behind T2
        assertEquals("val=2 pc=[CS SLEEP SLEEP] queue=[T2 T1]", three.describeState(s));
        for (int i = 0; i < 3; i++) s = step(three, s, 0);
        assertEquals("val=0 pc=[DONE SLEEP XCHG] queue=[T1]", three.describeState(s));
    }

    @Test
    void invariantsSayVacuousWhenThereIsNothingToCheck() {
        long s = two.initialStates()[0];
        assertEquals(Verdict.VACUOUS, two.invariants().get(0).check().check(s));
        assertEquals(Verdict.VACUOUS, two.invariants().get(1).check().check(s));
        assertEquals(Verdict.HOLDS, two.invariants().get(0).check().check(step(two, s, 0)));
    }

    @Test
    void everyStateFitsInSixtyThreeBits() {
        FutexMutex eight = new FutexMutex(8, FutexMutex.Loop.ONCE);
        long s = eight.initialStates()[0];
        s = step(eight, s, 0);                     // T0 takes the lock
        for (int t = 7; t >= 1; t--) {             // the others queue up, the largest ids first
            s = step(eight, s, t);
            s = step(eight, s, t);
            if (t == 7) s = step(eight, s, t);     // only the first needs the xchg; then val is 2
        }
        assertEquals("val=2 pc=[CS SLEEP SLEEP SLEEP SLEEP SLEEP SLEEP SLEEP] queue=[T7 T6 T5 T4 T3 T2 T1]", eight.describeState(s));
        assertTrue(s >= 0);
    }

    @Test
    void elevenThreadsFitWithTheQueueAsARank() {
        FutexMutex eleven = new FutexMutex(11, FutexMutex.Loop.ONCE);
        long s = eleven.initialStates()[0];
        s = step(eleven, s, 0);                    // T0 takes the lock
        for (int t = 10; t >= 1; t--) {            // the others queue up, the largest ids first (the rank's largest digits)
            s = step(eleven, s, t);
            s = step(eleven, s, t);
            if (t == 10) s = step(eleven, s, t);
        }
        assertEquals("val=2 pc=[CS SLEEP SLEEP SLEEP SLEEP SLEEP SLEEP SLEEP SLEEP SLEEP SLEEP] queue=[T10 T9 T8 T7 T6 T5 T4 T3 T2 T1]",
                eleven.describeState(s));
        assertTrue(s >= 0);
        for (int i = 0; i < 3; i++) s = step(eleven, s, 0); // unlock: wakes the head
        assertEquals("val=0 pc=[DONE SLEEP SLEEP SLEEP SLEEP SLEEP SLEEP SLEEP SLEEP SLEEP XCHG] queue=[T9 T8 T7 T6 T5 T4 T3 T2 T1]",
                eleven.describeState(s));
        assertThrows(ModelException.class, () -> new FutexMutex(12, FutexMutex.Loop.ONCE));
    }

    /** Every reachable state of {@code m}, described, with the number of transitions (a plain BFS: the model module has no engine). */
    private static java.util.Set<String> reachable(FutexMutex m, long[] transitions) {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        java.util.Set<String> described = new java.util.HashSet<>();
        java.util.ArrayDeque<Long> queue = new java.util.ArrayDeque<>();
        long[] next = new long[m.maxSuccessors()];
        int[] family = new int[next.length];
        for (long s : m.initialStates()) if (seen.add(s)) queue.add(s);
        while (!queue.isEmpty()) {
            long s = queue.poll();
            described.add(m.describeState(s));
            int n = m.successors(s, next, family);
            transitions[0] += n;
            for (int i = 0; i < n; i++) if (seen.add(next[i])) queue.add(next[i]);
        }
        assertEquals(seen.size(), described.size(), "two encodings of one state");
        return described;
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} N={1}")
    @org.junit.jupiter.params.provider.CsvSource({"ONCE, 3", "ONCE, 5", "FOREVER, 4", "FOREVER, 5"})
    void theRankedQueueReachesTheSameStatesAsTheListedOne(FutexMutex.Loop loop, int n) {
        long[] listedSteps = {0}, rankedSteps = {0};
        java.util.Set<String> listed = reachable(new FutexMutex(n, loop), listedSteps);
        java.util.Set<String> ranked = reachable(FutexMutex.ranked(n, loop, FutexMutex.Bug.NONE), rankedSteps);
        assertEquals(listed, ranked);
        assertEquals(listedSteps[0], rankedSteps[0]);
    }

    @Test
    void catalogBuildsBothVariantsWithTheThreadsBound() {
        var m = ModelCatalog.find("futex-mutex-forever").build(Map.of("threads", 4), null);
        assertTrue(m instanceof PackedModelView);
        assertEquals(Map.of("threads", 4), m.bounds());
        assertEquals("once", ModelCatalog.find("futex-mutex-once").build(Map.of(), null).variant());
        assertThrows(ModelException.class, () -> ModelCatalog.find("futex-mutex-once").build(Map.of("tasks", 3), null));
        assertThrows(ModelException.class, () -> ModelCatalog.find("futex-mutex-once").build(Map.of(), "forever"));
    }
}
