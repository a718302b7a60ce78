package nscheck.spec.variant;

/**
 * Which of a namespace's names counts as its identifier (docs/semantics.md N1, N3, N4), and
 * whether a restorer may ask for one. The names themselves are the spec kernel's, assigned by one
 * rule for every variant ({@link nscheck.spec.state.NsNames}): a variant answers only which of
 * them a tool that remembers identifiers (the restore model's) holds on to.
 */
public enum NamespaceIds {
    /** N1: the nsfs inode number (NsNames#ino): lowest free, reusable once the namespace is freed; restorable in this proposal's reading. */
    PROC_INODE(false, true),
    /** N4 (2014, not merged): a per-boot serial number, never reused, not settable: the counter of NsNames#id under another name. */
    SERIAL(true, false),
    /** N3 (mainline 2025): the 64-bit ns_id (NsNames#id), one space for all types, never reused, not settable. */
    NS_ID_64(true, false);

    /** Identifiers come from a counter that only grows. */
    public final boolean counter;
    /** A restorer may ask for a given identifier and gets it when it is free. */
    public final boolean restorable;

    NamespaceIds(boolean counter, boolean restorable) {
        this.counter = counter;
        this.restorable = restorable;
    }
}
