package nscheck.futex;

/** How a lock attempt ended, as pthread_mutex_lock/trylock on a robust mutex report it. */
public enum Acquisition {
    /** The caller owns the mutex; the previous owner unlocked it normally (return 0). */
    ACQUIRED,
    /**
     * The caller owns the mutex, but the previous owner died holding it (EOWNERDEAD): the data
     * it protects may be half-updated and the caller must repair it.
     */
    OWNER_DIED,
    /** tryLock only: someone else holds the mutex (EBUSY); the caller owns nothing. */
    BUSY;

    public boolean acquired() {
        return this != BUSY;
    }
}
