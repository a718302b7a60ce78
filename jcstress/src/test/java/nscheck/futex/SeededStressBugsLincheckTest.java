package nscheck.futex;

import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SEEDED BUGS, expected to be found: the two bugs the Seeded*Stress jcstress tests are built
 * around, found here deterministically. jcstress catches a race only when the two actors happen
 * to run at the same instant, which on a loaded machine is chance (hence StressRunIT's second
 * run); Lincheck's model checker enumerates the interleavings of "increment | increment" and
 * finds each bug's interleaving on every run, so these bugs stay gated whatever the load.
 */
class SeededStressBugsLincheckTest {

    /** check-then-store on the fast path: both lockers see 0 and both enter. */
    public static class CheckThenStore extends CounterUnderMutex {
        public CheckThenStore() {
            super(SeededMutexBugs.checkThenStoreLock());
        }
    }

    /** The contended unlock forgets the wake-up: the sleeper sleeps for ever. */
    public static class UnlockWithoutWake extends CounterUnderMutex {
        public UnlockWithoutWake() {
            super(SeededMutexBugs.unlockWithoutWake());
        }
    }

    private static LincheckAssertionError check(Class<?> test) {
        return assertThrows(LincheckAssertionError.class, () ->
                new ModelCheckingOptions().threads(2).actorsPerThread(1).actorsBefore(0).actorsAfter(0)
                        .iterations(1).invocationsPerIteration(2000)
                        .check(test));
    }

    @Test
    void modelCheckingFindsTwoOwnersOfTheCheckThenStoreLock() {
        // Reported as non-linearizable results (a lost increment) or as the second owner's unlock failing.
        check(CheckThenStore.class);
    }

    @Test
    void modelCheckingFindsTheSleeperAnUnlockWithoutWakeStrands() {
        LincheckAssertionError found = check(UnlockWithoutWake.class);
        assertTrue(found.getMessage().contains("hung"), () -> "expected a hang, got:\n" + found.getMessage());
    }
}
