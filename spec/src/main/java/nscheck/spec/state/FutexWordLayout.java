package nscheck.spec.state;

/**
 * The layout of a 32-bit PI / robust futex word (include/uapi/linux/futex.h, F0): the owner's TID
 * in the low 30 bits, plus two flags the kernel and user space set.
 */
public final class FutexWordLayout {
    /** Some task waits in the kernel: the owner must unlock through FUTEX_UNLOCK_PI. */
    public static final int WAITERS = 0x80000000;
    /** The owner died holding the futex (F5); the next owner must make the data consistent. */
    public static final int OWNER_DIED = 0x40000000;
    public static final int TID_MASK = 0x3fffffff;

    private FutexWordLayout() {}

    public static int tid(int word) {
        return word & TID_MASK;
    }

    public static boolean waiters(int word) {
        return (word & WAITERS) != 0;
    }

    public static boolean ownerDied(int word) {
        return (word & OWNER_DIED) != 0;
    }

    /** As a person reads it: {@code WAITERS|OWNER_DIED|3}, or the plain number for a non-PI word. */
    public static String describe(int word) {
        StringBuilder s = new StringBuilder();
        if (waiters(word)) s.append("WAITERS|");
        if (ownerDied(word)) s.append("OWNER_DIED|");
        return s.append(tid(word)).toString();
    }
}
