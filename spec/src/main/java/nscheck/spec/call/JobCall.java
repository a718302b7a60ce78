package nscheck.spec.call;

/**
 * Job control (kernel/signal.c, kernel/exit.c; J1-J5): the wait that reports stopped and
 * continued children. Stopping and continuing are kill(2) with SIGSTOP and SIGCONT
 * ({@link Syscall.Kill}); the records of this group live in a file of their own for the spec
 * layout's file size ({@link Syscall.Job}).
 */
public final class JobCall {
    private JobCall() {}

    /** The status word of a stopped child (WIFSTOPPED, WSTOPSIG = SIGSTOP): {@code (SIGSTOP << 8) | 0x7f}. */
    public static final int STOPPED_STATUS = (Signals.SIGSTOP << 8) | 0x7f;
    /** The status word of a continued child (WIFCONTINUED): 0xffff. */
    public static final int CONTINUED_STATUS = 0xffff;

    /**
     * waitpid(pid, &status, WUNTRACED | WCONTINUED): a zombie child is reaped as by waitpid, a
     * stopped child whose stop is unreported and a continued child whose continue is unreported
     * are reported and stay; the call returns the child's PID, or with {@code status} the status
     * word (J3). {@code pid} is -1 or a number in the caller's namespace.
     */
    public record WaitUntraced(int pid, boolean status) implements Syscall.Job {
        public <R> R accept(SyscallTable<R> table) { return table.waitUntraced(this); }
        @Override public String toString() { return "waitpid(" + pid + ", &status, WUNTRACED|WCONTINUED)" + (status ? " -> status" : ""); }
    }

    /** sigprocmask(SIG_BLOCK, {SIGHUP, SIGCONT}): they queue from now on (a SIGCONT still continues), inherited at fork. */
    public record BlockJobSignals() implements Syscall.Job {
        public <R> R accept(SyscallTable<R> table) { return table.blockJobSignals(this); }
        @Override public String toString() { return "sigprocmask(SIG_BLOCK, {SIGHUP,SIGCONT})"; }
    }

    /**
     * sigwaitinfo({SIGHUP, SIGCONT}) returning si_pid: the kernel's own SIGHUP and SIGCONT to an
     * orphaned group read 0 (SEND_SIG_PRIV), a SIGCONT from kill the sender's number (J5, P10).
     */
    public record SigwaitJobSignals() implements Syscall.Job {
        public <R> R accept(SyscallTable<R> table) { return table.sigwaitJobSignals(this); }
        @Override public String toString() { return "sigwaitinfo({SIGHUP,SIGCONT})"; }
    }
}
