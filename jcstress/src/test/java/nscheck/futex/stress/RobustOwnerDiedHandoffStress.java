package nscheck.futex.stress;

import nscheck.futex.Acquisition;
import nscheck.futex.RobustMutex;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Owner-died hand-off: TID 1 holds the robust mutex and has written 42 under it; then it dies
 * (actor 1 runs the kernel's robust-list cleanup) while TID 2 locks. r1 = sleepers the cleanup
 * woke; r2 = 1 if TID 2 was told OWNER_DIED, 0 if told a plain ACQUIRED; r3 = the data TID 2 read.
 */
@JCStressTest
@Outcome(id = "0, 1, 42", expect = ACCEPTABLE,
        desc = "TID 2 came after the death (or before sleeping): it owns the mutex and is told EOWNERDEAD.")
@Outcome(id = "1, 1, 42", expect = ACCEPTABLE_INTERESTING,
        desc = "TID 2 slept on the dead owner's word; the cleanup woke it and it is told EOWNERDEAD.")
@Outcome(expect = FORBIDDEN,
        desc = "TID 2 hung, acquired without the EOWNERDEAD indication, or missed the dead owner's write.")
@State
public class RobustOwnerDiedHandoffStress {
    private final RobustMutex mutex = new RobustMutex();
    private int data;

    public RobustOwnerDiedHandoffStress() {
        mutex.lock(1);
        data = 42;
    }

    @Actor
    public void ownerDies(III_Result r) {
        r.r1 = mutex.ownerDied(1);
    }

    @Actor
    public void tid2(III_Result r) {
        Acquisition a = mutex.lockRobust(2);
        r.r2 = a == Acquisition.OWNER_DIED ? 1 : 0;
        r.r3 = data;
        mutex.unlock(2);
    }
}
