package nscheck.spec.state;

/**
 * One PID namespace (struct pid_namespace): its place in the tree, its allocator state and its
 * init. The numbers in use are not stored: they are the upids of the tasks (a number is free
 * once no task holds it, P3).
 *
 * @param parent       slot of the parent namespace, -1 for the root
 * @param level        0 for init_pid_ns, parent level + 1 otherwise (P1)
 * @param pidMax       numbers are allocated in [1, pidMax) (idr_alloc_cyclic's end is exclusive)
 * @param cursor       idr_next: where the next cyclic search starts; ns_last_pid reads cursor - 1 (P4)
 * @param childReaper  slot of the init (child_reaper), -1 before the first child or after it is reaped
 * @param adding       PIDNS_ADDING: cleared when init dies, after which every fork into it fails ENOMEM (P6)
 * @param userNs       the owning user namespace (pid_namespace->user_ns), fixed at creation
 *                     (create_pid_namespace): where set_tid, ns_last_pid writes and setns need
 *                     their capabilities (K1)
 */
public record PidNamespace(int parent, int level, int pidMax, int cursor, int childReaper, boolean adding, int userNs) {

    /** A new namespace owned by user namespace {@code owner} (copy_pid_ns: the creator's, or its new one). */
    public static PidNamespace fresh(int parent, int level, int pidMax, int owner) {
        return new PidNamespace(parent, level, pidMax, 0, -1, true, owner);
    }

    public PidNamespace withCursor(int value) {
        return new PidNamespace(parent, level, pidMax, value, childReaper, adding, userNs);
    }

    public PidNamespace withChildReaper(int slot) {
        return new PidNamespace(parent, level, pidMax, cursor, slot, adding, userNs);
    }

    /**
     * Has the namespace ever had an init? The kernel's child_reaper is set by the first task
     * numbered 1 (kernel/fork.c copy_process, is_child_reaper) and never cleared, while
     * {@link #childReaper} goes back to -1 at the reap; by then disable_pid_allocation has
     * cleared {@link #adding} (P6), the only way the spec clears it (free_pid's reset after a
     * first fork that fails past alloc_pid is not modelled), so the two together remember.
     */
    public boolean hadInit() {
        return childReaper >= 0 || !adding;
    }

    /** disable_pid_allocation(): the init has died. */
    public PidNamespace closed() {
        return new PidNamespace(parent, level, pidMax, cursor, childReaper, false, userNs);
    }

    /** Two ints to a word (each mixing step is a dependent multiply chain: fewer words, a faster fingerprint). */
    void hashInto(StateHasher h) {
        h.add(StateHasher.pair(parent, level));
        h.add(StateHasher.pair(pidMax, cursor));
        h.add(StateHasher.pair(childReaper, userNs));
        h.add(adding ? 1 : 0);
    }
}
