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
}
