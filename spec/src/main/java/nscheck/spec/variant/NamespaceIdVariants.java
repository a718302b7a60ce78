package nscheck.spec.variant;

/**
 * Mainline's rules with another answer to "which name identifies a namespace" (N1, N4): the
 * inode numbers and ids are the same spec rule in every variant (NsNames); mainline's answer is
 * the 64-bit ns_id (N3).
 */
public final class NamespaceIdVariants {
    private NamespaceIdVariants() {}

    /** Namespaces named by their proc/nsfs inode number: an IDA index, reused after free (N1). */
    public static final Variant PROC_INODE = new Mainline() {
        @Override public String name() { return "proc-inode"; }
        @Override public String summary() { return "namespaces named by proc inode number: lowest free, reused after free"; }
        @Override public NamespaceIds namespaceIds() { return NamespaceIds.PROC_INODE; }
    };

    /** Namespaces named by a per-boot serial number (2014 audit patches, not merged; N4). */
    public static final Variant SERIAL = new Mainline() {
        @Override public String name() { return "serial-2014"; }
        @Override public String summary() { return "2014 proposal: namespaces named by a per-boot serial number, never reused"; }
        @Override public NamespaceIds namespaceIds() { return NamespaceIds.SERIAL; }
    };
}
