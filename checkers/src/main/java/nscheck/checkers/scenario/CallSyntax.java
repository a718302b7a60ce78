package nscheck.checkers.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import nscheck.spec.call.AsyncIoCall;
import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.MqueueCall;
import nscheck.spec.call.ProcCall;
import nscheck.spec.call.JobCall;
import nscheck.spec.call.Signals;
import nscheck.spec.call.PartialSyscallTable;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Syscall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every call of the spec as a scenario file writes it: the call's name and its arguments in the
 * kernel's words ({@code "flags": ["CLONE_NEWPID"]}, {@code "sig": "SIGUSR1"}, {@code "set_tid":
 * [1, 20003]}), read into a {@link Syscall} and written back from one. A call whose spec record
 * carries a choice the kernel makes by which field user space reads (sigwaitinfo's si_pid or
 * si_uid) takes it as a {@code read} argument.
 */
public final class CallSyntax {
    private CallSyntax() {}

    /** One call: its name in files, what its arguments are, and the two directions. */
    public record Form(String name, String arguments, String meaning, Class<? extends Syscall> type,
                       Predicate<Syscall> matches, Function<Arguments, Syscall> read, Function<Syscall, Map<String, Object>> write) {}

    private static final List<String> SIG_READ = List.of("si_pid", "si_uid");
    /** si_code names rt_sigqueueinfo accepts, the default first. */
    private static final List<String> SI_CODES = List.of("SI_QUEUE", "SI_USER", "SI_MESGQ", "SI_TKILL");
    /** Indexed by AsyncIoCall.F_OWNER_* and AsyncIoCall.SI_PID/SI_CODE/SI_FD. */
    private static final List<String> OWNER_TYPES = List.of("F_OWNER_TID", "F_OWNER_PID", "F_OWNER_PGRP");
    private static final List<String> SIGIO_READ = List.of("si_pid", "si_code", "si_fd");
    private static final List<String> MQ_SIGEV = List.of("SIGEV_SIGNAL", "NULL");
    private static final List<String> PROC_LINK = List.of("self", "thread-self");

    /** semctl(2)'s cmd for each of the three calls the one semctl form stands for. */
    private static final Map<Class<?>, String> SEMCTL_CMD = Map.of(Syscall.SemGetpid.class, "GETPID", Syscall.SemGetval.class, "GETVAL",
            Syscall.SemRmid.class, "IPC_RMID");

    public static final List<Form> FORMS = forms();

    private static Form form(String name, String arguments, String meaning, Class<? extends Syscall> type,
                             Function<Arguments, Syscall> read, Function<Syscall, Map<String, Object>> write) {
        return new Form(name, arguments, meaning, type, c -> true, read, write);
    }

    private static Map<String, Object> none(Syscall c) {
        return new LinkedHashMap<>();
    }

