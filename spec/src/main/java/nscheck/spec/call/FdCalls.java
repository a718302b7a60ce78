package nscheck.spec.call;

/**
 * The calls on a task's file descriptor table ({@link Syscall.FdCall}): pidfds (kernel/pid.c,
 * kernel/signal.c, kernel/exit.c) and close(2). An fd argument is the number the caller holds, as
 * an earlier call of its own (or of the parent it forked from) returned it.
 */
public final class FdCalls {
    private FdCalls() {}

    /** pidfd_open(2)'s flags (include/uapi/linux/pidfd.h): O_NONBLOCK and O_EXCL. */
    public static final int PIDFD_NONBLOCK = 0x800;
    public static final int PIDFD_THREAD = 0x80;

    static String pidfdFlags(int flags) {
        if (flags == 0) return "0";
        StringBuilder s = new StringBuilder();
        if ((flags & PIDFD_NONBLOCK) != 0) s.append("|PIDFD_NONBLOCK");
        if ((flags & PIDFD_THREAD) != 0) s.append("|PIDFD_THREAD");
        int rest = flags & ~(PIDFD_NONBLOCK | PIDFD_THREAD);
        if (rest != 0) s.append("|0x").append(Integer.toHexString(rest));
        return s.substring(1);
    }

    /** pidfd_open(pid, flags): a pidfd for the process (or, with PIDFD_THREAD, the thread) {@code pid} names in the caller's namespace. */
    public record PidfdOpen(int pid, int flags) implements Syscall.FdCall {
        public <R> R accept(SyscallTable<R> table) { return table.pidfdOpen(this); }
        @Override public String toString() { return "pidfd_open(" + pid + ", " + pidfdFlags(flags) + ")"; }
    }

    /** pidfd_send_signal(fd, sig, NULL, flags): a signal to the process the pidfd names, with the siginfo kill(2) would make. */
    public record PidfdSendSignal(int fd, int sig, int flags) implements Syscall.FdCall {
        public <R> R accept(SyscallTable<R> table) { return table.pidfdSendSignal(this); }
        @Override public String toString() {
            return "pidfd_send_signal(" + fd + ", " + Signals.name(sig) + ", NULL, " + (flags == 0 ? "0" : "0x" + Integer.toHexString(flags)) + ")";
        }
    }

    /** waitid(P_PIDFD, fd, &info, WEXITED [| WNOHANG]): returns info.si_pid, the reaped child's PID in the caller's namespace (0: none yet). */
    public record WaitidPidfd(int fd, boolean nohang) implements Syscall.FdCall {
        public <R> R accept(SyscallTable<R> table) { return table.waitidPidfd(this); }
        @Override public String toString() { return "waitid(P_PIDFD, " + fd + ", WEXITED" + (nohang ? "|WNOHANG" : "") + ") -> si_pid"; }
    }

    /** close(fd). */
    public record Close(int fd) implements Syscall.FdCall {
        public <R> R accept(SyscallTable<R> table) { return table.close(this); }
        @Override public String toString() { return "close(" + fd + ")"; }
    }

    // ---- namespace files (fs/proc/namespaces.c, fs/nsfs.c, kernel/nsproxy.c; N5-N7) ----

    /** The /proc/self/ns files the spec opens, by {@link NsOpen#kind()}. */
    public static final java.util.List<String> NS_FILES = java.util.List.of("pid", "pid_for_children", "ipc", "user");

    /** open("/proc/self/ns/NAME", O_RDONLY): {@code kind} indexes {@link #NS_FILES}; returns the new fd. */
    public record NsOpen(int kind) implements Syscall.FdCall {
        public <R> R accept(SyscallTable<R> table) { return table.nsOpen(this); }
        @Override public String toString() { return "open(/proc/self/ns/" + (kind >= 0 && kind < NS_FILES.size() ? NS_FILES.get(kind) : "?" + kind) + ")"; }
    }

    /** setns(fd, nstype): enter the namespace a namespace file names, or, for a pidfd, its process's namespaces of {@code nstype}. */
    public record SetnsFd(int fd, int nstype) implements Syscall.FdCall {
        public <R> R accept(SyscallTable<R> table) { return table.setnsFd(this); }
        @Override public String toString() { return "setns(" + fd + ", " + CloneFlags.describe(nstype) + ")"; }
    }

    /** The nsfs ioctls (include/uapi/linux/nsfs.h, NSIO 0xb7), by number. */
    public static final int NS_GET_USERNS = 1, NS_GET_PARENT = 2, NS_GET_NSTYPE = 3, NS_GET_PID_FROM_PIDNS = 6,
            NS_GET_TGID_FROM_PIDNS = 7, NS_GET_PID_IN_PIDNS = 8, NS_GET_TGID_IN_PIDNS = 9;
    /** NS_GET_OWNER_UID (_IO 4, writes a uid_t) and NS_GET_ID (_IOR 13, writes a __u64): the value written is the call's result here (N2, N3). */
    public static final int NS_GET_OWNER_UID = 4, NS_GET_ID = 13;
    private static final java.util.Map<Integer, String> NS_IOCTL_NAMES = java.util.Map.of(NS_GET_USERNS, "NS_GET_USERNS",
            NS_GET_PARENT, "NS_GET_PARENT", NS_GET_NSTYPE, "NS_GET_NSTYPE", NS_GET_PID_FROM_PIDNS, "NS_GET_PID_FROM_PIDNS",
            NS_GET_TGID_FROM_PIDNS, "NS_GET_TGID_FROM_PIDNS", NS_GET_PID_IN_PIDNS, "NS_GET_PID_IN_PIDNS", NS_GET_TGID_IN_PIDNS, "NS_GET_TGID_IN_PIDNS",
            NS_GET_OWNER_UID, "NS_GET_OWNER_UID", NS_GET_ID, "NS_GET_ID");

    public static String nsIoctlName(int op) {
        return NS_IOCTL_NAMES.getOrDefault(op, "_IO(0xb7, " + op + ")");
    }

    /**
     * ioctl(fd, NS_GET_*, arg) on a namespace file: a new fd (NS_GET_USERNS, NS_GET_PARENT), the
     * namespace's CLONE_NEW* type (NS_GET_NSTYPE), or a PID translated into or out of the file's
     * PID namespace (the four PID forms; {@code arg} is the PID). Any other number is not an nsfs ioctl.
     */
    public record NsIoctl(int fd, int op, int arg) implements Syscall.FdCall {
        public <R> R accept(SyscallTable<R> table) { return table.nsIoctl(this); }
        @Override public String toString() { return "ioctl(" + fd + ", " + nsIoctlName(op) + (op >= NS_GET_PID_FROM_PIDNS && op <= NS_GET_TGID_IN_PIDNS ? ", " + arg : "") + ")"; }
    }
}
