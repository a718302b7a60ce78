package nscheck.spec.state;

import java.util.Arrays;

/**
 * A counted reference to a struct pid (get_pid), as SysV IPC objects, queued siginfo and Unix
 * socket credentials hold one (I1, C3, C4). It keeps the numbers the task had at every level and
 * the namespaces they were in, so pid_nr_ns of the reference still answers after the task is
 * reaped (I3): the kernel frees the numbers (they may be reused, P3) but not the struct pid, and
 * pid_nr_ns does not look at whether the pid is still attached to a task.
 * <p>
 * Decision (kernel/pid.c pid_nr_ns): a reference to a reaped task keeps reporting the old number,
 * even when the number now names another task. Two struct pids with the same numbers in the same
 * namespaces are indistinguishable to every observer, so the spec identifies them. A reference
 * pins the PID namespaces it names (struct pid holds get_pid_ns), see {@link Kernel#collectNamespaces}.
 */
public final class PidRef {
    private final int[] ns;
    private final int[] nr;

    private PidRef(int[] ns, int[] nr) {
        this.ns = ns;
        this.nr = nr;
    }

    /** get_pid(task_tgid(task)): a reference to the task in {@code slot}, or null if there is none. */
    public static PidRef of(Kernel k, int slot) {
        Task t = k.task(slot);
        if (t == null) return null;
        int[] ns = new int[t.level() + 1];
        int[] nr = new int[t.level() + 1];
        for (int l = 0; l <= t.level(); l++) {
            ns[l] = t.nsAtLevel(l);
            nr[l] = t.numberAtLevel(l);
        }
        return new PidRef(ns, nr);
    }

    /**
     * No struct pid at all: what a kernel-made siginfo (SEND_SIG_PRIV) or an owner whose task is
     * gone stands for; numbered 0 in every namespace, held by no task (A2, A4).
     */
    public static final PidRef NONE = new PidRef(new int[0], new int[0]);

    /** The root init's struct pid (PID 1 of init_pid_ns): the boot process group (PGID 1). */
    static PidRef rootInit() {
        return new PidRef(new int[] {Kernel.ROOT_NS}, new int[] {1});
    }

    /** Ground truth pid_nr_ns(pid, ns): the number recorded for {@code ns}, 0 when none is (P2). */
    public int numberIn(int pidNs) {
        for (int i = 0; i < ns.length; i++) if (ns[i] == pidNs) return nr[i];
        return 0;
    }

    public int level() {
        return ns.length - 1;
    }

    public int numberAtLevel(int level) {
        return nr[level];
    }

    public int nsAtLevel(int level) {
        return ns[level];
    }

    /** Ground truth pid_task: the slot of the task (running or a zombie) with these very numbers, -1 once reaped. */
    public int holder(Kernel k) {
        for (int i = 0; i < k.taskSlots(); i++) {
            Task t = k.task(i);
            if (t == null || t.level() != level()) continue;
            boolean same = true;
            for (int l = 0; l <= level() && same; l++) same = t.nsAtLevel(l) == ns[l] && t.numberAtLevel(l) == nr[l];
            if (same) return i;
        }
        return -1;
    }

    void hashInto(StateHasher h) {
        h.add(ns.length);
        for (int i = 0; i < ns.length; i++) {
            h.add(ns[i]);
            h.add(nr[i]);
        }
    }

    static void hash(StateHasher h, PidRef r) {
        if (r == null) h.add(-3);
        else r.hashInto(h);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof PidRef p && Arrays.equals(ns, p.ns) && Arrays.equals(nr, p.nr));
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ns) + Arrays.hashCode(nr);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("pid[");
        for (int i = 0; i < nr.length; i++) s.append(i > 0 ? " " : "").append(nr[i]);
        return s.append(']').toString();
    }
}
