package nscheck.spec.state;

/** Where a task is in its life (kernel/exit.c). A reaped task has no state: its slot is empty. */
public enum TaskState {
    /** Running user code; may make calls. */
    RUNNING,
    /**
     * A namespace init inside zap_pid_ns_processes: it has killed the namespace and waits, still
     * holding its PIDs, until every other task with a number in the namespace is reaped (P6).
     */
    EXITING,
    /** Dead, PIDs still allocated until the parent (or the kernel, for an exiting init) reaps it. */
    ZOMBIE
}
