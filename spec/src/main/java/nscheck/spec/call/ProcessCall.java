package nscheck.spec.call;

/**
 * The calls of sessions, process groups and wait status (kernel/sys.c, kernel/exit.c; issue 19),
 * kept in a file of their own for the spec layout's file size ({@link Syscall.Process}). Arguments
 * are numbers in the caller's active PID namespace, as everywhere.
 */
public final class ProcessCall {
    private ProcessCall() {}

    /** setpgid(pid, pgid), both numbers in the caller's namespace; 0 names the caller (pid) or pid itself (pgid). */
    public record Setpgid(int pid, int pgid) implements Syscall.Process {
        /** setpgid(0, 0): the caller leads a new process group whose PGID is its own PID. */
        public Setpgid() {
            this(0, 0);
        }

        public <R> R accept(SyscallTable<R> table) { return table.setpgid(this); }
        @Override public String toString() { return "setpgid(" + pid + ", " + pgid + ")"; }
    }
    /** setsid(2): the caller leads a new session and group; returns the new SID as it sees it. */
    public record Setsid() implements Syscall.Process {
        public <R> R accept(SyscallTable<R> table) { return table.setsid(this); }
        @Override public String toString() { return "setsid()"; }
    }
    /** getsid(pid): the SID of the process {@code pid} (0: the caller) in the caller's namespace, 0 if invisible there. */
    public record Getsid(int pid) implements Syscall.Process {
        public <R> R accept(SyscallTable<R> table) { return table.getsid(this); }
        @Override public String toString() { return "getsid(" + pid + ")"; }
    }
    /** getpgid(pid): the PGID of the process {@code pid} (0: the caller) in the caller's namespace, 0 if invisible there. */
    public record Getpgid(int pid) implements Syscall.Process {
        public <R> R accept(SyscallTable<R> table) { return table.getpgid(this); }
        @Override public String toString() { return "getpgid(" + pid + ")"; }
    }
    /** waitpid(pid, &status, 0) reading the status word (WIFEXITED/WEXITSTATUS, WIFSIGNALED/WTERMSIG); pid as for {@link Wait}. */
    public record WaitStatus(int pid) implements Syscall.Process {
        public <R> R accept(SyscallTable<R> table) { return table.waitStatus(this); }
        @Override public String toString() { return "waitpid(" + pid + ", &status, 0) -> status"; }
    }
    /**
     * waitid(idtype, id, &info, WEXITED) reading one field of the siginfo: si_pid, si_code
     * (CLD_EXITED 1, CLD_KILLED 2) or si_status. idtype P_ALL 0, P_PID 1, P_PGID 2 (id 0: the caller's group).
     */
    public record Waitid(int idtype, int id, Field field) implements Syscall.Process {
        /** The siginfo field the call reads back. */
        public enum Field { SI_PID, SI_CODE, SI_STATUS }
        public static final int P_ALL = 0, P_PID = 1, P_PGID = 2;

        public <R> R accept(SyscallTable<R> table) { return table.waitid(this); }
        @Override public String toString() {
            String type = idtype == P_ALL ? "P_ALL" : idtype == P_PID ? "P_PID" : idtype == P_PGID ? "P_PGID" : String.valueOf(idtype);
            return "waitid(" + type + ", " + id + ", WEXITED) -> " + field.name().toLowerCase();
        }
    }
    /**
     * sigaction(sig, {handler, flags}, NULL) with handler SIG_IGN ({@code ignore}) or SIG_DFL, and
     * flags SA_NOCLDWAIT ({@code noCldWait}, SIGCHLD only): the dispositions the spec tracks are
     * SIGUSR1's and SIGCHLD's; SIGKILL and SIGSTOP cannot be changed (EINVAL).
     */
    public record Sigaction(int sig, boolean ignore, boolean noCldWait) implements Syscall.Process {
        public <R> R accept(SyscallTable<R> table) { return table.sigaction(this); }
        @Override public String toString() {
            return "sigaction(" + Signals.name(sig) + ", " + (ignore ? "SIG_IGN" : "SIG_DFL") + (noCldWait ? "|SA_NOCLDWAIT" : "") + ")";
        }
    }
}
