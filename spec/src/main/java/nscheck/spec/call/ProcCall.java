package nscheck.spec.call;

/**
 * /proc views (fs/proc/root.c, self.c, thread_self.c, base.c, array.c): a proc mounted in a fresh
 * mount namespace of the caller, and what the caller reads through the proc its mount namespace
 * holds. Each proc superblock shows one PID namespace, the mounter's active one; numbers are
 * read and resolved in it, whoever reads. V1-V4 in docs/semantics.md.
 */
public final class ProcCall {
    private ProcCall() {}

    /** Which number of the NSpid line {@link StatusNspid} returns: the first (the mount's level) up to the third. */
    public static final int MAX_ENTRY = 2;

    /**
     * unshare(CLONE_NEWNS), then mount("proc") in the new mount namespace: the caller's /proc (and
     * that of the children it forks after) shows its active PID namespace (V1).
     */
    public record MountProc() implements Syscall.Proc {
        public <R> R accept(SyscallTable<R> table) { return table.mountProc(this); }
        @Override public String toString() { return "unshare(CLONE_NEWNS); mount(\"proc\")"; }
    }

    /** readlink("/proc/self"), or "/proc/thread-self" with {@code thread}: the number in the link, its last for thread-self (V2). */
    public record ReadlinkSelf(boolean thread) implements Syscall.Proc {
        public <R> R accept(SyscallTable<R> table) { return table.readlinkSelf(this); }
        @Override public String toString() { return thread ? "readlink(\"/proc/thread-self\")" : "readlink(\"/proc/self\")"; }
    }

    /**
     * The NSpid line of /proc/{@code pid}/status: its number {@code entry} (0 the first, which is
     * the mount's level), 0 when the line has fewer (V3).
     */
    public record StatusNspid(int pid, int entry) implements Syscall.Proc {
        public <R> R accept(SyscallTable<R> table) { return table.statusNspid(this); }
        @Override public String toString() { return "/proc/" + pid + "/status NSpid[" + entry + "]"; }
    }
}
