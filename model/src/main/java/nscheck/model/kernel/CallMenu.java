package nscheck.model.kernel;

import nscheck.model.ModelException;
import nscheck.spec.call.AsyncIoCall;
import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.MqueueCall;
import nscheck.spec.call.ProcCall;
import nscheck.spec.call.Signals;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Syscall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns call family names from a model file into concrete calls. Arguments that are PIDs range
 * over every number a namespace can hand out (1 .. pid_max-1) and -1 where the call accepts it,
 * so the search tries stale, foreign and unused numbers as well as valid ones.
 */
public final class CallMenu {
    private CallMenu() {}

    /**
     * The call types no model file names, each with the reason: the one place that says so.
     * Every other call type has a family in {@link #FAMILIES} (CallCoverageTest checks both).
     */
    public static final Map<Class<? extends Syscall>, String> NOT_IN_MENUS = notInMenus();

    private static Map<Class<? extends Syscall>, String> notInMenus() {
        String protocol = "made by the futex-mutex protocols (model/futex), which run their own steps";
        Map<Class<? extends Syscall>, String> m = new LinkedHashMap<>();
        m.put(Syscall.SignalDelivery.class, "the kernel's own step: every model offers it to a task with a fatal signal pending");
        m.put(Syscall.FutexReturn.class, "the kernel's own step: a woken futex waiter returns (" + protocol + ")");
        m.put(Syscall.CloneWithPids.class, "made by the restore model's PID-choosing step under clone-with-pids-2009");
        return m;
    }

    /** Every family a model may name, with what it expands to. */
    public static final Map<String, String> FAMILIES = families();

