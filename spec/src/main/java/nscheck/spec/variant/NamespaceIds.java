package nscheck.spec.variant;

/**
 * How a namespace is named to user space (docs/semantics.md N1, N3, N4). The spec's kernel
 * does not carry identifiers: a model that cares (the restore model) keeps a table and asks the
 * scheme for the next one.
 */
public enum NamespaceIds {
    /** N1: the nsfs/proc inode number, from an IDA: the lowest free index, reusable once the namespace is freed. */
    PROC_INODE(false, true),
    /** N4 (2014, not merged): a per-boot serial number from a counter, never reused, not settable. */
    SERIAL(true, false),
    /** N3 (mainline 2025): one 64-bit ns_id space for all types, from a counter, never reused, not settable. */
    NS_ID_64(true, false);

    /** Identifiers come from a counter that only grows. */
    public final boolean counter;
    /** A restorer may ask for a given identifier and gets it when it is free. */
    public final boolean restorable;

    NamespaceIds(boolean counter, boolean restorable) {
        this.counter = counter;
        this.restorable = restorable;
    }

    /** The fixed identifier of init_pid_ns (N1: PROC_PID_INIT_INO 0xEFFFFFFC). */
    public static final long ROOT_PID_NS = 0xEFFFFFFCL;
}
