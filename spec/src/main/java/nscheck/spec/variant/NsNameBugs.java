package nscheck.spec.variant;

/** Seeded bugs about what names a namespace to user space ({@link nscheck.spec.state.NsNames}, N1). */
public final class NsNameBugs {
    private NsNameBugs() {}

    /**
     * Breaks ns-names-unique: proc_free_inum called when a PID namespace's init dies
     * (zap_pid_ns_processes) instead of when its last reference is put, so a namespace file still
     * holding it shows the same inode number as the next namespace made, and a tool comparing
     * st_ino (namespaces(7)) takes two namespaces for one.
     */
    public static final Variant INUM_FREED_WITH_INIT = new Mainline() {
        @Override public String name() { return "seeded-ns-inum-freed-early"; }
        @Override public String summary() { return "seeded bug: a PID namespace's inode number is reused once its init dies, while a file still holds it (breaks ns-names-unique)"; }
        @Override public boolean seededBug() { return true; }
        @Override public boolean nsInumFreedWithInit() { return true; }
    };
}
