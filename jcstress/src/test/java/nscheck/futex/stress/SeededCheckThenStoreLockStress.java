package nscheck.futex.stress;

import nscheck.futex.PiMutex;
import nscheck.futex.SeededMutexBugs;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * SEEDED BUG, expected to FAIL: {@link SeededMutexBugs#checkThenStoreLock()} takes the word with
 * a read and a plain write instead of a CAS. Same shape as PiMutexExclusionStress: r1, r2 = what
 * each locker read from the counter, r3 = the counter afterwards. StressRunIT requires this test
 * to show a FORBIDDEN outcome; if it ever stops doing so, the exclusion test has lost its teeth.
 */
@JCStressTest
@Outcome(id = {"0, 1, 2", "1, 0, 2"}, expect = ACCEPTABLE,
        desc = "The race was missed this time: one owner after the other.")
@Outcome(id = "0, 0, 1", expect = FORBIDDEN,
        desc = "The seeded bug caught: both saw the word free and both entered; one increment is lost.")
@Outcome(expect = FORBIDDEN, desc = "Any other broken exclusion or visibility.")
@State
public class SeededCheckThenStoreLockStress {
    private final PiMutex mutex = SeededMutexBugs.checkThenStoreLock();
    private int counter;

    private int increment(int tid) {
        mutex.lock(tid);
        int seen = counter;
        counter = seen + 1;
        try {
            mutex.unlock(tid);
        } catch (IllegalMonitorStateException lostTheWord) {
            // The other "owner" overwrote our TID; the damage is already recorded in the counter.
        }
        return seen;
    }

    @Actor
    public void tid1(III_Result r) {
        r.r1 = increment(1);
    }

    @Actor
    public void tid2(III_Result r) {
        r.r2 = increment(2);
    }

    @Arbiter
    public void after(III_Result r) {
        r.r3 = counter;
    }
}
