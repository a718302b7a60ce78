package nscheck.checkers.conform;

import nscheck.spec.call.AsyncIoCall;
import nscheck.spec.call.MqueueCall;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.HandlerCall;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.ProcCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.call.SyscallTable;

/**
 * How a spec call is written for the probe (checkers/src/main/c/nsprobe.c): an operation name and
 * two numeric arguments. Steps the kernel takes on its own (a fatal signal acted on, a woken futex
 * call returning) are operations too: the probe sends nothing and waits for their effect.
 *
 * <p>Each call type has its entry in {@link Mapping}, so a new call type does not compile until it
 * has a probe operation or says why it has none (a family listed "not-probed" in
 * known-divergences.json; CallCoverageTest checks the list). A new area adds a branch in the
 * probe's actor loop; nothing else in the runner depends on the kind of call.
 */
record ProbeCall(String op, long a, long b) {
    static ProbeCall of(Syscall call, int childActor) {
        return call.accept(new Mapping(childActor));
    }

    private static ProbeCall op(String op, long a, long b) {
        return new ProbeCall(op, a, b);
    }

    private static ProbeCall op(String op) {
        return new ProbeCall(op, 0, 0);
    }

    /** A call the probe has no operation for: its family is "not-probed" in known-divergences.json. */
    private static ProbeCall none(Syscall call) {
        throw new IllegalArgumentException("the probe has no operation for " + call);
    }

    private static final class Mapping implements SyscallTable<ProbeCall> {
        private final int childActor;

        Mapping(int childActor) {
            this.childActor = childActor;
        }

