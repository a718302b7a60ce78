package nscheck.futex;

/**
 * Deliberately wrong mutexes, each replacing one step of {@link PiMutex}. They exist so that the
 * stress tests are shown to be able to fail: StressRunIT fails the build if the stress test
 * built for a bug stops reporting it.
 */
public final class SeededMutexBugs {
    private SeededMutexBugs() {}

    /**
     * Breaks mutual exclusion: the fast path checks the word and then stores its TID with a
     * plain write instead of one CAS, so two lockers can both see 0 and both "own" the mutex.
     */
    public static PiMutex checkThenStoreLock() {
        return new PiMutex() {
            @Override protected boolean fastAcquire(int tid) {
                if (word.get() != 0) return false;
                word.set(tid);
                return true;
            }
        };
    }

    /**
     * Breaks termination: the contended unlock frees the word with a plain store and forgets
     * the WAITERS bit it just saw, never calling futexWake, so a sleeper sleeps forever.
     */
    public static PiMutex unlockWithoutWake() {
        return new PiMutex() {
            @Override protected void releaseContended(int tid) {
                word.set(0);
            }
        };
    }

    /**
     * Breaks termination through a lost wake-up: futexWait compares the word before taking the
     * bucket lock, so an unlock (store 0, then futexWake finding nobody queued) can fall between
     * the compare and the enqueue, and the waiter sleeps on a word that has already changed.
     */
    public static PiMutex waitComparesOutsideBucketLock() {
        return new PiMutex(new FutexTable() {
            @Override protected boolean enqueueIfUnchanged(PiFutexWord word, int expected, Waiter me) {
                if (word.get() != expected) return false;
                enqueue(me);
                return true;
            }
        });
    }
}
