package nscheck.spec.state;

/**
 * The kernel limits a bounded model scales down. The kernel's values are MAX_PID_NS_LEVEL = 32,
 * pid_max = 32768 (at least 301) and threads-max in the tens of thousands; a model keeps the same
 * rules with small numbers so that every state can be enumerated.
 *
 * @param maxTasks total tasks, zombies included (fork fails EAGAIN beyond it, like threads-max)
 * @param maxLevel deepest namespace level (clone/unshare fail ENOSPC beyond it, like MAX_PID_NS_LEVEL)
 * @param pidMax   every namespace allocates in [1, pidMax)
 * @param kthreads kernel threads booted in init_pid_ns at PIDs 2.. (kthreadd first); 0 boots
 *                 the root init alone, as every model did before kernel threads ({@link Kthreads})
 * @param nsNames  the kernel keeps each namespace's inode number and id ({@link NsNames}, N1, N3):
 *                 for the models and areas that read them; off, every other model's states are
 *                 what they were before namespaces had names
 */
public record Limits(int maxTasks, int maxLevel, int pidMax, int kthreads, boolean nsNames) {
    public static final int MAX_PID_NS_LEVEL = 32;
    /** kernel/pid.c: after a wrap the search restarts here, not at 1. */
    public static final int RESERVED_PIDS = 300;

    public Limits {
        if (maxTasks < 1) throw new IllegalArgumentException("tasks must be at least 1");
        if (maxLevel < 0 || maxLevel > MAX_PID_NS_LEVEL)
            throw new IllegalArgumentException("depth must be within 0.." + MAX_PID_NS_LEVEL);
        if (pidMax < 2) throw new IllegalArgumentException("pid_max must be at least 2");
        if (kthreads < 0 || kthreads > 30) throw new IllegalArgumentException("kthreads must be within 0..30");
        if (kthreads > 0 && kthreads + 2 > pidMax)
            throw new IllegalArgumentException("pid_max must be above the kernel threads' numbers (2.." + (kthreads + 1) + ")");
    }

    /** A boot that keeps no namespace names. */
    public Limits(int maxTasks, int maxLevel, int pidMax, int kthreads) {
        this(maxTasks, maxLevel, pidMax, kthreads, false);
    }

    /** The same limits, keeping namespace names. */
    public Limits withNsNames() {
        return new Limits(maxTasks, maxLevel, pidMax, kthreads, true);
    }

    /** A boot without kernel threads. */
    public Limits(int maxTasks, int maxLevel, int pidMax) {
        this(maxTasks, maxLevel, pidMax, 0);
    }
}
