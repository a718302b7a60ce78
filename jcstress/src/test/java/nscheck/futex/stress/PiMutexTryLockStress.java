package nscheck.futex.stress;

import nscheck.futex.PiMutex;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * tryLock against lock: TID 1 locks and increments a plain counter, TID 2 increments it only if
 * tryLock succeeds. r1, r2 = what each read (-1: TID 2's tryLock found the mutex busy);
 * r3 = the counter afterwards.
 */
@JCStressTest
@Outcome(id = {"0, 1, 2", "1, 0, 2"}, expect = ACCEPTABLE,
        desc = "tryLock succeeded before or after the other owner; each saw the other's write.")
@Outcome(id = "0, -1, 1", expect = ACCEPTABLE_INTERESTING,
        desc = "tryLock ran while TID 1 held the mutex and was refused (EBUSY) without sleeping.")
@Outcome(expect = FORBIDDEN,
        desc = "tryLock succeeded while the mutex was held, or a write under the lock was lost.")
@State
public class PiMutexTryLockStress {
    private final PiMutex mutex = new PiMutex();
    private int counter;

    @Actor
    public void tid1(III_Result r) {
        mutex.lock(1);
        r.r1 = counter++;
        mutex.unlock(1);
    }

    @Actor
    public void tid2(III_Result r) {
        if (mutex.tryLock(2)) {
            r.r2 = counter++;
            mutex.unlock(2);
        } else {
            r.r2 = -1;
        }
    }

    @Arbiter
    public void after(III_Result r) {
        r.r3 = counter;
    }
}