    private static Map<String, String> families() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("clone", "clone(0)");
        m.put("clone-newpid", "clone(CLONE_NEWPID)");
        m.put("clone-parent", "clone(CLONE_PARENT)");
        m.put("unshare-newpid", "unshare(CLONE_NEWPID)");
        m.put("setns", "setns(pidfd(pid), CLONE_NEWPID) for every pid");
        m.put("exit", "exit(0)");
        m.put("wait", "waitpid(-1)");
        m.put("waitpid", "waitpid(pid) for every pid");
        m.put("getpid", "getpid()");
        m.put("getppid", "getppid()");
        m.put("kill", "kill(pid, SIGKILL) for pid -1 and every pid");
        m.put("kill-term", "kill(pid, SIGTERM) for pid -1 and every pid");
        m.put("kill-probe", "kill(pid, 0) for every pid");
        m.put("ns-last-pid-read", "read /proc/sys/kernel/ns_last_pid");
        m.put("ns-last-pid-write", "write 0..pid_max to /proc/sys/kernel/ns_last_pid");
        m.put("subreaper", "prctl(PR_SET_CHILD_SUBREAPER, 1)");
        // signals with siginfo, SysV IPC, Unix socket credentials, user namespaces (issue 4)
        m.put("kill-usr1", "kill(pid, SIGUSR1) for pid -1 and every pid");
        m.put("sigqueue", "sigqueue(pid, SIGUSR1) for every pid");
        m.put("tgkill", "tgkill(tid, tid, SIGUSR1) for every tid, and tgkill(1, tid, SIGUSR1) for a TGID that does not match");
        m.put("kill-pgrp", "kill(0, SIGUSR1) and kill(-pgid, SIGUSR1) for every pgid");
        m.put("setpgid", "setpgid(0, 0)");
        m.put("sigblock", "sigprocmask(SIG_BLOCK, {SIGUSR1, SIGCHLD})");
        m.put("sigwaitinfo", "sigwaitinfo() returning si_pid");
        m.put("sigwaitinfo-uid", "sigwaitinfo() returning si_uid");
        m.put("clone-sysvsem", "clone(CLONE_SYSVSEM)");
        m.put("clone-newipc", "clone(CLONE_NEWIPC)");
        m.put("clone-newipc-sysvsem", "clone(CLONE_NEWIPC|CLONE_SYSVSEM)");
        m.put("unshare-newipc", "unshare(CLONE_NEWIPC)");
        m.put("unshare-sysvsem", "unshare(CLONE_SYSVSEM)");
        m.put("unshare-newuser", "unshare(CLONE_NEWUSER)");
        m.put("msgget", "msgget(KEY, IPC_CREAT)");
        m.put("msgsnd", "msgsnd(0, IPC_NOWAIT)");
        m.put("msgrcv", "msgrcv(0, IPC_NOWAIT)");
        m.put("msg-stat", "msgctl(0, IPC_STAT) reading msg_lspid and msg_lrpid");
        m.put("semget", "semget(KEY, 1, IPC_CREAT)");
        m.put("semop", "semop(0, {0, +1 and -1, SEM_UNDO})");
        m.put("sem-getpid", "semctl(0, 0, GETPID)");
        m.put("sem-getval", "semctl(0, 0, GETVAL)");
        m.put("sem-rmid", "semctl(0, 0, IPC_RMID)");
        m.put("shmget", "shmget(KEY, 4096, IPC_CREAT)");
        m.put("shmat", "shmdt(shmat(0))");
        m.put("shm-stat", "shmctl(0, IPC_STAT) reading shm_cpid and shm_lpid");
        SocketCallMenu.describe(m);
        m.put("uid-map", "write \"0 <euid> 1\" to the caller's uid_map and gid_map");
        m.put("setuid", "setuid(0) and setuid(1000)");
        // every other call the spec implements (issue 12)
        m.put("clone-thread", "clone(CLONE_THREAD): a thread of the caller's process");
        m.put("clone3-set-tid", "clone3(flags 0 and CLONE_NEWPID, set_tid) for every set_tid of 1 to 3 PIDs in 1..pid_max (innermost first; pid_max itself is EINVAL); privilege from the caller's credentials (K1)");
        m.put("gettid", "gettid()");
        m.put("futex-wait", "futex(w0, FUTEX_WAIT, val) for every val in 0..pid_max-1 (a free word, or a TID)");
        m.put("futex-wake", "futex(w0, FUTEX_WAKE, 1)");
        m.put("futex-lock-pi", "futex(w0, FUTEX_LOCK_PI)");
        m.put("futex-trylock-pi", "futex(w0, FUTEX_TRYLOCK_PI)");
        m.put("futex-unlock-pi", "futex(w0, FUTEX_UNLOCK_PI)");
        // credentials and capabilities (issue 13, K1)
        m.put("clone-newuser-newpid", "clone(CLONE_NEWUSER|CLONE_NEWPID)");
        m.put("unshare-newuser-newpid", "unshare(CLONE_NEWUSER|CLONE_NEWPID)");
        // sessions, process groups and wait status (issue 19)
        m.put("exit-status", "exit(3)");
        m.put("setpgid-any", "setpgid(pid, pgid) for every pid and pgid in 0..pid_max-1 but (0, 0)");
        m.put("setsid", "setsid()");
        m.put("getsid", "getsid(pid) for every pid in 0..pid_max-1");
        m.put("getpgid", "getpgid(pid) for every pid in 0..pid_max-1");
        m.put("wait-status", "waitpid(-1) reading the status word");
        m.put("waitpid-status", "waitpid(pid) reading the status word, for every pid");
        m.put("waitpid-pgrp", "waitpid(0) and waitpid(-pgid) for every pgid, reading the status word");
        m.put("waitid", "waitid(P_ALL) reading si_pid, si_code and si_status, and waitid(P_PGID, 0) reading si_pid");
        m.put("sigaction", "sigaction(SIGCHLD, SIG_IGN), sigaction(SIGCHLD, SIG_DFL), sigaction(SIGCHLD, SIG_DFL with SA_NOCLDWAIT), sigaction(SIGUSR1, SIG_IGN), sigaction(SIGUSR1, SIG_DFL), sigaction(SIGKILL, SIG_IGN)");
        m.put("execns", "execns(CLONE_NEWPID), execns(CLONE_NEWIPC), execns(CLONE_NEWUSER) (the 2006 proposal; ENOSYS in mainline)");
        // async I/O owners on the model's pipe (issue 19 item 5; A1-A5)
        m.put("f-setown", "fcntl(pipe, F_SETOWN, pid) for pid 0 and every pid");
        m.put("f-setown-pgrp", "fcntl(pipe, F_SETOWN, -pgid) for every pgid");
        m.put("f-setown-ex", "fcntl(pipe, F_SETOWN_EX, {F_OWNER_TID, F_OWNER_PID, F_OWNER_PGRP, pid}) for every pid");
        m.put("f-getown", "fcntl(pipe, F_GETOWN)");
        m.put("f-setsig", "fcntl(pipe, F_SETSIG, sig) for 0, SIGIO and 65 (EINVAL)");
        m.put("pipe-write", "write(pipe, 1): SIGIO to the pipe's owner");
        m.put("sigwaitinfo-sigio", "sigwaitinfo({SIGIO}) returning si_pid, si_code and si_fd");
        // POSIX message queues in the caller's IPC namespace (issue 19 item 4; Q1-Q3)
        m.put("mq-open", "mq_open(\"/nsq\", O_CREAT|O_RDWR|O_NONBLOCK, 0666)");
        m.put("mq-send", "mq_send on the caller's IPC namespace's queue");
        m.put("mq-receive", "mq_receive on it");
        m.put("mq-notify", "mq_notify with {SIGEV_SIGNAL, SIGUSR1}, and mq_notify(NULL)");
        // job control (J1-J5): only the job-control models use these, so no other model's counts move
        m.put("kill-stop", "kill(pid, SIGSTOP) for every pid, kill(0, SIGSTOP) and kill(-pgid, SIGSTOP) for every pgid");
        m.put("kill-cont", "kill(pid, SIGCONT) for every pid (to a group it would meet P10's inner-number si_pid of a container init, which signals-pgrp covers)");
        m.put("sigblock-job", "sigprocmask(SIG_BLOCK, {SIGHUP, SIGCONT})");
        m.put("sigwaitinfo-job", "sigwaitinfo({SIGHUP, SIGCONT}) returning si_pid");
        m.put("wait-untraced", "waitpid(-1, &status, WUNTRACED|WCONTINUED) returning the PID, and returning the status word");
        FdCallMenu.describe(m);
        HandlerCallMenu.describe(m);
        m.put("rt-sigqueueinfo", "rt_sigqueueinfo(pid, SIGUSR1, info) for every pid with a caller-made siginfo claiming si_pid 1: SI_QUEUE with si_uid 0 and 1000, SI_USER and SI_TKILL (EPERM but to oneself) (P10b)");
        // robust futex lists (F5)
        m.put("set-robust-list", "set_robust_list with w0 as the list's one entry or as list_op_pending, PI or not (exit_robust_list reads it at exit)");
        // /proc views (issue 19 item 6; V1-V4)
        m.put("mount-proc", "unshare(CLONE_NEWNS), then mount proc: the caller's /proc shows its active PID namespace");
        m.put("proc-self", "readlink /proc/self and /proc/thread-self");
        m.put("proc-nspid", "the NSpid line of /proc/pid/status for every pid: its first, second and third number");
        return m;
    }

    public static List<Syscall> expand(List<String> families, int pidMax) {
        List<Syscall> out = new ArrayList<>();
        for (String f : families) {
            switch (f) {
                case "clone" -> out.add(new Syscall.Clone(0));
                case "clone-newpid" -> out.add(new Syscall.Clone(CloneFlags.CLONE_NEWPID));
                case "clone-parent" -> out.add(new Syscall.Clone(CloneFlags.CLONE_PARENT));
                case "unshare-newpid" -> out.add(new Syscall.Unshare(CloneFlags.CLONE_NEWPID));
                case "setns" -> { for (int p = 1; p < pidMax; p++) out.add(new Syscall.Setns(p)); }
                case "exit" -> out.add(new Syscall.Exit(0));
                case "wait" -> out.add(new Syscall.Wait(-1));
                case "waitpid" -> { for (int p = 1; p < pidMax; p++) out.add(new Syscall.Wait(p)); }
                case "getpid" -> out.add(new Syscall.GetPid());
                case "getppid" -> out.add(new Syscall.GetPpid());
                case "kill" -> addKills(out, Signals.SIGKILL, pidMax, true);
                case "kill-term" -> addKills(out, Signals.SIGTERM, pidMax, true);
                case "kill-probe" -> addKills(out, 0, pidMax, false);
                case "ns-last-pid-read" -> out.add(new Syscall.ReadNsLastPid());
                case "ns-last-pid-write" -> { for (int v = 0; v <= pidMax; v++) out.add(new Syscall.WriteNsLastPid(v)); }
                case "subreaper" -> out.add(new Syscall.SetChildSubreaper());
                case "kill-usr1" -> addKills(out, Signals.SIGUSR1, pidMax, true);
                case "sigqueue" -> { for (int p = 1; p < pidMax; p++) out.add(new Syscall.Sigqueue(p)); }
                case "tgkill" -> {
                    for (int p = 1; p < pidMax; p++) out.add(new Syscall.Tgkill(p, p));
                    for (int p = 2; p < pidMax; p++) out.add(new Syscall.Tgkill(1, p));
                }
                case "kill-pgrp" -> { out.add(new Syscall.Kill(0, Signals.SIGUSR1)); for (int p = 2; p < pidMax; p++) out.add(new Syscall.Kill(-p, Signals.SIGUSR1)); }
                case "setpgid" -> out.add(new ProcessCall.Setpgid());
                case "sigblock" -> out.add(new Syscall.SigBlock());
                case "sigwaitinfo" -> out.add(new Syscall.Sigwaitinfo(false));
                case "sigwaitinfo-uid" -> out.add(new Syscall.Sigwaitinfo(true));
                case "clone-sysvsem" -> out.add(new Syscall.Clone(CloneFlags.CLONE_SYSVSEM));
                case "clone-newipc" -> out.add(new Syscall.Clone(CloneFlags.CLONE_NEWIPC));
                case "clone-newipc-sysvsem" -> out.add(new Syscall.Clone(CloneFlags.CLONE_NEWIPC | CloneFlags.CLONE_SYSVSEM));
                case "unshare-newipc" -> out.add(new Syscall.Unshare(CloneFlags.CLONE_NEWIPC));
                case "unshare-sysvsem" -> out.add(new Syscall.Unshare(CloneFlags.CLONE_SYSVSEM));
                case "unshare-newuser" -> out.add(new Syscall.Unshare(CloneFlags.CLONE_NEWUSER));
                case "msgget" -> out.add(new Syscall.Msgget());
                case "msgsnd" -> out.add(new Syscall.Msgsnd());
                case "msgrcv" -> out.add(new Syscall.Msgrcv());
                case "msg-stat" -> { out.add(new Syscall.MsgStat(false)); out.add(new Syscall.MsgStat(true)); }
                case "semget" -> out.add(new Syscall.Semget());
                case "semop" -> { out.add(new Syscall.Semop(1)); out.add(new Syscall.Semop(-1)); }
                case "sem-getpid" -> out.add(new Syscall.SemGetpid());
                case "sem-getval" -> out.add(new Syscall.SemGetval());
                case "sem-rmid" -> out.add(new Syscall.SemRmid());
                case "shmget" -> out.add(new Syscall.Shmget());
                case "shmat" -> out.add(new Syscall.ShmAttach());
                case "shm-stat" -> { out.add(new Syscall.ShmStat(false)); out.add(new Syscall.ShmStat(true)); }
                case "uid-map" -> out.add(new Syscall.WriteIdMaps());
                case "setuid" -> { out.add(new Syscall.Setuid(0)); out.add(new Syscall.Setuid(1000)); }
                case "clone-thread" -> out.add(new Syscall.Clone(CloneFlags.CLONE_THREAD));
                case "clone3-set-tid" -> {
                    for (int flags : new int[] {0, CloneFlags.CLONE_NEWPID})
                        for (List<Integer> tids : setTids(pidMax, 3)) out.add(new Syscall.Clone3(flags, tids));
                }
                case "gettid" -> out.add(new Syscall.GetTid());
                case "futex-wait" -> { for (int v = 0; v < pidMax; v++) out.add(new Syscall.FutexWait(0, v)); }
                case "futex-wake" -> out.add(new Syscall.FutexWake(0, 1));
                case "futex-lock-pi" -> out.add(new Syscall.FutexLockPi(0));
                case "futex-trylock-pi" -> out.add(new Syscall.FutexTrylockPi(0));
                case "futex-unlock-pi" -> out.add(new Syscall.FutexUnlockPi(0));
                case "clone-newuser-newpid" -> out.add(new Syscall.Clone(CloneFlags.CLONE_NEWUSER | CloneFlags.CLONE_NEWPID));
                case "unshare-newuser-newpid" -> out.add(new Syscall.Unshare(CloneFlags.CLONE_NEWUSER | CloneFlags.CLONE_NEWPID));
                case "exit-status" -> out.add(new Syscall.Exit(3));
                case "setpgid-any" -> {
                    for (int p = 0; p < pidMax; p++)
                        for (int g = 0; g < pidMax; g++) if (p != 0 || g != 0) out.add(new ProcessCall.Setpgid(p, g));
                }
                case "setsid" -> out.add(new ProcessCall.Setsid());
                case "getsid" -> { for (int p = 0; p < pidMax; p++) out.add(new ProcessCall.Getsid(p)); }
                case "getpgid" -> { for (int p = 0; p < pidMax; p++) out.add(new ProcessCall.Getpgid(p)); }
                case "wait-status" -> out.add(new ProcessCall.WaitStatus(-1));
                case "waitpid-status" -> { for (int p = 1; p < pidMax; p++) out.add(new ProcessCall.WaitStatus(p)); }
                case "waitpid-pgrp" -> { out.add(new ProcessCall.WaitStatus(0)); for (int p = 2; p < pidMax; p++) out.add(new ProcessCall.WaitStatus(-p)); }
                case "waitid" -> {
                    for (ProcessCall.Waitid.Field field : ProcessCall.Waitid.Field.values()) out.add(new ProcessCall.Waitid(ProcessCall.Waitid.P_ALL, 0, field));
                    out.add(new ProcessCall.Waitid(ProcessCall.Waitid.P_PGID, 0, ProcessCall.Waitid.Field.SI_PID));
                }
                case "sigaction" -> out.addAll(List.of(new ProcessCall.Sigaction(Signals.SIGCHLD, true, false), new ProcessCall.Sigaction(Signals.SIGCHLD, false, false),
                        new ProcessCall.Sigaction(Signals.SIGCHLD, false, true), new ProcessCall.Sigaction(Signals.SIGUSR1, true, false),
                        new ProcessCall.Sigaction(Signals.SIGUSR1, false, false), new ProcessCall.Sigaction(Signals.SIGKILL, true, false)));
                case "execns" -> {
                    for (int flag : new int[] {CloneFlags.CLONE_NEWPID, CloneFlags.CLONE_NEWIPC, CloneFlags.CLONE_NEWUSER}) out.add(new Syscall.Execns(flag));
                }
                case "f-setown" -> { for (int p = 0; p < pidMax; p++) out.add(new AsyncIoCall.Setown(p)); }
                case "f-setown-pgrp" -> { for (int p = 1; p < pidMax; p++) out.add(new AsyncIoCall.Setown(-p)); }
                case "f-setown-ex" -> {
                    for (int t : new int[] {AsyncIoCall.F_OWNER_TID, AsyncIoCall.F_OWNER_PID, AsyncIoCall.F_OWNER_PGRP})
                        for (int p = 1; p < pidMax; p++) out.add(new AsyncIoCall.SetownEx(t, p));
                }
                case "f-getown" -> out.add(new AsyncIoCall.Getown());
                case "f-setsig" -> { for (int sig : new int[] {0, Signals.SIGIO, 65}) out.add(new AsyncIoCall.Setsig(sig)); }
                case "pipe-write" -> out.add(new AsyncIoCall.PipeWrite());
                case "sigwaitinfo-sigio" -> {
                    for (int field : new int[] {AsyncIoCall.SI_PID, AsyncIoCall.SI_CODE, AsyncIoCall.SI_FD}) out.add(new AsyncIoCall.SigwaitSigio(field));
                }
                case "mq-open" -> out.add(new MqueueCall.Open());
                case "mq-send" -> out.add(new MqueueCall.Send());
                case "mq-receive" -> out.add(new MqueueCall.Receive());
                case "mq-notify" -> { out.add(new MqueueCall.Notify(true)); out.add(new MqueueCall.Notify(false)); }
                case "rt-sigqueueinfo" -> {
                    for (int p = 1; p < pidMax; p++) {
                        out.add(new Syscall.RtSigqueueinfo(p, nscheck.spec.call.SiCode.SI_QUEUE, 1, 0));
                        out.add(new Syscall.RtSigqueueinfo(p, nscheck.spec.call.SiCode.SI_QUEUE, 1, 1000));
                        out.add(new Syscall.RtSigqueueinfo(p, nscheck.spec.call.SiCode.SI_USER, 1, 0));
                        out.add(new Syscall.RtSigqueueinfo(p, nscheck.spec.call.SiCode.SI_TKILL, 1, 0));
                    }
                }
                case "set-robust-list" -> {
                    for (boolean pi : new boolean[] {false, true}) {
                        out.add(new Syscall.SetRobustList(List.of(0), -1, pi));
                        out.add(new Syscall.SetRobustList(List.of(), 0, pi));
                    }
                }
                case "kill-stop" -> {
                    addKills(out, Signals.SIGSTOP, pidMax, false);
                    out.add(new Syscall.Kill(0, Signals.SIGSTOP));
                    for (int p = 2; p < pidMax; p++) out.add(new Syscall.Kill(-p, Signals.SIGSTOP));
                }
                case "kill-cont" -> addKills(out, Signals.SIGCONT, pidMax, false);
                case "sigblock-job" -> out.add(new nscheck.spec.call.JobCall.BlockJobSignals());
                case "sigwaitinfo-job" -> out.add(new nscheck.spec.call.JobCall.SigwaitJobSignals());
                case "wait-untraced" -> { out.add(new nscheck.spec.call.JobCall.WaitUntraced(-1, false)); out.add(new nscheck.spec.call.JobCall.WaitUntraced(-1, true)); }
                case "mount-proc" -> out.add(new ProcCall.MountProc());
                case "proc-self" -> { out.add(new ProcCall.ReadlinkSelf(false)); out.add(new ProcCall.ReadlinkSelf(true)); }
                case "proc-nspid" -> {
                    for (int p = 1; p < pidMax; p++) for (int e = 0; e <= ProcCall.MAX_ENTRY; e++) out.add(new ProcCall.StatusNspid(p, e));
                }
                default -> {
                    if (!FdCallMenu.expand(f, pidMax, out) && !SocketCallMenu.expand(f, pidMax, out) && !HandlerCallMenu.expand(f, pidMax, out)) throw new ModelException("unknown call family '" + f + "' (known: "
                            + String.join(", ", FAMILIES.keySet()) + ")");
                }
            }
        }
        return List.copyOf(out);
    }

    /** Every set_tid array of 1..maxLength PIDs in 1..pidMax. */
    private static List<List<Integer>> setTids(int pidMax, int maxLength) {
        List<List<Integer>> out = new ArrayList<>();
        List<List<Integer>> level = List.of(List.of());
        for (int len = 1; len <= maxLength; len++) {
            List<List<Integer>> next = new ArrayList<>();
            for (List<Integer> prefix : level)
                for (int p = 1; p <= pidMax; p++) {
                    List<Integer> t = new ArrayList<>(prefix);
                    t.add(p);
                    next.add(List.copyOf(t));
                }
            out.addAll(next);
            level = next;
        }
        return out;
    }

    /** The families whose calls read a dead child's exit status: a model without them forgets it (Semantics.exitStatus). */
    public static final List<String> STATUS_READERS = List.of("wait-status", "waitpid-status", "waitpid-pgrp", "waitid", "wait-untraced");

    /** Whether a call works on the model's shared futex word. */
    public static boolean isFutex(Syscall c) {
        return nscheck.spec.call.FutexWordOperand.of(c) >= 0;
    }

    private static void addKills(List<Syscall> out, int sig, int pidMax, boolean all) {
        if (all) out.add(new Syscall.Kill(-1, sig));
        for (int p = 1; p < pidMax; p++) out.add(new Syscall.Kill(p, sig));
    }
}
