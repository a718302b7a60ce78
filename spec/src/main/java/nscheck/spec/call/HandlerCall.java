package nscheck.spec.call;

/**
 * Signal handlers and masks (kernel/signal.c; issue 19 item 2), kept in a file of their own for
 * the spec layout's file size ({@link Syscall.Handler}). The handler is the probe's: an
 * SA_SIGINFO|SA_RESTART handler that records the siginfo it receives in the process's memory,
 * read back by {@link Handled}. P20-P23 in docs/semantics.md.
 */
public final class HandlerCall {
    private HandlerCall() {}

    public static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;

    /** The siginfo fields {@link Handled} reads. */
    public enum Field { SI_SIGNO, SI_PID, SI_UID }

    /**
     * sigaction(sig, {handler, SA_SIGINFO|SA_RESTART}, NULL), with SA_NOCLDWAIT when {@code noCldWait}
     * (SIGCHLD's: children are reaped at exit and the handler still runs, P19): EINVAL for SIGKILL and SIGSTOP (P20).
     */
    public record SetHandler(int sig, boolean noCldWait) implements Syscall.Handler {
        public SetHandler(int sig) {
            this(sig, false);
        }

        public <R> R accept(SyscallTable<R> table) { return table.setHandler(this); }
        @Override public String toString() { return "sigaction(" + Signals.name(sig) + ", {handler, SA_SIGINFO" + (noCldWait ? "|SA_NOCLDWAIT" : "") + "})"; }
    }

    /** rt_sigprocmask(how, set, NULL): {@code set} a sigset (bit sig - 1); delivers what it unblocks before returning (P22). */
    public record Sigprocmask(int how, long set) implements Syscall.Handler {
        public <R> R accept(SyscallTable<R> table) { return table.sigprocmask(this); }
        @Override public String toString() {
            String h = how == SIG_BLOCK ? "SIG_BLOCK" : how == SIG_UNBLOCK ? "SIG_UNBLOCK" : how == SIG_SETMASK ? "SIG_SETMASK" : String.valueOf(how);
            return "sigprocmask(" + h + ", " + describe(set) + ")";
        }
    }

    /** sigpending(&set): the caller's pending signals, its own and its process's, as a sigset (P23). */
    public record Sigpending() implements Syscall.Handler {
        public <R> R accept(SyscallTable<R> table) { return table.sigpending(this); }
        @Override public String toString() { return "sigpending()"; }
    }

    /** The oldest siginfo the caller's handler recorded and nobody read yet, one field of it; EAGAIN if none (P21). */
    public record Handled(Field field) implements Syscall.Handler {
        public <R> R accept(SyscallTable<R> table) { return table.handled(this); }
        @Override public String toString() { return "handled() -> " + field.name().toLowerCase(); }
    }

    /** A sigset as {SIGUSR1, SIGTERM}. */
    public static String describe(long set) {
        StringBuilder b = new StringBuilder("{");
        for (int sig = 1; sig <= Signals.NSIG; sig++) {
            if ((set & Signals.bit(sig)) == 0) continue;
            if (b.length() > 1) b.append(", ");
            b.append(Signals.name(sig));
        }
        return b.append('}').toString();
    }
}