        @Override public ProbeCall clone(Syscall.Clone c) { return op("clone", c.flags() & 0xffffffffL, childActor); }
        // clone3 with set_tid: the PIDs follow the step (Probe.script); threads are made by clone only. Privilege
        // is the kernel's to decide from the actor's credentials (K1), as the spec's
        @Override public ProbeCall clone3(Syscall.Clone3 c) {
            boolean runnable = (c.flags() & nscheck.spec.call.CloneFlags.CLONE_THREAD) == 0 && c.setTid().size() <= 32;
            return runnable ? op("clone3", c.flags() & 0xffffffffL, childActor) : none(c);
        }
        // proposals never merged (H3, H4): the probe asks the kernel for a system call number it does not assign, and the kernel
        // answers as it would for them (sys_ni_syscall, ENOSYS), which is what mainline says
        @Override public ProbeCall cloneWithPids(Syscall.CloneWithPids c) { return op("nosys"); }
        @Override public ProbeCall execns(Syscall.Execns c) { return op("nosys"); }
        @Override public ProbeCall unshare(Syscall.Unshare c) { return op("unshare", c.flags() & 0xffffffffL, 0); }
        @Override public ProbeCall setns(Syscall.Setns c) { return op("setns", c.pid(), 0); }
        @Override public ProbeCall exit(Syscall.Exit c) { return op("exit", c.status(), 0); }
        @Override public ProbeCall waitpid(Syscall.Wait c) { return op("wait", c.pid(), 0); }
        @Override public ProbeCall getpid(Syscall.GetPid c) { return op("getpid"); }
        @Override public ProbeCall getppid(Syscall.GetPpid c) { return op("getppid"); }
        @Override public ProbeCall gettid(Syscall.GetTid c) { return op("gettid"); }
        @Override public ProbeCall kill(Syscall.Kill c) { return op("kill", c.pid(), c.sig()); }
        @Override public ProbeCall readNsLastPid(Syscall.ReadNsLastPid c) { return op("nlread"); }
        @Override public ProbeCall writeNsLastPid(Syscall.WriteNsLastPid c) { return op("nlwrite", c.value(), 0); }
        @Override public ProbeCall setChildSubreaper(Syscall.SetChildSubreaper c) { return op("subreaper"); }
        @Override public ProbeCall signalDelivery(Syscall.SignalDelivery c) { return op("deliver"); }
        // futexes (F1-F6)
        @Override public ProbeCall futexWait(Syscall.FutexWait c) { return op("fwait", c.word(), c.expected() & 0xffffffffL); }
        @Override public ProbeCall futexWake(Syscall.FutexWake c) { return op("fwake", c.word(), c.count()); }
        @Override public ProbeCall futexLockPi(Syscall.FutexLockPi c) { return op("flock", c.word(), 0); }
        @Override public ProbeCall futexTrylockPi(Syscall.FutexTrylockPi c) { return op("ftrylock", c.word(), 0); }
        @Override public ProbeCall futexUnlockPi(Syscall.FutexUnlockPi c) { return op("funlock", c.word(), 0); }
        @Override public ProbeCall futexReturn(Syscall.FutexReturn c) { return op("freturn"); }
        // rt_sigqueueinfo: the siginfo's si_pid and si_uid follow the step as clone3's set_tid does (Probe.script)
        @Override public ProbeCall rtSigqueueinfo(Syscall.RtSigqueueinfo c) { return op("sigqinfo", c.pid(), c.code()); }
        // set_robust_list: a holds the list's words in order, one per hex digit (word + 1, the first entry lowest),
        // b the pending word + 1 (0: none), negative for PI entries
        @Override public ProbeCall setRobustList(Syscall.SetRobustList c) {
            long mask = 0;
            for (int i = c.words().size() - 1; i >= 0; i--) mask = mask * 16 + c.words().get(i) + 1;
            long pending = c.pending() + 1;
            return op("robust", mask, c.pi() ? -pending - 1 : pending);
        }
        // signals with siginfo (P9, P10, P11)
        @Override public ProbeCall sigqueue(Syscall.Sigqueue c) { return op("sigqueue", c.pid(), 0); }
        @Override public ProbeCall tgkill(Syscall.Tgkill c) { return op("tgkill", c.tgid(), c.tid()); }
        @Override public ProbeCall setpgid(ProcessCall.Setpgid c) { return op("setpgid", c.pid(), c.pgid()); }
        // sessions, process groups and wait status (issue 19); waitid packs idtype and field into a
        @Override public ProbeCall setsid(ProcessCall.Setsid c) { return op("setsid"); }
        @Override public ProbeCall getsid(ProcessCall.Getsid c) { return op("getsid", c.pid(), 0); }
        @Override public ProbeCall getpgid(ProcessCall.Getpgid c) { return op("getpgid", c.pid(), 0); }
        @Override public ProbeCall waitStatus(ProcessCall.WaitStatus c) { return op("wstatus", c.pid(), 0); }
        @Override public ProbeCall sigaction(ProcessCall.Sigaction c) { return op("sigaction", c.sig(), (c.ignore() ? 1 : 0) | (c.noCldWait() ? 2 : 0)); }
        @Override public ProbeCall waitid(ProcessCall.Waitid c) { return op("waitid", c.idtype() * 4L + c.field().ordinal(), c.id()); }
        @Override public ProbeCall sigBlock(Syscall.SigBlock c) { return op("sigblock"); }
        @Override public ProbeCall sigwaitinfo(Syscall.Sigwaitinfo c) { return op("sigwait", c.uid() ? 1 : 0, 0); }
        // SysV IPC: the namespace's one object of each kind, found by key (I1-I9)
        @Override public ProbeCall msgget(Syscall.Msgget c) { return op("msgget"); }
        @Override public ProbeCall msgsnd(Syscall.Msgsnd c) { return op("msgsnd"); }
        @Override public ProbeCall msgrcv(Syscall.Msgrcv c) { return op("msgrcv"); }
        @Override public ProbeCall msgStat(Syscall.MsgStat c) { return op("msgstat", c.receiver() ? 1 : 0, 0); }
        @Override public ProbeCall semget(Syscall.Semget c) { return op("semget"); }
        @Override public ProbeCall semop(Syscall.Semop c) { return op("semop", c.op(), 0); }
        @Override public ProbeCall semGetpid(Syscall.SemGetpid c) { return op("semgetpid"); }
        @Override public ProbeCall semGetval(Syscall.SemGetval c) { return op("semgetval"); }
        @Override public ProbeCall semRmid(Syscall.SemRmid c) { return op("semrmid"); }
        @Override public ProbeCall shmget(Syscall.Shmget c) { return op("shmget"); }
        @Override public ProbeCall shmAttach(Syscall.ShmAttach c) { return op("shmat"); }
        @Override public ProbeCall shmStat(Syscall.ShmStat c) { return op("shmstat", c.last() ? 1 : 0, 0); }
        // user namespaces and credentials (U3-U5)
        @Override public ProbeCall setuid(Syscall.Setuid c) { return op("setuid", c.uid(), 0); }
        @Override public ProbeCall writeIdMaps(Syscall.WriteIdMaps c) { return op("idmaps"); }
        // Unix socket pairs (C1-C5): fds in the actor's spec fd map, as pidfds; screds packs the claimed pid above the uid
        @Override public ProbeCall socketpair(nscheck.spec.call.SocketCall.Socketpair c) { return op("sockpair", c.type(), 0); }
        @Override public ProbeCall peerCredQuery(Syscall.PeerCredQuery c) { return op("peercred", c.fd(), c.uid() ? 1 : 0); }
        @Override public ProbeCall send(Syscall.Send c) { return op("send", c.fd(), 0); }
        @Override public ProbeCall sendCreds(Syscall.SendCreds c) { return op("screds", c.fd(), ((long) c.pid() << 32) | (c.uid() & 0xffffffffL)); }
        @Override public ProbeCall recvCreds(Syscall.RecvCreds c) { return op("recvcred", c.fd(), c.uid() ? 1 : 0); }
        // async I/O owners on the scenario's pipe (A1-A5): owner type as F_SETOWN_EX's, -1 for F_SETOWN's own sign rule
        @Override public ProbeCall fSetown(AsyncIoCall.Setown c) { return op("fsetown", c.pid(), -1); }
        @Override public ProbeCall fSetownEx(AsyncIoCall.SetownEx c) { return op("fsetown", c.pid(), c.type()); }
        @Override public ProbeCall fGetown(AsyncIoCall.Getown c) { return op("fgetown"); }
        @Override public ProbeCall fSetsig(AsyncIoCall.Setsig c) { return op("fsetsig", c.sig(), 0); }
        @Override public ProbeCall pipeWrite(AsyncIoCall.PipeWrite c) { return op("pwrite"); }
        @Override public ProbeCall sigwaitSigio(AsyncIoCall.SigwaitSigio c) { return op("sigwaitio", c.field(), 0); }
        // POSIX message queues (Q1-Q3): the queue of the actor's IPC namespace, kept open by each process
        @Override public ProbeCall mqOpen(MqueueCall.Open c) { return op("mqopen"); }
        @Override public ProbeCall mqSend(MqueueCall.Send c) { return op("mqsend"); }
        @Override public ProbeCall mqReceive(MqueueCall.Receive c) { return op("mqrecv"); }
        @Override public ProbeCall mqNotify(MqueueCall.Notify c) { return op("mqnotify", c.register() ? 1 : 0, 0); }
        // file descriptors (D1-D4): the probe keeps each actor's spec fd numbers mapped onto its real fds
        @Override public ProbeCall pidfdOpen(FdCalls.PidfdOpen c) { return op("pidfdopen", c.pid(), c.flags() & 0xffffffffL); }
        @Override public ProbeCall pidfdSendSignal(FdCalls.PidfdSendSignal c) { return op("pidfdsig", c.fd(), c.sig() | ((long) c.flags() << 8)); }
        @Override public ProbeCall waitidPidfd(FdCalls.WaitidPidfd c) { return op("waitidfd", c.fd(), c.nohang() ? 1 : 0); }
        @Override public ProbeCall close(FdCalls.Close c) { return op("close", c.fd(), 0); }
        // namespace files (N5-N7): only the caller's own /proc/self/ns files are opened; others come from nsfs ioctls
        @Override public ProbeCall nsOpen(FdCalls.NsOpen c) { return op("nsopen", c.kind(), 0); }
        @Override public ProbeCall setnsFd(FdCalls.SetnsFd c) { return op("setnsfd", c.fd(), c.nstype() & 0xffffffffL); }
        @Override public ProbeCall nsIoctl(FdCalls.NsIoctl c) { return op("nsioctl", c.fd(), ((long) c.op() << 32) | (c.arg() & 0xffffffffL)); }
        // another task's namespace files, through the sandbox's /proc (or the actor's own proc mount); st_ino compared (N5, N8)
        @Override public ProbeCall nsOpenOther(nscheck.spec.call.NsfsCall.OpenOther c) { return op("nsopenpid", c.pid(), c.kind()); }
        @Override public ProbeCall nsSameInode(nscheck.spec.call.NsfsCall.SameInode c) { return op("nssameino", c.fd1(), c.fd2()); }
        // /proc views (V1-V4): a detached proc mount made in a fresh mount namespace of the actor, else the sandbox's /proc
        @Override public ProbeCall mountProc(ProcCall.MountProc c) { return op("mountproc"); }
        @Override public ProbeCall readlinkSelf(ProcCall.ReadlinkSelf c) { return op("procself", c.thread() ? 1 : 0, 0); }
        @Override public ProbeCall statusNspid(ProcCall.StatusNspid c) { return op("nspid", c.pid(), c.entry()); }
        // job control (J3): waitpid(pid, &status, WUNTRACED|WCONTINUED), b = 1 for the status word
        @Override public ProbeCall waitUntraced(nscheck.spec.call.JobCall.WaitUntraced c) { return op("wuntraced", c.pid(), c.status() ? 1 : 0); }
        @Override public ProbeCall blockJobSignals(nscheck.spec.call.JobCall.BlockJobSignals c) { return op("jsigblock"); }
        @Override public ProbeCall sigwaitJobSignals(nscheck.spec.call.JobCall.SigwaitJobSignals c) { return op("jsigwait"); }
        // handlers and masks (P20-P23): the probe's SA_SIGINFO handler records each siginfo; "handled" reads the oldest back
        @Override public ProbeCall setHandler(HandlerCall.SetHandler c) { return op("sigaction", c.sig(), 4 | (c.noCldWait() ? 2 : 0)); }
        @Override public ProbeCall sigprocmask(HandlerCall.Sigprocmask c) { return op("sigmask", c.how(), c.set()); }
        @Override public ProbeCall sigpending(HandlerCall.Sigpending c) { return op("sigpending"); }
        @Override public ProbeCall handled(HandlerCall.Handled c) { return op("handled", c.field().ordinal(), 0); }
    }
}
