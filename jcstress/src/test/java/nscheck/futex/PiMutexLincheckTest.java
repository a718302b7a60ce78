package nscheck.futex;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/**
 * Lincheck model checking of the same mutex: Lincheck runs small concurrent scenarios of the
 * operations below, explores their thread interleavings (including those inside FutexTable's
 * bucket lock and park/unpark) and checks every result against a sequential run of the same
 * class. A counter behind the mutex is linearizable only if the mutex excludes; a lost wake-up
 * shows as a hung execution, which Lincheck reports with the interleaving that caused it.
 *
 * <p>Operations are whole critical sections (lock, increment, unlock/die), because a bare lock
 * or tryLock has no sequential specification independent of which thread holds the mutex.
 * Each returns {@code 2 * counter + (1 if told OWNER_DIED)}; sequentially, OWNER_DIED is
 * reported exactly to the operation after an {@link #incrementAndDie()}.
 */
public class PiMutexLincheckTest {
    private final RobustMutex mutex = new RobustMutex();
    private int counter;

    /** Lincheck picks the threads; each Java thread is one simulated task. */
    static int tid() {
        return (int) (Thread.currentThread().getId() & PiFutexWord.TID_MASK);
    }

    @Operation
    public int increment() {
        int tid = tid();
        Acquisition a = mutex.lockRobust(tid);
        int v = counter++;
        mutex.unlock(tid);
        return 2 * v + (a == Acquisition.OWNER_DIED ? 1 : 0);
    }

    /** The owner dies inside the critical section: the kernel's robust-list cleanup frees the word. */
    @Operation
    public int incrementAndDie() {
        int tid = tid();
        Acquisition a = mutex.lockRobust(tid);
        int v = counter++;
        mutex.ownerDied(tid);
        return 2 * v + (a == Acquisition.OWNER_DIED ? 1 : 0);
    }

    @Test
    void twoThreads() {
        new ModelCheckingOptions().threads(2).actorsPerThread(2).actorsBefore(1).actorsAfter(1)
                .iterations(10).invocationsPerIteration(300)
                .check(getClass());
    }

    /** Three contenders: the woken sleeper must re-set WAITERS so the third is not stranded. */
    @Test
    void threeThreads() {
        new ModelCheckingOptions().threads(3).actorsPerThread(1).actorsBefore(0).actorsAfter(0)
                .iterations(5).invocationsPerIteration(300)
                .check(getClass());
    }
}
