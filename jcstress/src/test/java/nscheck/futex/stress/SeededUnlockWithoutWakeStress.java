package nscheck.futex.stress;

import nscheck.futex.PiMutex;
import nscheck.futex.SeededMutexBugs;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * SEEDED BUG, expected to FAIL: {@link SeededMutexBugs#unlockWithoutWake()} frees the word with
 * a plain store and never calls futexWake. Same shape as PiMutexTerminationStress. StressRunIT
 * requires at least one STALE here. Each STALE costs jcstress' 30 s join timeout and ends the
 * fork, so this test adds about half a minute to every run.
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = ACCEPTABLE,
        desc = "The waiter had not gone to sleep yet when the unlock ran, so it never needed a wake.")
@Outcome(id = "STALE", expect = FORBIDDEN,
        desc = "The seeded bug caught: the waiter sleeps forever, nobody wakes it.")
@State
public class SeededUnlockWithoutWakeStress {
    private final PiMutex mutex = SeededMutexBugs.unlockWithoutWake();

    public SeededUnlockWithoutWakeStress() {
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
