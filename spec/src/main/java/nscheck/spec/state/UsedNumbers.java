package nscheck.spec.state;

/**
 * The numbers the tasks hold in one PID namespace, those below 64 as one bit mask made in a single
 * walk of the tasks. idr_alloc_cyclic tries number after number from the cursor, and most numbers
 * it tries in a small model's full namespace are a task's PID: the mask turns those down without
 * walking the tasks once per number (a process group's or session's number and a kernel thread's
 * are still asked of the contexts and threads, for the numbers no task holds).
 */
public final class UsedNumbers {
    private UsedNumbers() {}

    /** Bit {@code nr} set for each number {@code nr} below 64 a task holds in {@code ns} (Kernel#holderOf finds a task). */
    public static long heldByTasks(Kernel k, int ns) {
        long held = 0;
        for (int i = 0; i < k.taskSlots(); i++) {
            Task t = k.task(i);
            int nr = t == null ? 0 : t.numberIn(ns);
            if (nr > 0 && nr < 64) held |= 1L << nr;
        }
        return held;
    }

    /** {@link Kernel#numberInUse}, with the tasks' numbers read from {@code held} (heldByTasks of the same kernel and namespace). */
    public static boolean inUse(Kernel k, long held, int ns, int nr) {
        if (nr <= 0 || nr >= 64) return k.numberInUse(ns, nr);
        return (held & 1L << nr) != 0 || heldBeyondTasks(k, ns, nr);
    }

    /** Whether a process group or session (P3) or a kernel thread holds {@code nr} in {@code ns}: what numberInUse asks besides the tasks. */
    static boolean heldBeyondTasks(Kernel k, int ns, int nr) {
        return k.objects().groupNumbered(ns, nr) != null || k.kthreads().at(ns, nr);
    }
}
