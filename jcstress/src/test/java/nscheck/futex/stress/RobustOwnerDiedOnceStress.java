package nscheck.futex.stress;

import nscheck.futex.Acquisition;
import nscheck.futex.RobustMutex;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * One death, one report: TID 1 died holding the robust mutex before the test starts; TID 2 locks
 * while TID 3 tries (tryLock). r1, r2 = what each was told: 1 = OWNER_DIED, 0 = ACQUIRED,
 * -1 = BUSY (tryLock only). Exactly one acquisition may carry the EOWNERDEAD indication.
 */
@JCStressTest
@Outcome(id = {"1, 0", "0, 1"}, expect = ACCEPTABLE,
        desc = "Both owned the mutex in turn; exactly the first one was told the owner died.")
@Outcome(id = {"1, -1"}, expect = ACCEPTABLE_INTERESTING,
        desc = "TID 3's tryLock ran while TID 2 held the mutex and was refused (EBUSY).")
@Outcome(expect = FORBIDDEN,
        desc = "The death was reported twice or not at all, or a tryLock on the free mutex failed.")
@State
public class RobustOwnerDiedOnceStress {
    private final RobustMutex mutex = new RobustMutex();

    public RobustOwnerDiedOnceStress() {
        mutex.lock(1);
        mutex.ownerDied(1);
    }

    private static int code(Acquisition a) {
        return switch (a) {
            case OWNER_DIED -> 1;
            case ACQUIRED -> 0;
            case BUSY -> -1;
        };
    }

    @Actor
    public void tid2(II_Result r) {
        r.r1 = code(mutex.lockRobust(2));
        mutex.unlock(2);
    }

    @Actor
    public void tid3(II_Result r) {
        Acquisition a = mutex.tryLockRobust(3);
        r.r2 = code(a);
        if (a.acquired()) mutex.unlock(3);
    }
}
