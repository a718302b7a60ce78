package nscheck.futex;

import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SEEDED BUG, expected to be found: {@link SeededMutexBugs#waitComparesOutsideBucketLock()}.
 * The lost wake-up is a few instructions wide, too narrow for a bounded jcstress run to catch
 * reliably, but Lincheck's model checker enumerates the interleaving directly: the waiter
 * compares, the owner unlocks and wakes nobody, the waiter enqueues and sleeps for ever. This
 * test fails if Lincheck stops finding it (which would make PiMutexLincheckTest meaningless).
 */
public class SeededLostWakeupLincheckTest extends CounterUnderMutex {
    public SeededLostWakeupLincheckTest() {
        super(SeededMutexBugs.waitComparesOutsideBucketLock());
    }

    @Test
    void modelCheckingFindsTheLostWakeup() {
        // One operation, two threads, nothing before or after: every iteration is the one
        // scenario "increment | increment", explored interleaving by interleaving.
        LincheckAssertionError found = assertThrows(LincheckAssertionError.class, () ->
                new ModelCheckingOptions().threads(2).actorsPerThread(1).actorsBefore(0).actorsAfter(0)
                        .iterations(1).invocationsPerIteration(2000)
                        .check(getClass()));
        assertTrue(found.getMessage().contains("hung"), () -> "expected a hang, got:\n" + found.getMessage());
    }
}
