package nscheck.futex;

import org.jetbrains.lincheck.datastructures.Operation;

/**
 * The operation every seeded-bug Lincheck test runs: increment a plain counter while holding the
 * mutex. The counter is linearizable only if the mutex excludes and wakes its sleepers, so each
 * seeded bug shows as a non-linearizable history or a hang. Subclasses name the mutex.
 */
abstract class CounterUnderMutex {
    private final PiMutex mutex;
    private int counter;

    CounterUnderMutex(PiMutex mutex) {
        this.mutex = mutex;
    }

    @Operation
    public int increment() {
        int tid = PiMutexLincheckTest.tid();
        mutex.lock(tid);
        int v = counter++;
        mutex.unlock(tid);
        return v;
    }
}
