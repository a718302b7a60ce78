package nscheck.spec.call;

/**
 * The calls an actor can make, as values. Arguments are what user space passes: PIDs are numbers
 * in the caller's active PID namespace, never kernel identities. {@link #family()} names the call
 * for coverage reports and model menus.
 */
public sealed interface Syscall {
    /** Hands the call to {@code table}'s entry for its type: the one place a call type is told apart. */
    <R> R accept(SyscallTable<R> table);

    /** The call's family: the name model files and coverage reports use for it ({@link CallFamily}). */
    default String family() {
        return accept(CallFamily.NAMES);
    }
    /** The kernel's own steps carry nothing: one value each (see Semantics.step). */
    FutexReturn FUTEX_RETURN = new FutexReturn();
    SignalDelivery SIGNAL_DELIVERY = new SignalDelivery();

    /** clone(2) with the given flags (CLONE_NEWPID, CLONE_PARENT); the caller sees the child's PID. */
    record Clone(int flags) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.clone(this); }
        @Override public String toString() { return "clone(" + CloneFlags.describe(flags) + ")"; }
    }
    /** unshare(2): with CLONE_NEWPID only later children enter the new namespace (P12). */
    record Unshare(int flags) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.unshare(this); }
        @Override public String toString() { return "unshare(" + CloneFlags.describe(flags) + ")"; }
    }
    /** setns(pidfd_open(pid), CLONE_NEWPID): enter, for later children, the PID namespace of {@code pid} (P13). */
    record Setns(int pid) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.setns(this); }
        @Override public String toString() { return "setns(pidfd(" + pid + "), CLONE_NEWPID)"; }
    }
    /** _exit(2). */
    record Exit(int status) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.exit(this); }
        @Override public String toString() { return "exit(" + status + ")"; }
    }
    /** waitpid(pid, &status, 0): pid -1 for any child; blocks while no matching child is a zombie. */
    record Wait(int pid) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.waitpid(this); }
        @Override public String toString() { return "waitpid(" + pid + ")"; }
    }
    /** getpid(2): the caller's TGID in its active namespace. */
    record GetPid() implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.getpid(this); }
        @Override public String toString() { return "getpid()"; }
    }
    /** getppid(2): the parent's TGID in the caller's active namespace (P8). */
    record GetPpid() implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.getppid(this); }
        @Override public String toString() { return "getppid()"; }
    }
    /** kill(2): pid > 0 one process, -1 every process the caller may signal (P11), 0 the caller's process group, below -1 the group -pid. */
    record Kill(int pid, int sig) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.kill(this); }
        @Override public String toString() { return "kill(" + pid + ", " + Signals.name(sig) + ")"; }
    }
    /** Read /proc/sys/kernel/ns_last_pid of the caller's active namespace (P4). */
    record ReadNsLastPid() implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.readNsLastPid(this); }
        @Override public String toString() { return "read(ns_last_pid)"; }
    }
    /** Write /proc/sys/kernel/ns_last_pid: the next allocation in the caller's namespace searches from value+1 (P4). */
    record WriteNsLastPid(int value) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.writeNsLastPid(this); }
        @Override public String toString() { return "write(ns_last_pid, " + value + ")"; }
    }
    /** prctl(PR_SET_CHILD_SUBREAPER, 1) (P7). */
    record SetChildSubreaper() implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.setChildSubreaper(this); }
        @Override public String toString() { return "prctl(PR_SET_CHILD_SUBREAPER, 1)"; }
    }
    /** Not a call: the kernel acting on a pending fatal signal when the task next returns to user
     * space (get_signal -> do_group_exit). Delivery is a step of its own because a kill(2) and the
     * death it causes are not atomic: other tasks run in between and can observe the gap. */
    record SignalDelivery() implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.signalDelivery(this); }
        @Override public String toString() { return "<fatal signal delivered>"; }
    }
    // ---- signals with siginfo (kernel/signal.c, P10) ----

    /** sigprocmask(SIG_BLOCK, {SIGUSR1, SIGCHLD}): they queue for sigwaitinfo instead of acting; inherited by children. */
    record SigBlock() implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.sigBlock(this); }
        @Override public String toString() { return "sigprocmask(SIG_BLOCK, {SIGUSR1,SIGCHLD})"; }
    }
    /** sigqueue(pid, SIGUSR1, value) as glibc makes it: rt_sigqueueinfo with si_code SI_QUEUE and si_pid = getpid(). */
    record Sigqueue(int pid) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.sigqueue(this); }
        @Override public String toString() { return "sigqueue(" + pid + ", SIGUSR1)"; }
    }
    /** tgkill(tgid, tid, SIGUSR1): one thread, named by its TID and checked against its TGID, both in the caller's namespace. */
    record Tgkill(int tgid, int tid) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.tgkill(this); }
        @Override public String toString() { return "tgkill(" + tgid + ", " + tid + ", SIGUSR1)"; }
    }
    /** sigwaitinfo({SIGUSR1, SIGCHLD}, &info): returns info.si_pid (or si_uid); blocks while nothing is queued. */
    record Sigwaitinfo(boolean uid) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.sigwaitinfo(this); }
        @Override public String toString() { return "sigwaitinfo() -> si_" + (uid ? "uid" : "pid"); }
    }

    // ---- SysV IPC in the caller's IPC namespace (ipc/msg.c, sem.c, shm.c; I1-I9) ----

    /** msgget(KEY, IPC_CREAT): the namespace's one queue, created on first use; returns its id 0. */
    record Msgget() implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.msgget(this); }
        @Override public String toString() { return "msgget(KEY, IPC_CREAT)"; }
    }
    /** msgsnd(0, msg, IPC_NOWAIT): EAGAIN when full; records msg_lspid. */
    record Msgsnd() implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.msgsnd(this); }
        @Override public String toString() { return "msgsnd(0, IPC_NOWAIT)"; }
    }
    /** msgrcv(0, IPC_NOWAIT): ENOMSG when empty; records msg_lrpid. */
    record Msgrcv() implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.msgrcv(this); }
        @Override public String toString() { return "msgrcv(0, IPC_NOWAIT)"; }
    }
    /** msgctl(0, IPC_STAT): returns msg_lrpid if {@code receiver}, else msg_lspid, as the caller sees it (I1). */
    record MsgStat(boolean receiver) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.msgStat(this); }
        @Override public String toString() { return "msgctl(0, IPC_STAT) -> " + (receiver ? "msg_lrpid" : "msg_lspid"); }
    }
    /** semget(KEY, 1, IPC_CREAT): the namespace's one set, created on first use; returns its id 0. */
    record Semget() implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.semget(this); }
        @Override public String toString() { return "semget(KEY, 1, IPC_CREAT)"; }
    }
    /** semop(0, {0, op, SEM_UNDO}): blocks while the value would go below 0; records sempid and semadj (I2, I6). */
    record Semop(int op) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.semop(this); }
        @Override public String toString() { return "semop(0, {0, " + (op > 0 ? "+" : "") + op + ", SEM_UNDO})"; }
    }
    /** semctl(0, 0, GETPID): sempid as the caller sees it (I1). */
    record SemGetpid() implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.semGetpid(this); }
        @Override public String toString() { return "semctl(0, 0, GETPID)"; }
    }
    /** semctl(0, 0, GETVAL). */
    record SemGetval() implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.semGetval(this); }
        @Override public String toString() { return "semctl(0, 0, GETVAL)"; }
    }
    /** semctl(0, 0, IPC_RMID): the set goes, and every undo entry for it (I6). */
    record SemRmid() implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.semRmid(this); }
        @Override public String toString() { return "semctl(0, 0, IPC_RMID)"; }
    }
    /** shmget(KEY, size, IPC_CREAT): the namespace's one segment, created on first use (records shm_cpid). */
    record Shmget() implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.shmget(this); }
        @Override public String toString() { return "shmget(KEY, 4096, IPC_CREAT)"; }
    }
    /** shmat then shmdt of segment 0: both record shm_lpid (I2). */
    record ShmAttach() implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.shmAttach(this); }
        @Override public String toString() { return "shmdt(shmat(0))"; }
    }
    /** shmctl(0, IPC_STAT): shm_lpid if {@code last}, else shm_cpid, as the caller sees it (I1). */
    record ShmStat(boolean last) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.shmStat(this); }
        @Override public String toString() { return "shmctl(0, IPC_STAT) -> " + (last ? "shm_lpid" : "shm_cpid"); }
    }

    // ---- Unix socket credentials (net/unix/af_unix.c, net/core/scm.c; C1-C5): socketpair is SocketCall's ----

    /** sendmsg(fd, one byte) without SCM_CREDENTIALS; the receiver has SO_PASSCRED, so the kernel attaches the sender's (C2). */
    record Send(int fd) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.send(this); }
        @Override public String toString() { return "sendmsg(" + fd + ")"; }
    }
    /** sendmsg(fd, one byte) with SCM_CREDENTIALS {pid, uid, gid = the sender's own gid} (C1). */
    record SendCreds(int fd, int pid, int uid) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.sendCreds(this); }
        @Override public String toString() { return "sendmsg(" + fd + ", SCM_CREDENTIALS{pid=" + pid + ", uid=" + uid + ", gid=getgid()})"; }
    }
    /** recvmsg(fd, one byte, MSG_DONTWAIT): the ucred's pid (or uid) as the receiver sees it (C3); -1 at end of file. */
    record RecvCreds(int fd, boolean uid) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.recvCreds(this); }
        @Override public String toString() { return "recvmsg(" + fd + ") -> ucred." + (uid ? "uid" : "pid"); }
    }
    /** getsockopt(fd, SOL_SOCKET, SO_PEERCRED): the peer's pid (or uid) as the caller sees it (C4). */
    record PeerCredQuery(int fd, boolean uid) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.peerCredQuery(this); }
        @Override public String toString() { return "getsockopt(" + fd + ", SO_PEERCRED) -> " + (uid ? "uid" : "pid"); }
    }

    // ---- user namespaces (kernel/user_namespace.c, kernel/cred.c, kernel/ucount.c; U3-U5) ----

    /** Write "0 euid 1" to /proc/self/uid_map and gid_map of the caller's own user namespace. */
    record WriteIdMaps() implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.writeIdMaps(this); }
        @Override public String toString() { return "write(/proc/self/uid_map, \"0 <euid> 1\")"; }
    }
    /** setuid(uid), uid as the caller's user namespace writes it. */
    record Setuid(int uid) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.setuid(this); }
        @Override public String toString() { return "setuid(" + uid + ")"; }
    }

    // ---- threads and futexes (docs/semantics.md, futexes) ----

    /** gettid(2): the calling thread's own number in its active namespace. */
    record GetTid() implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.gettid(this); }
        @Override public String toString() { return "gettid()"; }
    }
    /** futex(&words[word], FUTEX_WAIT, expected): sleep while the word holds {@code expected} (F1). */
    record FutexWait(int word, int expected) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.futexWait(this); }
        @Override public String toString() { return "futex(w" + word + ", FUTEX_WAIT, " + expected + ")"; }
    }
    /** futex(&words[word], FUTEX_WAKE, count) (F2). */
    record FutexWake(int word, int count) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.futexWake(this); }
        @Override public String toString() { return "futex(w" + word + ", FUTEX_WAKE, " + count + ")"; }
    }
    /** futex(&words[word], FUTEX_LOCK_PI) (F3). */
    record FutexLockPi(int word) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.futexLockPi(this); }
        @Override public String toString() { return "futex(w" + word + ", FUTEX_LOCK_PI)"; }
    }
    /** futex(&words[word], FUTEX_TRYLOCK_PI) (F3, never sleeps). */
    record FutexTrylockPi(int word) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.futexTrylockPi(this); }
        @Override public String toString() { return "futex(w" + word + ", FUTEX_TRYLOCK_PI)"; }
    }
    /** futex(&words[word], FUTEX_UNLOCK_PI) (F4). */
    record FutexUnlockPi(int word) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.futexUnlockPi(this); }
        @Override public String toString() { return "futex(w" + word + ", FUTEX_UNLOCK_PI)"; }
    }
    /** Not a call: a task the kernel has woken (FUTEX_WAKE, a PI hand-off, an owner's death) runs
     * again and returns from the futex call it slept in. Separate from the wake-up because the
     * waker and the woken do not run atomically: other tasks run in between. */
    record FutexReturn() implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.futexReturn(this); }
        @Override public String toString() { return "<futex call returns>"; }
    }
    /** clone3 with set_tid (S1-S3): {@code setTid.get(0)} is the innermost level, later entries go
     * outward. Whether the caller may choose is not an argument: alloc_pid asks, level by level,
     * whether its credentials hold CAP_CHECKPOINT_RESTORE in the user namespace owning that level (K1). */
    record Clone3(int flags, java.util.List<Integer> setTid) implements Syscall {
        public Clone3 { setTid = java.util.List.copyOf(setTid); }

        public <R> R accept(SyscallTable<R> table) { return table.clone3(this); }
        @Override public String toString() {
            return "clone3(" + CloneFlags.describe(flags) + ", set_tid=" + setTid + ")";
        }
    }
    /** clone_with_pids (2009, not merged; H4): {@code pids.get(0)} is init_pid_ns, later entries go
     * inward, 0 allocates. Privilege from the caller's credentials, as for {@link Clone3}. */
    record CloneWithPids(int flags, java.util.List<Integer> pids) implements Syscall {
        public CloneWithPids { pids = java.util.List.copyOf(pids); }
        public <R> R accept(SyscallTable<R> table) { return table.cloneWithPids(this); }
        @Override public String toString() {
            return "clone_with_pids(" + CloneFlags.describe(flags) + ", pids=" + pids + ")";
        }
    }
    /** Call groups whose records live in files of their own: {@link AsyncIoCall} (fs/fcntl.c), {@link MqueueCall} (ipc/mqueue.c), {@link FdCalls} (pidfds, namespace files), {@link ProcCall} (fs/proc). */
    sealed interface AsyncIo extends Syscall permits AsyncIoCall.Setown, AsyncIoCall.SetownEx, AsyncIoCall.Getown, AsyncIoCall.Setsig, AsyncIoCall.PipeWrite, AsyncIoCall.SigwaitSigio {}
    sealed interface Mqueue extends Syscall permits MqueueCall.Open, MqueueCall.Send, MqueueCall.Receive, MqueueCall.Notify {}
    sealed interface FdCall extends Syscall permits FdCalls.PidfdOpen, FdCalls.PidfdSendSignal, FdCalls.WaitidPidfd, FdCalls.Close, FdCalls.NsOpen, FdCalls.SetnsFd, FdCalls.NsIoctl {}
    /** Sessions, process groups, wait status and dispositions: {@link ProcessCall} (kernel/sys.c, kernel/exit.c, kernel/signal.c). */
    sealed interface Process extends Syscall permits ProcessCall.Setpgid, ProcessCall.Setsid, ProcessCall.Getsid, ProcessCall.Getpgid,
            ProcessCall.WaitStatus, ProcessCall.Waitid, ProcessCall.Sigaction {}
    sealed interface Proc extends Syscall permits ProcCall.MountProc, ProcCall.ReadlinkSelf, ProcCall.StatusNspid {} sealed interface Nsfs extends Syscall permits NsfsCall.OpenOther, NsfsCall.SameInode {}
    /** Job control: {@link JobCall}. */ sealed interface Job extends Syscall permits JobCall.WaitUntraced, JobCall.BlockJobSignals, JobCall.SigwaitJobSignals {}
    /** socketpair(2): {@link SocketCall} (net/unix/af_unix.c). */
    sealed interface Socket extends Syscall permits SocketCall.Socketpair {}
    /** Handlers and masks: {@link HandlerCall}. */ sealed interface Handler extends Syscall permits HandlerCall.SetHandler, HandlerCall.Sigprocmask, HandlerCall.Sigpending, HandlerCall.Handled {}
    /** execns (2006, not merged; H3): execve that also unshares the namespaces in {@code flags}. */
    record Execns(int flags) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.execns(this); }
        @Override public String toString() { return "execns(" + CloneFlags.describe(flags) + ")"; }
    }

    /** set_robust_list with the list user space built first: entries on {@code words}, list_op_pending on {@code pending} (-1: none), all PI if {@code pi} (F5). */
    record SetRobustList(java.util.List<Integer> words, int pending, boolean pi) implements Syscall {
        public SetRobustList { words = java.util.List.copyOf(words); }
        public <R> R accept(SyscallTable<R> table) { return table.setRobustList(this); }
        @Override public String toString() { return "set_robust_list({" + String.join(" ", words.stream().map(w -> "w" + w).toList()) + (pending < 0 ? "" : (words.isEmpty() ? "" : "; ") + "pending w" + pending) + "}" + (pi ? ", pi" : "") + ")"; }
    }
    /** rt_sigqueueinfo(pid, SIGUSR1, &info) with a siginfo the caller made: si_code {@code code} ({@link SiCode}), si_pid {@code siPid}, si_uid {@code siUid} (P10b). */
    record RtSigqueueinfo(int pid, int code, int siPid, int siUid) implements Syscall {
        public <R> R accept(SyscallTable<R> table) { return table.rtSigqueueinfo(this); }
        @Override public String toString() { return "rt_sigqueueinfo(" + pid + ", SIGUSR1, {" + SiCode.name(code) + ", pid=" + siPid + ", uid=" + siUid + "})"; }
    }
}