    /** The NSpid entries the probe reads: the first three numbers of the line. */
    private static int nspidEntry(int entry) {
        if (entry < 0 || entry > ProcCall.MAX_ENTRY) throw new ScenarioError("entry", "must be 0 to " + ProcCall.MAX_ENTRY + ", not " + entry);
        return entry;
    }

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) if (kv[i + 1] != null) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    /** Flag names as the file lists them; null (the key is left out) for no flags. */
    static List<String> flagNames(int flags) {
        if (flags == 0) return null;
        return List.of(CloneFlags.describe(flags).split("\\|"));
    }

    private static Object signal(int sig) {
        return sig == 0 ? (Object) 0 : Signals.name(sig);
    }

    private static List<Form> forms() {
        List<Form> f = new ArrayList<>();
        f.add(form("clone", "flags: clone flag names (default none)", "clone(2); the child is named by the step's \"child\"",
                Syscall.Clone.class, a -> new Syscall.Clone(a.flags("flags")), c -> args("flags", flagNames(((Syscall.Clone) c).flags()))));
        // caps_from_level: files written before privilege came from credentials (K1) carry it; it is read, checked to be
        // a number, and ignored: the caller's privilege is its credentials' now, and no file is written with it.
        f.add(form("clone3", "flags; set_tid: PIDs, innermost namespace first (default none); privilege from the actor's credentials (an old caps_from_level is read and ignored)",
                "clone3(2) with set_tid", Syscall.Clone3.class,
                a -> {
                    a.integer("caps_from_level", 0);
                    return new Syscall.Clone3(a.flags("flags"), a.integers("set_tid"));
                },
                c -> {
                    Syscall.Clone3 x = (Syscall.Clone3) c;
                    return args("flags", flagNames(x.flags()), "set_tid", x.setTid());
                }));
        f.add(form("clone_with_pids", "flags; pids: PIDs, init_pid_ns first, 0 allocates; privilege from the actor's credentials (an old caps_from_level is read and ignored)",
                "the 2009 proposal (not merged; historical variants only)", Syscall.CloneWithPids.class,
                a -> {
                    a.integer("caps_from_level", 0);
                    return new Syscall.CloneWithPids(a.flags("flags"), a.integers("pids"));
                },
                c -> {
                    Syscall.CloneWithPids x = (Syscall.CloneWithPids) c;
                    return args("flags", flagNames(x.flags()), "pids", x.pids());
                }));
        f.add(form("execns", "flags", "the 2006 proposal (not merged; historical variants only)", Syscall.Execns.class,
                a -> new Syscall.Execns(a.flags("flags")), c -> args("flags", flagNames(((Syscall.Execns) c).flags()))));
        f.add(form("unshare", "flags: CLONE_NEWPID, CLONE_NEWIPC, CLONE_SYSVSEM or CLONE_NEWUSER", "unshare(2)", Syscall.Unshare.class,
                a -> new Syscall.Unshare(a.flags("flags")), c -> args("flags", flagNames(((Syscall.Unshare) c).flags()))));
        f.add(form("setns", "pid", "setns(pidfd_open(pid), CLONE_NEWPID)", Syscall.Setns.class,
                a -> new Syscall.Setns(a.integer("pid")), c -> args("pid", ((Syscall.Setns) c).pid())));
        f.add(form("exit", "status (default 0)", "_exit(2)", Syscall.Exit.class,
                a -> new Syscall.Exit(a.integer("status", 0)), c -> args("status", ((Syscall.Exit) c).status() == 0 ? null : ((Syscall.Exit) c).status())));
        f.add(form("waitpid", "pid (default -1: any child)", "waitpid(pid, &status, 0)", Syscall.Wait.class,
                a -> new Syscall.Wait(a.integer("pid", -1)), c -> args("pid", ((Syscall.Wait) c).pid())));
        f.add(form("getpid", "", "getpid(2): the TGID", Syscall.GetPid.class, a -> new Syscall.GetPid(), CallSyntax::none));
        f.add(form("getppid", "", "getppid(2)", Syscall.GetPpid.class, a -> new Syscall.GetPpid(), CallSyntax::none));
        f.add(form("gettid", "", "gettid(2)", Syscall.GetTid.class, a -> new Syscall.GetTid(), CallSyntax::none));
        f.add(form("kill", "pid; sig: SIGKILL, SIGTERM, SIGUSR1, SIGCHLD, SIGSTOP, SIGCONT, SIGHUP, SIGUSR2 or 0", "kill(2)", Syscall.Kill.class,
                a -> new Syscall.Kill(a.integer("pid"), a.signal("sig", "SIGKILL")),
                c -> args("pid", ((Syscall.Kill) c).pid(), "sig", signal(((Syscall.Kill) c).sig()))));
        f.add(form("read_ns_last_pid", "", "read /proc/sys/kernel/ns_last_pid", Syscall.ReadNsLastPid.class, a -> new Syscall.ReadNsLastPid(), CallSyntax::none));
        f.add(form("write_ns_last_pid", "value", "write /proc/sys/kernel/ns_last_pid", Syscall.WriteNsLastPid.class,
                a -> new Syscall.WriteNsLastPid(a.integer("value")), c -> args("value", ((Syscall.WriteNsLastPid) c).value())));
        f.add(form("set_child_subreaper", "", "prctl(PR_SET_CHILD_SUBREAPER, 1)", Syscall.SetChildSubreaper.class,
                a -> new Syscall.SetChildSubreaper(), CallSyntax::none));
        f.add(form("sigprocmask", "", "sigprocmask(SIG_BLOCK, {SIGUSR1, SIGCHLD})", Syscall.SigBlock.class, a -> new Syscall.SigBlock(), CallSyntax::none));
        f.add(form("sigqueue", "pid", "sigqueue(pid, SIGUSR1)", Syscall.Sigqueue.class,
                a -> new Syscall.Sigqueue(a.integer("pid")), c -> args("pid", ((Syscall.Sigqueue) c).pid())));
        f.add(form("rt_sigqueueinfo", "pid; si_code: SI_QUEUE (default), SI_USER, SI_MESGQ or SI_TKILL; si_pid; si_uid: the siginfo the caller writes (SIGUSR1)",
                "rt_sigqueueinfo(pid, SIGUSR1, &info) with a caller-made siginfo", Syscall.RtSigqueueinfo.class,
                a -> new Syscall.RtSigqueueinfo(a.integer("pid"), nscheck.spec.call.SiCode.parse(a.choice("si_code", SI_CODES)), a.integer("si_pid"), a.integer("si_uid")),
                c -> {
                    Syscall.RtSigqueueinfo q = (Syscall.RtSigqueueinfo) c;
                    return args("pid", q.pid(), "si_code", nscheck.spec.call.SiCode.name(q.code()), "si_pid", q.siPid(), "si_uid", q.siUid());
                }));
        f.add(form("tgkill", "tgid; tid", "tgkill(tgid, tid, SIGUSR1)", Syscall.Tgkill.class,
                a -> new Syscall.Tgkill(a.integer("tgid"), a.integer("tid")),
                c -> args("tgid", ((Syscall.Tgkill) c).tgid(), "tid", ((Syscall.Tgkill) c).tid())));
        f.add(form("setpgid", "pid, pgid (default 0, 0: the caller leads a new group)", "setpgid(pid, pgid)", ProcessCall.Setpgid.class,
                a -> new ProcessCall.Setpgid(a.integer("pid", 0), a.integer("pgid", 0)),
                c -> {
                    ProcessCall.Setpgid x = (ProcessCall.Setpgid) c;
                    return x.pid() == 0 && x.pgid() == 0 ? new LinkedHashMap<>() : args("pid", x.pid(), "pgid", x.pgid());
                }));
        // sessions, process groups and wait status (issue 19)
        f.add(form("setsid", "", "setsid(2)", ProcessCall.Setsid.class, a -> new ProcessCall.Setsid(), CallSyntax::none));
        f.add(form("getsid", "pid (default 0: the caller)", "getsid(2)", ProcessCall.Getsid.class,
                a -> new ProcessCall.Getsid(a.integer("pid", 0)), c -> args("pid", ((ProcessCall.Getsid) c).pid())));
        f.add(form("getpgid", "pid (default 0: the caller)", "getpgid(2)", ProcessCall.Getpgid.class,
                a -> new ProcessCall.Getpgid(a.integer("pid", 0)), c -> args("pid", ((ProcessCall.Getpgid) c).pid())));
        f.add(form("waitpid_status", "pid (default -1: any child; 0 the caller's group; below -1 the group -pid)",
                "waitpid(pid, &status, 0) returning the status word", ProcessCall.WaitStatus.class,
                a -> new ProcessCall.WaitStatus(a.integer("pid", -1)), c -> args("pid", ((ProcessCall.WaitStatus) c).pid())));
        f.add(form("sigaction", "sig: SIGCHLD, SIGUSR1, SIGUSR2, SIGTERM, SIGHUP, SIGKILL or SIGSTOP; handler: SIG_DFL (default) or SIG_IGN (the probe's handler: sigaction_handler); flags: 0 (default) or SA_NOCLDWAIT",
                "sigaction(sig, {handler, flags}, NULL)", ProcessCall.Sigaction.class,
                a -> new ProcessCall.Sigaction(Signals.parse(a.choice("sig", SIGACTION_SIGNALS)), a.choice("handler", List.of("SIG_DFL", "SIG_IGN")).equals("SIG_IGN"),
                        a.choice("flags", List.of("0", "SA_NOCLDWAIT")).equals("SA_NOCLDWAIT")),
                c -> {
                    ProcessCall.Sigaction x = (ProcessCall.Sigaction) c;
                    return args("sig", Signals.name(x.sig()), "handler", x.ignore() ? "SIG_IGN" : "SIG_DFL", "flags", x.noCldWait() ? "SA_NOCLDWAIT" : null);
                }));
        f.add(form("waitid", "idtype: P_ALL (default), P_PID or P_PGID; id (default 0); read: si_pid (default), si_code or si_status",
                "waitid(idtype, id, &info, WEXITED)", ProcessCall.Waitid.class,
                a -> new ProcessCall.Waitid(WAITID_TYPES.indexOf(a.choice("idtype", WAITID_TYPES)), a.integer("id", 0),
                        ProcessCall.Waitid.Field.valueOf(a.choice("read", WAITID_READ).toUpperCase())),
                c -> {
                    ProcessCall.Waitid w = (ProcessCall.Waitid) c;
                    return args("idtype", WAITID_TYPES.get(w.idtype()), "id", w.id(), "read", w.field().name().toLowerCase());
                }));
        f.add(form("sigwaitinfo", "read: si_pid (default) or si_uid", "sigwaitinfo({SIGUSR1, SIGCHLD})", Syscall.Sigwaitinfo.class,
                a -> new Syscall.Sigwaitinfo(a.choice("read", SIG_READ).equals("si_uid")),
                c -> args("read", ((Syscall.Sigwaitinfo) c).uid() ? "si_uid" : "si_pid")));
        // async I/O owners on the model's pipe (A1-A5)
        f.add(form("fcntl_setown", "pid: above 0 a process, below 0 the group -pid, 0 none", "fcntl(pipe, F_SETOWN, pid)", AsyncIoCall.Setown.class,
                a -> new AsyncIoCall.Setown(a.integer("pid")), c -> args("pid", ((AsyncIoCall.Setown) c).pid())));
        f.add(form("fcntl_setown_ex", "type: F_OWNER_TID, F_OWNER_PID or F_OWNER_PGRP; pid", "fcntl(pipe, F_SETOWN_EX, {type, pid})", AsyncIoCall.SetownEx.class,
                a -> new AsyncIoCall.SetownEx(OWNER_TYPES.indexOf(a.choice("type", OWNER_TYPES)), a.integer("pid")),
                c -> args("type", OWNER_TYPES.get(((AsyncIoCall.SetownEx) c).type()), "pid", ((AsyncIoCall.SetownEx) c).pid())));
        f.add(form("fcntl_getown", "", "fcntl(pipe, F_GETOWN)", AsyncIoCall.Getown.class, a -> new AsyncIoCall.Getown(), CallSyntax::none));
        f.add(form("fcntl_setsig", "sig: a signal number (0 plain SIGIO, 29 SIGIO named)", "fcntl(pipe, F_SETSIG, sig)", AsyncIoCall.Setsig.class,
                a -> new AsyncIoCall.Setsig(a.integer("sig")), c -> args("sig", ((AsyncIoCall.Setsig) c).sig())));
        f.add(form("pipe_write", "", "write(pipe, \"x\", 1): SIGIO to the pipe's owner", AsyncIoCall.PipeWrite.class, a -> new AsyncIoCall.PipeWrite(), CallSyntax::none));
        f.add(form("sigwaitinfo_sigio", "read: si_pid (default), si_code or si_fd", "sigwaitinfo({SIGIO})", AsyncIoCall.SigwaitSigio.class,
                a -> new AsyncIoCall.SigwaitSigio(SIGIO_READ.indexOf(a.choice("read", SIGIO_READ))),
                c -> args("read", SIGIO_READ.get(((AsyncIoCall.SigwaitSigio) c).field()))));
        // POSIX message queues (Q1-Q3)
        f.add(form("mq_open", "", "mq_open(\"/nsq\", O_CREAT|O_RDWR|O_NONBLOCK, 0666)", MqueueCall.Open.class, a -> new MqueueCall.Open(), CallSyntax::none));
        f.add(form("mq_send", "", "mq_send on the IPC namespace's queue", MqueueCall.Send.class, a -> new MqueueCall.Send(), CallSyntax::none));
        f.add(form("mq_receive", "", "mq_receive on it", MqueueCall.Receive.class, a -> new MqueueCall.Receive(), CallSyntax::none));
        f.add(form("mq_notify", "sigev: SIGEV_SIGNAL (default, SIGUSR1) or NULL", "mq_notify", MqueueCall.Notify.class,
                a -> new MqueueCall.Notify(a.choice("sigev", MQ_SIGEV).equals("SIGEV_SIGNAL")),
                c -> args("sigev", ((MqueueCall.Notify) c).register() ? "SIGEV_SIGNAL" : "NULL")));
        // job control (J1-J5)
        f.add(form("waitpid_untraced", "pid (default -1: any child); read: pid (default) or status", "waitpid(pid, &status, WUNTRACED|WCONTINUED)", JobCall.WaitUntraced.class,
                a -> new JobCall.WaitUntraced(a.integer("pid", -1), a.choice("read", List.of("pid", "status")).equals("status")),
                c -> args("pid", ((JobCall.WaitUntraced) c).pid(), "read", ((JobCall.WaitUntraced) c).status() ? "status" : null)));
        f.add(form("sigprocmask_job", "", "sigprocmask(SIG_BLOCK, {SIGHUP, SIGCONT})", JobCall.BlockJobSignals.class, a -> new JobCall.BlockJobSignals(), CallSyntax::none));
        f.add(form("sigwaitinfo_job", "", "sigwaitinfo({SIGHUP, SIGCONT}) returning si_pid", JobCall.SigwaitJobSignals.class, a -> new JobCall.SigwaitJobSignals(), CallSyntax::none));
        // /proc views (V1-V4)
        f.add(form("mount_proc", "", "unshare(CLONE_NEWNS), then mount proc in the new mount namespace", ProcCall.MountProc.class, a -> new ProcCall.MountProc(), CallSyntax::none));
        f.add(form("proc_readlink", "link: self (default) or thread-self", "readlink(\"/proc/self\")", ProcCall.ReadlinkSelf.class,
                a -> new ProcCall.ReadlinkSelf(a.choice("link", PROC_LINK).equals("thread-self")),
                c -> args("link", ((ProcCall.ReadlinkSelf) c).thread() ? "thread-self" : "self")));
        f.add(form("proc_status_nspid", "pid; entry: 0 (default, the proc's level) to 2", "/proc/pid/status NSpid", ProcCall.StatusNspid.class,
                a -> new ProcCall.StatusNspid(a.integer("pid"), nspidEntry(a.integer("entry", 0))),
                c -> args("pid", ((ProcCall.StatusNspid) c).pid(), "entry", ((ProcCall.StatusNspid) c).entry())));
        f.add(form("msgget", "", "msgget(KEY, IPC_CREAT)", Syscall.Msgget.class, a -> new Syscall.Msgget(), CallSyntax::none));
        f.add(form("msgsnd", "", "msgsnd(0, msg, IPC_NOWAIT)", Syscall.Msgsnd.class, a -> new Syscall.Msgsnd(), CallSyntax::none));
        f.add(form("msgrcv", "", "msgrcv(0, IPC_NOWAIT)", Syscall.Msgrcv.class, a -> new Syscall.Msgrcv(), CallSyntax::none));
        f.add(form("msgctl", "read: msg_lspid (default) or msg_lrpid", "msgctl(0, IPC_STAT)", Syscall.MsgStat.class,
                a -> new Syscall.MsgStat(a.choice("read", List.of("msg_lspid", "msg_lrpid")).equals("msg_lrpid")),
                c -> args("read", ((Syscall.MsgStat) c).receiver() ? "msg_lrpid" : "msg_lspid")));
        f.add(form("semget", "", "semget(KEY, 1, IPC_CREAT)", Syscall.Semget.class, a -> new Syscall.Semget(), CallSyntax::none));
        f.add(form("semop", "sem_op", "semop(0, {0, sem_op, SEM_UNDO})", Syscall.Semop.class,
                a -> new Syscall.Semop(a.integer("sem_op")), c -> args("sem_op", ((Syscall.Semop) c).op())));
        f.add(new Form("semctl", "cmd: GETPID, GETVAL or IPC_RMID", "semctl(0, 0, cmd)", Syscall.SemGetpid.class, c -> true,
                a -> switch (a.choice("cmd", List.of("GETPID", "GETVAL", "IPC_RMID"))) {
                    case "GETVAL" -> new Syscall.SemGetval();
                    case "IPC_RMID" -> new Syscall.SemRmid();
                    default -> new Syscall.SemGetpid();
                },
                c -> args("cmd", SEMCTL_CMD.get(c.getClass()))));
        f.add(form("shmget", "", "shmget(KEY, 4096, IPC_CREAT)", Syscall.Shmget.class, a -> new Syscall.Shmget(), CallSyntax::none));
        f.add(form("shmat", "", "shmdt(shmat(0))", Syscall.ShmAttach.class, a -> new Syscall.ShmAttach(), CallSyntax::none));
        f.add(form("shmctl", "read: shm_cpid (default) or shm_lpid", "shmctl(0, IPC_STAT)", Syscall.ShmStat.class,
                a -> new Syscall.ShmStat(a.choice("read", List.of("shm_cpid", "shm_lpid")).equals("shm_lpid")),
                c -> args("read", ((Syscall.ShmStat) c).last() ? "shm_lpid" : "shm_cpid")));
        f.add(form("write_id_maps", "", "write \"0 <euid> 1\" to /proc/self/uid_map and gid_map", Syscall.WriteIdMaps.class,
                a -> new Syscall.WriteIdMaps(), CallSyntax::none));
        f.add(form("setuid", "uid", "setuid(2)", Syscall.Setuid.class, a -> new Syscall.Setuid(a.integer("uid")), c -> args("uid", ((Syscall.Setuid) c).uid())));
        f.add(new Form("futex", "op: FUTEX_WAIT, FUTEX_WAKE, FUTEX_LOCK_PI, FUTEX_TRYLOCK_PI or FUTEX_UNLOCK_PI; word: index of the shared futex word; val: FUTEX_WAIT's expected value, FUTEX_WAKE's count (default 1)",
                "futex(2) on a word of memory every task shares", Syscall.FutexWait.class, c -> true, CallSyntax::readFutex, CallSyntax::writeFutex));
        f.add(form("set_robust_list", "list: indexes of the futex words whose entries the list holds (default none); pending: the word of list_op_pending (default none); pi: every entry is a PI futex (default false)",
                "set_robust_list(2) with the list user space built first; exit_robust_list reads it at exit", Syscall.SetRobustList.class,
                CallSyntax::readRobustList, CallSyntax::writeRobustList));
        f.add(form("fatal_signal_delivery", "", "not a call: the kernel acts on a pending fatal signal", Syscall.SignalDelivery.class,
                a -> new Syscall.SignalDelivery(), CallSyntax::none));
        f.add(form("futex_return", "", "not a call: a woken futex call returns", Syscall.FutexReturn.class, a -> new Syscall.FutexReturn(), CallSyntax::none));
        FdCallSyntax.add(f);
        SocketCallSyntax.add(f);
        HandlerCallSyntax.add(f);
        return List.copyOf(f);
    }

    private static Syscall readRobustList(Arguments a) {
        List<Integer> list = a.integers("list");
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) < 0) throw new ScenarioError(a.pathOf("list") + "[" + i + "]", "must be a futex word index (0 or more), not " + list.get(i));
            // the kernel would walk a repeated entry as a cycle, up to ROBUST_LIST_LIMIT times
            if (list.indexOf(list.get(i)) < i) throw new ScenarioError(a.pathOf("list") + "[" + i + "]", "word " + list.get(i) + " is already in the list");
        }
        int pending = a.integer("pending", -1);
        if (pending < -1) throw new ScenarioError(a.pathOf("pending"), "must be a futex word index (0 or more), not " + pending);
        return new Syscall.SetRobustList(list, pending, a.bool("pi", false));
    }

    private static Map<String, Object> writeRobustList(Syscall c) {
        Syscall.SetRobustList r = (Syscall.SetRobustList) c;
        return args("list", r.words(), "pending", r.pending() < 0 ? null : r.pending(), "pi", r.pi() ? Boolean.TRUE : null);
    }

    private static final List<String> SIGACTION_SIGNALS = List.of("SIGCHLD", "SIGUSR1", "SIGUSR2", "SIGTERM", "SIGHUP", "SIGKILL", "SIGSTOP");
    private static final List<String> WAITID_TYPES = List.of("P_ALL", "P_PID", "P_PGID");
    private static final List<String> WAITID_READ = List.of("si_pid", "si_code", "si_status");

    private static final List<String> FUTEX_OPS = List.of("FUTEX_WAIT", "FUTEX_WAKE", "FUTEX_LOCK_PI", "FUTEX_TRYLOCK_PI", "FUTEX_UNLOCK_PI");

    private static Syscall readFutex(Arguments a) {
        String op = a.choice("op", FUTEX_OPS);
        int word = a.integer("word", 0);
        return switch (op) {
            case "FUTEX_WAIT" -> new Syscall.FutexWait(word, a.unsigned("val"));
            case "FUTEX_WAKE" -> new Syscall.FutexWake(word, a.integer("val", 1));
            case "FUTEX_LOCK_PI" -> new Syscall.FutexLockPi(word);
            case "FUTEX_TRYLOCK_PI" -> new Syscall.FutexTrylockPi(word);
            default -> new Syscall.FutexUnlockPi(word);
        };
    }

    private static Map<String, Object> writeFutex(Syscall c) {
        return c.accept(FUTEX_ARGS);
    }

    /** futex(2)'s op and arguments in the kernel's words, one entry per futex call type. */
    private static final PartialSyscallTable<Map<String, Object>> FUTEX_ARGS = new PartialSyscallTable<>() {
        @Override protected Map<String, Object> otherwise(Syscall call) {
            throw new IllegalArgumentException("not a futex call: " + call);
        }

        @Override public Map<String, Object> futexWait(Syscall.FutexWait w) {
            return args("op", "FUTEX_WAIT", "word", w.word(), "val", Integer.toUnsignedLong(w.expected()));
        }

        @Override public Map<String, Object> futexWake(Syscall.FutexWake w) { return args("op", "FUTEX_WAKE", "word", w.word(), "val", w.count()); }
        @Override public Map<String, Object> futexLockPi(Syscall.FutexLockPi l) { return args("op", "FUTEX_LOCK_PI", "word", l.word()); }
        @Override public Map<String, Object> futexTrylockPi(Syscall.FutexTrylockPi l) { return args("op", "FUTEX_TRYLOCK_PI", "word", l.word()); }
        @Override public Map<String, Object> futexUnlockPi(Syscall.FutexUnlockPi u) { return args("op", "FUTEX_UNLOCK_PI", "word", u.word()); }
    };

    /** The spec records a form stands for (some forms, such as semctl, stand for several). */
    private static final Map<Class<?>, Form> BY_TYPE = byType();

    private static Map<Class<?>, Form> byType() {
        Map<Class<?>, Form> m = new LinkedHashMap<>();
        for (Form f : FORMS) m.put(f.type(), f);
        Form semctl = named("semctl"), sendmsg = named("sendmsg"), futex = named("futex");
        m.put(Syscall.SemGetval.class, semctl);
        m.put(Syscall.SemRmid.class, semctl);
        m.put(Syscall.SendCreds.class, sendmsg);
        for (Class<?> c : List.of(Syscall.FutexWake.class, Syscall.FutexLockPi.class, Syscall.FutexTrylockPi.class, Syscall.FutexUnlockPi.class))
            m.put(c, futex);
        return m;
    }

    private static Form named(String name) {
        for (Form f : FORMS) if (f.name().equals(name)) return f;
        throw new IllegalStateException(name);
    }

    /** The form a call is written in. */
    public static Form of(Syscall call) {
        Form f = BY_TYPE.get(call.getClass());
        if (f == null) throw new IllegalArgumentException("no scenario syntax for " + call);
        return f;
    }

    /** The call's name in a file. */
    public static String name(Syscall call) {
        return of(call).name();
    }

    /** The call's arguments in the kernel's words (empty for a call without arguments). */
    public static Map<String, Object> arguments(Syscall call) {
        return of(call).write().apply(call);
    }

    /**
     * Reads {@code "call"} and {@code "args"} of a step at {@code path} (e.g. {@code trace[3]}).
     *
     * @throws ScenarioError for an unknown call, an unknown argument key, a wrong type or value
     */
    public static Syscall read(JsonNode call, JsonNode args, String path) {
        if (call == null || call.isNull()) throw new ScenarioError(path + ".call", "missing (every step names its call)");
        if (!call.isTextual()) throw new ScenarioError(path + ".call", "must be a call name, not " + Arguments.kind(call));
        Form form = null;
        for (Form f : FORMS) if (f.name().equals(call.asText())) form = f;
        if (form == null)
            throw new ScenarioError(path + ".call", "unknown call \"" + call.asText() + "\" (known: "
                    + String.join(", ", FORMS.stream().map(Form::name).toList()) + ")");
        Arguments a = new Arguments(args, path + ".args", form.name());
        Syscall c = form.read().apply(a);
        a.done();
        return c;
    }
}
