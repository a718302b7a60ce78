package nscheck.futex;

/**
 * A mutex whose entire state is one {@link PiFutexWord}, in the Linux PI layout: 0 when free, the
 * owner's TID when held, plus {@link PiFutexWord#WAITERS} once a locker has gone to sleep.
 *
 * <p>The uncontended paths never enter the kernel: lock is a CAS 0 -> TID, unlock a CAS
 * TID -> 0. Only when the CAS fails does a locker set WAITERS and sleep in the simulated
 * {@link FutexTable}; an unlock that finds WAITERS set releases the word and wakes one sleeper.
 * This is the protocol of Drepper's "Futexes Are Tricky" (mutex3) over the PI word layout: a
 * woken or late locker takes the word as TID|WAITERS, because it cannot know whether others are
 * still asleep, and so its own unlock wakes the next one. The kernel does not hand the lock
 * over (unlike FUTEX_UNLOCK_PI); a woken waiter competes again, so the mutex is not fair.
 *
 * <p>Threads are named by TIDs the caller chooses (1..0x3fffffff), not by Java threads, so a
 * test can lock in one thread and let another "be" that owner. The protected steps are the
 * points where {@code SeededMutexBugs} (tests) substitutes a wrong step.
 */
public class PiMutex {
    protected final PiFutexWord word;
    protected final FutexTable kernel;

    public PiMutex() {
        this(new FutexTable());
    }

    public PiMutex(FutexTable kernel) {
        this.word = new PiFutexWord();
        this.kernel = kernel;
    }

    public void lock(int tid) {
        acquire(PiFutexWord.checkTid(tid));
    }

    public boolean tryLock(int tid) {
        return tryAcquire(PiFutexWord.checkTid(tid)).acquired();
    }

    /**
     * Releases the mutex held by {@code tid}.
     *
     * @throws IllegalMonitorStateException if {@code tid} does not own it (EPERM)
     */
    public void unlock(int tid) {
        PiFutexWord.checkTid(tid);
        if (word.compareAndSet(tid, 0)) return;
        int seen = word.get();
        if (PiFutexWord.owner(seen) != tid) {
            throw new IllegalMonitorStateException("TID " + tid + " does not own the mutex: " + PiFutexWord.describe(seen));
        }
        releaseContended(tid);
    }

    /** The current owner's TID, 0 if free. */
    public int owner() {
        return PiFutexWord.owner(word.get());
    }

    /** The raw word, so that tests can observe WAITERS / OWNER_DIED. */
    public int wordValue() {
        return word.get();
    }

    public FutexTable kernel() {
        return kernel;
    }

    /** The uncontended fast path: 0 -> TID in one CAS, no kernel. */
    protected boolean fastAcquire(int tid) {
        return word.compareAndSet(0, tid);
    }

    /**
     * Unlock found WAITERS set (only sleepers can have set it, and only the owner clears it):
     * free the word entirely, then wake one sleeper. The woken one re-sets WAITERS when it
     * acquires, so the sleepers still queued are not forgotten.
     */
    protected void releaseContended(int tid) {
        word.set(0);
        kernel.futexWake(word, 1);
    }

    /** lock(); returns OWNER_DIED when the word carried that bit (only RobustMutex sets it). */
    protected Acquisition acquire(int tid) {
        if (fastAcquire(tid)) return Acquisition.ACQUIRED;
        boolean interrupted = false;
        try {
            while (true) {
                int c = word.get();
                if (PiFutexWord.owner(c) == 0) {
                    // Free, possibly with WAITERS (a woken sleeper racing us, or sleepers still
                    // queued) or OWNER_DIED. Take it as TID|WAITERS: we may have slept, so there
                    // may be others asleep behind us, and our unlock must look for them.
                    if (word.compareAndSet(c, tid | PiFutexWord.WAITERS)) {
                        return PiFutexWord.ownerDied(c) ? Acquisition.OWNER_DIED : Acquisition.ACQUIRED;
                    }
                    continue;
                }
                if (PiFutexWord.owner(c) == tid) {
                    throw new IllegalMonitorStateException("TID " + tid + " already owns the mutex (EDEADLK)");
                }
                int sleeping = c | PiFutexWord.WAITERS;
                // Announce ourselves before sleeping, so the owner's unlock CAS fails and it wakes us.
                if (c != sleeping && !word.compareAndSet(c, sleeping)) continue;
                if (kernel.futexWait(word, sleeping) == FutexTable.WaitResult.INTERRUPTED) {
                    interrupted = true; // pthread_mutex_lock is not interruptible: retry, report later
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** tryLock(); never sleeps. */
    protected Acquisition tryAcquire(int tid) {
        if (fastAcquire(tid)) return Acquisition.ACQUIRED;
        while (true) {
            int c = word.get();
            if (PiFutexWord.owner(c) != 0) return Acquisition.BUSY;
            // Keep WAITERS: sleepers may still be queued and our unlock must wake them.
            if (word.compareAndSet(c, tid | (c & PiFutexWord.WAITERS))) {
                return PiFutexWord.ownerDied(c) ? Acquisition.OWNER_DIED : Acquisition.ACQUIRED;
            }
        }
    }
}
