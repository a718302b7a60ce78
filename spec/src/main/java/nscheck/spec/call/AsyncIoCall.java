package nscheck.spec.call;

/**
 * Async I/O owners (fs/fcntl.c) on the model's one pipe, and the SIGIO its writes raise. The pipe
 * exists from boot, both ends open in every task (inherited, as by a scenario's first process),
 * its read end {@link #PIPE_READ_FD} with O_ASYNC set (fasync_helper records that fd number:
 * si_fd). One open file, so one {@code f_owner} every task shares (fcntl acts on the open file
 * description, not on a task's fd table). A1-A5 in docs/semantics.md.
 */
public final class AsyncIoCall {
    private AsyncIoCall() {}

    /** The read end's descriptor number in every task: the probe dup2s the pipe there. */
    public static final int PIPE_READ_FD = 200;

    /** F_OWNER_TID, F_OWNER_PID, F_OWNER_PGRP (include/uapi/linux/fcntl.h). */
    public static final int F_OWNER_TID = 0, F_OWNER_PID = 1, F_OWNER_PGRP = 2;

    /** si_code values a SIGIO carries (include/uapi/asm-generic/siginfo.h). */
    public static final int SI_KERNEL = 0x80, POLL_IN = 1;

    /** Which siginfo field {@link SigwaitSigio} returns. */
    public static final int SI_PID = 0, SI_CODE = 1, SI_FD = 2;

    /** fcntl(pipe, F_SETOWN, pid): pid above 0 a process, below 0 the process group -pid, 0 no owner (A1). */
    public record Setown(int pid) implements Syscall.AsyncIo {
        public <R> R accept(SyscallTable<R> table) { return table.fSetown(this); }
        @Override public String toString() { return "fcntl(pipe, F_SETOWN, " + pid + ")"; }
    }

    /** fcntl(pipe, F_SETOWN_EX, {type, pid}): F_OWNER_TID a thread, F_OWNER_PID a process, F_OWNER_PGRP a group (A1). */
    public record SetownEx(int type, int pid) implements Syscall.AsyncIo {
        public <R> R accept(SyscallTable<R> table) { return table.fSetownEx(this); }
        @Override public String toString() {
            String t = type == F_OWNER_TID ? "F_OWNER_TID" : type == F_OWNER_PID ? "F_OWNER_PID" : type == F_OWNER_PGRP ? "F_OWNER_PGRP" : String.valueOf(type);
            return "fcntl(pipe, F_SETOWN_EX, {" + t + ", " + pid + "})";
        }
    }

    /** fcntl(pipe, F_GETOWN): the owner as the caller's namespace numbers it, negative for a group, 0 when invisible or gone (A2). */
    public record Getown() implements Syscall.AsyncIo {
        public <R> R accept(SyscallTable<R> table) { return table.fGetown(this); }
        @Override public String toString() { return "fcntl(pipe, F_GETOWN)"; }
    }

    /** fcntl(pipe, F_SETSIG, sig): 0 plain SIGIO (SI_KERNEL), else sig with si_code POLL_IN and si_fd (A4). */
    public record Setsig(int sig) implements Syscall.AsyncIo {
        public <R> R accept(SyscallTable<R> table) { return table.fSetsig(this); }
        @Override public String toString() { return "fcntl(pipe, F_SETSIG, " + Signals.name(sig) + ")"; }
    }

    /** write(pipe, "x", 1): pipe_write's kill_fasync(POLL_IN) signals the owner (A3). */
    public record PipeWrite() implements Syscall.AsyncIo {
        public <R> R accept(SyscallTable<R> table) { return table.pipeWrite(this); }
        @Override public String toString() { return "write(pipe, 1)"; }
    }

    /** sigwaitinfo({SIGIO}, &info) after blocking it (sigblock): returns si_pid, si_code or si_fd; blocks while none is queued. */
    public record SigwaitSigio(int field) implements Syscall.AsyncIo {
        public <R> R accept(SyscallTable<R> table) { return table.sigwaitSigio(this); }
        @Override public String toString() {
            return "sigwaitinfo({SIGIO}) -> " + (field == SI_CODE ? "si_code" : field == SI_FD ? "si_fd" : "si_pid");
        }
    }
}
