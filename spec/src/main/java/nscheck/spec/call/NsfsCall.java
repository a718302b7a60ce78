package nscheck.spec.call;

/**
 * Namespace files beyond the caller's own (fs/proc/namespaces.c, fs/nsfs.c; N5, N8): another
 * task's /proc/PID/ns files, and the comparison of two namespace files' inode numbers that
 * namespaces(7) tells user space to make (st_dev and st_ino).
 */
public final class NsfsCall {
    private NsfsCall() {}

    /**
     * open("/proc/PID/ns/NAME", O_RDONLY) through the caller's /proc: {@code pid} is a number in
     * the PID namespace that proc shows; {@code kind} indexes {@link FdCalls#NS_FILES}; returns the new fd.
     */
    public record OpenOther(int pid, int kind) implements Syscall.Nsfs {
        public <R> R accept(SyscallTable<R> table) { return table.nsOpenOther(this); }
        @Override public String toString() {
            return "open(/proc/" + pid + "/ns/" + (kind >= 0 && kind < FdCalls.NS_FILES.size() ? FdCalls.NS_FILES.get(kind) : "?" + kind) + ")";
        }
    }

    /** fstat(fd1) and fstat(fd2): 1 if both show the same st_dev and st_ino, else 0. */
    public record SameInode(int fd1, int fd2) implements Syscall.Nsfs {
        public <R> R accept(SyscallTable<R> table) { return table.nsSameInode(this); }
        @Override public String toString() { return "fstat(" + fd1 + ").st_ino == fstat(" + fd2 + ").st_ino"; }
    }
}
