package nscheck.futex;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One 32-bit futex word in the layout Linux uses for PI and robust mutexes
 * (include/uapi/linux/futex.h): the owner's TID in the low 30 bits, {@link #OWNER_DIED} set by
 * the kernel's robust-list cleanup, {@link #WAITERS} set by a locker that is about to sleep so
 * that the owner's unlock takes the slow path and wakes it.
 *
 * <p>Every access is a volatile access through a VarHandle: user space and the simulated kernel
 * communicate only through this word, so it must order the critical section's plain writes
 * before the next owner's reads (the release of unlock's store or CAS, the acquire of lock's CAS).
 */
public final class PiFutexWord {
    public static final int WAITERS = 0x8000_0000;
    public static final int OWNER_DIED = 0x4000_0000;
    public static final int TID_MASK = 0x3fff_ffff;

    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(PiFutexWord.class, "value", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through VALUE only
    private volatile int value;

    public PiFutexWord() {}

    public PiFutexWord(int initial) {
        this.value = initial;
    }

    public int get() {
        return (int) VALUE.getVolatile(this);
    }

    public void set(int v) {
        VALUE.setVolatile(this, v);
    }

    public boolean compareAndSet(int expected, int next) {
        return VALUE.compareAndSet(this, expected, next);
    }

    /** Returns the value seen: {@code expected} exactly when the exchange happened. */
    public int compareAndExchange(int expected, int next) {
        return (int) VALUE.compareAndExchange(this, expected, next);
    }

    public int getAndSet(int next) {
        return (int) VALUE.getAndSet(this, next);
    }

    /** The owner's TID, 0 when nobody holds the mutex (the other bits may still be set). */
    public static int owner(int word) {
        return word & TID_MASK;
    }

    public static boolean hasWaiters(int word) {
        return (word & WAITERS) != 0;
    }

    public static boolean ownerDied(int word) {
        return (word & OWNER_DIED) != 0;
    }

    /** TID 0 means "free" in the word, and larger values would spill into the flag bits. */
    public static int checkTid(int tid) {
        if (tid <= 0 || tid > TID_MASK) {
            throw new IllegalArgumentException("TID out of range 1.." + TID_MASK + ": " + tid);
        }
        return tid;
    }

    public static String describe(int word) {
        StringBuilder sb = new StringBuilder("tid=").append(owner(word));
        if (hasWaiters(word)) sb.append("|WAITERS");
        if (ownerDied(word)) sb.append("|OWNER_DIED");
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe(get());
    }
}
