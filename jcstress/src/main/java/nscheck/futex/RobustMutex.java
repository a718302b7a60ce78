package nscheck.futex;

/**
 * A {@link PiMutex} on a robust list: when its owner dies holding it, the kernel's exit path
 * (handle_futex_death in kernel/futex/core.c) rewrites the word to
 * {@code (old & WAITERS) | OWNER_DIED}, freeing it, and wakes one sleeper. The next locker then
 * owns the mutex and is told {@link Acquisition#OWNER_DIED} (EOWNERDEAD), exactly once per death,
 * because acquiring replaces the word and so clears the bit.
 *
 * <p>Not modelled: pthread_mutex_consistent and ENOTRECOVERABLE. Here the locker told
 * OWNER_DIED simply owns a normal mutex again.
 */
public class RobustMutex extends PiMutex {

    public RobustMutex() {
        super();
    }

    public RobustMutex(FutexTable kernel) {
        super(kernel);
    }

    /** pthread_mutex_lock on a robust mutex: ACQUIRED or OWNER_DIED, never BUSY. */
    @Override
    public void lock(int tid) {
        lockRobust(tid);
    }

    public Acquisition lockRobust(int tid) {
        return acquire(PiFutexWord.checkTid(tid));
    }

    /** pthread_mutex_trylock on a robust mutex: ACQUIRED, OWNER_DIED or BUSY. */
    public Acquisition tryLockRobust(int tid) {
        return tryAcquire(PiFutexWord.checkTid(tid));
    }

    /**
     * The kernel's robust-list cleanup for thread {@code tid}, which has exited: if it still owns
     * the word, mark the owner dead, clear the TID and wake one sleeper (only if WAITERS says
     * someone may sleep). Returns how many sleepers were woken (0 or 1), or -1 if {@code tid}
     * did not own the mutex (the kernel then leaves the word alone).
     */
    public int ownerDied(int tid) {
        PiFutexWord.checkTid(tid);
        while (true) {
            int c = word.get();
            if (PiFutexWord.owner(c) != tid) return -1;
            int dead = (c & PiFutexWord.WAITERS) | PiFutexWord.OWNER_DIED;
            if (word.compareAndSet(c, dead)) {
                return PiFutexWord.hasWaiters(c) ? kernel.futexWake(word, 1) : 0;
            }
            // Lost the CAS only to a locker setting WAITERS; look again.
        }
    }
}
