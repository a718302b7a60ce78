package nscheck.futex.stress;

import nscheck.futex.PiFutexWord;
import nscheck.futex.PiMutex;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Mutual exclusion and visibility: two lockers each read a plain counter under the lock and
 * write it back incremented. r1, r2 = what TID 1 and TID 2 read; r3 = 1 if an owner saw WAITERS
 * in the word just before unlocking (the other locker had gone, or was going, to sleep in the
 * simulated kernel); r4 = the counter afterwards.
 */
@JCStressTest
@Outcome(id = {"0, 1, 0, 2", "1, 0, 0, 2"}, expect = ACCEPTABLE,
        desc = "One after the other on the fast path; the second owner saw the first one's write.")
@Outcome(id = {"0, 1, 1, 2", "1, 0, 1, 2"}, expect = ACCEPTABLE_INTERESTING,
        desc = "Contended: the second locker set WAITERS to sleep; the slow unlock let it in and it saw the write.")
@Outcome(expect = FORBIDDEN,
        desc = "Both inside at once, or the next owner missed a write made under the lock.")
@State
public class PiMutexExclusionStress {
    private final PiMutex mutex = new PiMutex();
    private int counter;
    private int sawWaiters;

    private int increment(int tid) {
        mutex.lock(tid);
        int seen = counter;
        counter = seen + 1;
        if (PiFutexWord.hasWaiters(mutex.wordValue())) sawWaiters = 1; // written under the lock
        mutex.unlock(tid);
        return seen;
    }

    @Actor
    public void tid1(IIII_Result r) {
        r.r1 = increment(1);
    }

    @Actor
    public void tid2(IIII_Result r) {
        r.r2 = increment(2);
    }

    @Arbiter
    public void after(IIII_Result r) {
        r.r3 = sawWaiters;
        r.r4 = counter;
    }
}
