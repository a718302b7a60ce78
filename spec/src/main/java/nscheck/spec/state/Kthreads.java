package nscheck.spec.state;

/**
 * The kernel threads of the root PID namespace (init/main.c rest_init, kernel/kthread.c): kthreadd
 * at PID 2, started right after kernel_init took 1, and the threads it spawned at the next numbers.
 * They are not tasks of the model: they make no calls and are never actors. What user space sees
 * of one: a number in init_pid_ns only (NSpid has one entry), init_cred (kuid 0 in init_user_ns),
 * PGID and SID 0 (init_struct_pid of the idle task), no mm, parent the idle task (kthreadd, whose
 * getppid reads 0) or kthreadd (the others), every signal ignored (kthreadd's ignore_signals,
 * inherited). Only a seeded bug ever ends one ({@code dead}): the invariant kernel-threads-live.
 *
 * @param count kernel threads booted, kthreadd included; 0 for a model that boots without them
 * @param dead  bit {@code i} set: the thread at PID {@code 2 + i} has died (never under mainline)
 */
public record Kthreads(int count, int dead) {
    /** kthreadd's PID: kernel_thread(kthreadd) right after user_mode_thread(kernel_init) (rest_init). */
    public static final int KTHREADD = 2;
    public static final Kthreads NONE = new Kthreads(0, 0);

    public Kthreads {
        if (count < 0 || count > 30) throw new IllegalArgumentException("kernel threads must be within 0..30");
    }

    /** The numbers the boot gave them: 2 .. count + 1. */
    public int first() {
        return KTHREADD;
    }

    public int last() {
        return KTHREADD + count - 1;
    }

    /** A kernel thread that still lives holds {@code nr} in init_pid_ns. */
    public boolean holds(int nr) {
        return nr >= KTHREADD && nr <= last() && (dead & (1 << (nr - KTHREADD))) == 0;
    }

    /** find_task_by_pid_ns names a living kernel thread: only init_pid_ns numbers them. */
    public boolean at(int ns, int nr) {
        return ns == Kernel.ROOT_NS && holds(nr);
    }

    /** The kernel thread at {@code nr} is no more (a seeded bug let a signal end it). */
    public Kthreads died(int nr) {
        return new Kthreads(count, dead | (1 << (nr - KTHREADD)));
    }

    /** Kernel threads booted that have died: none while the kernel's rules hold. */
    public int deadCount() {
        return Integer.bitCount(dead);
    }

    /** getppid as the thread would see it: kthreadd's parent is the idle task (0), every other's is kthreadd. */
    public int parentOf(int nr) {
        return nr == KTHREADD ? 0 : KTHREADD;
    }

    void hashInto(StateHasher h) {
        h.add(count);
        h.add(dead);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("kthreads[");
        for (int nr = KTHREADD; nr <= last(); nr++) {
            if (nr > KTHREADD) s.append(' ');
            s.append(nr);
            if (!holds(nr)) s.append("(dead)");
        }
        return s.append(']').toString();
    }
}
