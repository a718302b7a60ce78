package nscheck.model.futex;

/**
 * Where a thread of the futex mutex is, as a 3-bit code. The lock path is Drepper's "mutex 2"
 * (Futexes Are Tricky, 2011): CAS 0->1, else XCHG to 2 and futex_wait(2); the unlock path is
 * atomic_dec, and if the lock was contended, store 0 and futex_wake one waiter.
 */
public enum FutexPc {
    /** lock(): cmpxchg(val, 0, 1). */
    CAS,
    /** lock(), contended: old = xchg(val, 2). */
    XCHG,
    /** futex_wait(val, 2): sleeps only if val is still 2 (checked atomically with the enqueue). */
    WAIT,
    /** On the futex wait queue; only a WAKE of another thread moves it. */
    SLEEP,
    /** In the critical section; its step is unlock()'s atomic_dec(val). */
    CS,
    /** unlock(), contended: val = 0. */
    STORE,
    /** unlock(), contended: futex_wake(val, 1). */
    WAKE,
    /** Finished (the `once` variant only). */
    DONE;

    private static final FutexPc[] BY_CODE = values();

    public int code() {
        return ordinal();
    }

    public static FutexPc of(int code) {
        return BY_CODE[code];
    }
}
