package nscheck.futex.stress;

import nscheck.futex.PiMutex;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Termination: TID 1 holds the mutex from the start; the actor (TID 2) locks it, usually going
 * to sleep in the simulated kernel; the signal is TID 1's unlock. The waiter must always come
 * back. Termination mode has only these two outcomes, so there is no interesting one; whether
 * the waiter had slept is what PiMutexExclusionStress reports.
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The unlock woke the waiter (or it never had to sleep).")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "Lost wake-up: the waiter still sleeps after the unlock.")
@State
public class PiMutexTerminationStress {
    private final PiMutex mutex = new PiMutex();

    public PiMutexTerminationStress() {
        mutex.lock(1);
    }

    @Actor
    public void waiter() {
        mutex.lock(2);
        mutex.unlock(2);
    }

    @Signal
    public void ownerUnlocks() {
        mutex.unlock(1);
    }
}
