package nscheck.spec.rules;

import nscheck.spec.call.AsyncIoCall;
import nscheck.spec.call.MqueueCall;
import nscheck.spec.call.NsfsCall;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.JobCall;
import nscheck.spec.call.HandlerCall;
import nscheck.spec.call.Outcome;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.ProcCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.call.SocketCall;
import nscheck.spec.call.SyscallTable;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Variant;

import java.util.List;

/**
 * The spec's sys_call_table: each call type's one rule, by the kernel file that holds it. A call
 * returns a list of outcomes: empty while it would block, several where the kernel's choice is
 * not specified (which zombie wait(-1) reaps). Built once per actor and kernel by {@link Semantics#actor}.
 */
final class CallRules implements SyscallTable<List<Outcome>> {
    private final Variant v;
    private final Limits limits;
    /** Semantics.exitStatus: whether do_exit records the code wait reports. */
    private final boolean exitStatus;
    private final Kernel k;
    private final int actor;

    CallRules(Variant v, Limits limits, boolean exitStatus, Kernel k, int actor) {
        this.v = v;
        this.limits = limits;
        this.exitStatus = exitStatus;
        this.k = k;
        this.actor = actor;
    }

    private static List<Outcome> one(Outcome o) {
        return List.of(o);
    }

    // ---- kernel/fork.c, kernel/nsproxy.c, kernel/exit.c -------------------------------------
    @Override public List<Outcome> clone(Syscall.Clone c) { return one(ForkRules.clone(v, limits, k, actor, c.flags())); }
    @Override public List<Outcome> clone3(Syscall.Clone3 c) { return one(ForkRules.clone3(v, limits, k, actor, c.flags(), c.setTid())); }
    @Override public List<Outcome> cloneWithPids(Syscall.CloneWithPids c) { return one(ForkRules.cloneWithPids(v, limits, k, actor, c.flags(), c.pids())); }
    @Override public List<Outcome> execns(Syscall.Execns c) { return one(ForkRules.execns(v, limits, k, actor, c.flags())); }
    @Override public List<Outcome> unshare(Syscall.Unshare c) { return one(ForkRules.unshare(v, limits, k, actor, c.flags())); }
    @Override public List<Outcome> setns(Syscall.Setns c) { return one(NsproxyRules.setns(v, k, actor, c.pid())); }
    @Override public List<Outcome> exit(Syscall.Exit c) { return ExitRules.exit(v, k, actor, exitStatus ? ExitRules.exitCode(c.status()) : 0); }
    @Override public List<Outcome> waitpid(Syscall.Wait c) { return ExitRules.waitpid(v, k, actor, c.pid(), ExitRules.Report.PID); }
    @Override public List<Outcome> waitStatus(ProcessCall.WaitStatus c) { return ExitRules.waitpid(v, k, actor, c.pid(), ExitRules.Report.STATUS); }
    @Override public List<Outcome> waitid(ProcessCall.Waitid c) { return ExitRules.waitid(v, k, actor, c.idtype(), c.id(), c.field()); }
    @Override public List<Outcome> waitUntraced(JobCall.WaitUntraced c) { return JobControlRules.waitUntraced(v, k, actor, c); }
    @Override public List<Outcome> blockJobSignals(JobCall.BlockJobSignals c) { return one(SigwaitRules.blockJobSignals(k, actor)); }
    @Override public List<Outcome> sigwaitJobSignals(JobCall.SigwaitJobSignals c) { return SigwaitRules.sigwaitJobSignals(k, actor); }

    // ---- kernel/sys.c, kernel/pid_namespace.c -----------------------------------------------
    @Override public List<Outcome> getpid(Syscall.GetPid c) { return one(SysRules.getpid(v, k, actor)); }
    @Override public List<Outcome> gettid(Syscall.GetTid c) { return one(SysRules.gettid(v, k, actor)); }
    @Override public List<Outcome> getppid(Syscall.GetPpid c) { return one(SysRules.getppid(v, k, actor)); }
    @Override public List<Outcome> setChildSubreaper(Syscall.SetChildSubreaper c) { return one(SysRules.setChildSubreaper(k, actor)); }
    @Override public List<Outcome> setpgid(ProcessCall.Setpgid c) { return one(SysRules.setpgid(v, k, actor, c.pid(), c.pgid())); }
    @Override public List<Outcome> setsid(ProcessCall.Setsid c) { return one(SysRules.setsid(v, k, actor)); }
    @Override public List<Outcome> getsid(ProcessCall.Getsid c) { return one(SysRules.getsid(v, k, actor, c.pid(), true)); }
    @Override public List<Outcome> getpgid(ProcessCall.Getpgid c) { return one(SysRules.getsid(v, k, actor, c.pid(), false)); }
    @Override public List<Outcome> setuid(Syscall.Setuid c) { return one(SysRules.setuid(v, k, actor, c.uid())); }
    @Override public List<Outcome> readNsLastPid(Syscall.ReadNsLastPid c) { return one(PidNamespaceRules.readNsLastPid(k, actor)); }
    @Override public List<Outcome> writeNsLastPid(Syscall.WriteNsLastPid c) { return one(PidNamespaceRules.writeNsLastPid(v, k, actor, c.value())); }

    // ---- kernel/signal.c ----------------------------------------------------------------------
    @Override public List<Outcome> kill(Syscall.Kill c) { return one(SignalRules.kill(v, k, actor, c.pid(), c.sig())); }
    @Override public List<Outcome> tgkill(Syscall.Tgkill c) { return one(SignalRules.tgkill(v, k, actor, c.tgid(), c.tid())); }
    @Override public List<Outcome> sigqueue(Syscall.Sigqueue c) { return one(SignalRules.sigqueue(v, k, actor, c.pid())); }
    @Override public List<Outcome> sigBlock(Syscall.SigBlock c) { return one(SigwaitRules.sigprocmask(k, actor)); }
    @Override public List<Outcome> sigwaitinfo(Syscall.Sigwaitinfo c) { return SigwaitRules.sigwaitinfo(k, actor, c.uid()); }
    @Override public List<Outcome> sigaction(ProcessCall.Sigaction c) { return one(SigactionRules.sigaction(k, actor, c.sig(), c.ignore(), c.noCldWait(), false)); }
    @Override public List<Outcome> signalDelivery(Syscall.SignalDelivery c) { return one(SignalRules.getSignal(v, k, actor, exitStatus)); }

    // ---- ipc/msg.c, ipc/sem.c, ipc/shm.c ----------------------------------------------------
    @Override public List<Outcome> msgget(Syscall.Msgget c) { return one(MsgRules.msgget(k, actor)); }
    @Override public List<Outcome> msgsnd(Syscall.Msgsnd c) { return one(MsgRules.msgsnd(k, actor)); }
    @Override public List<Outcome> msgrcv(Syscall.Msgrcv c) { return one(MsgRules.msgrcv(k, actor)); }
    @Override public List<Outcome> msgStat(Syscall.MsgStat c) { return one(MsgRules.msgctlStat(v, k, actor, c.receiver())); }
    @Override public List<Outcome> semget(Syscall.Semget c) { return one(SemRules.semget(k, actor)); }
    @Override public List<Outcome> semop(Syscall.Semop c) { return SemRules.semtimedop(k, actor, c.op()); }
    @Override public List<Outcome> semGetpid(Syscall.SemGetpid c) { return one(SemRules.semctlGetpid(v, k, actor)); }
    @Override public List<Outcome> semGetval(Syscall.SemGetval c) { return one(SemRules.semctlGetval(k, actor)); }
    @Override public List<Outcome> semRmid(Syscall.SemRmid c) { return one(SemRules.semctlRmid(k, actor)); }
    @Override public List<Outcome> shmget(Syscall.Shmget c) { return one(ShmRules.shmget(k, actor)); }
    @Override public List<Outcome> shmAttach(Syscall.ShmAttach c) { return one(ShmRules.shmatShmdt(k, actor)); }
    @Override public List<Outcome> shmStat(Syscall.ShmStat c) { return one(ShmRules.shmctlStat(v, k, actor, c.last())); }

    // ---- net/unix/af_unix.c, net/core/scm.c ---------------------------------------------------
    @Override public List<Outcome> send(Syscall.Send c) { return one(AfUnixRules.sendmsg(k, actor, c.fd())); }
    @Override public List<Outcome> sendCreds(Syscall.SendCreds c) { return one(ScmRules.scmSend(v, k, actor, c.fd(), c.pid(), c.uid())); }
    @Override public List<Outcome> recvCreds(Syscall.RecvCreds c) { return one(AfUnixRules.recvmsg(v, k, actor, c.fd(), c.uid())); }
    @Override public List<Outcome> peerCredQuery(Syscall.PeerCredQuery c) { return one(AfUnixRules.soPeercred(v, k, actor, c.fd(), c.uid())); }
    @Override public List<Outcome> socketpair(SocketCall.Socketpair c) { return one(AfUnixRules.socketpair(k, actor, c.type())); }

    // ---- kernel/user_namespace.c --------------------------------------------------------------
    @Override public List<Outcome> writeIdMaps(Syscall.WriteIdMaps c) { return one(UserNamespaceRules.mapWrite(k, actor)); }

    // ---- kernel/futex/ ------------------------------------------------------------------------
    @Override public List<Outcome> futexWait(Syscall.FutexWait c) { return one(FutexWaitwakeRules.futexWait(v, k, actor, c.word(), c.expected())); }
    @Override public List<Outcome> futexWake(Syscall.FutexWake c) { return one(FutexWaitwakeRules.futexWake(k, c.word(), c.count())); }
    @Override public List<Outcome> futexLockPi(Syscall.FutexLockPi c) { return one(FutexPiRules.futexLockPi(v, k, actor, c.word(), false)); }
    @Override public List<Outcome> futexTrylockPi(Syscall.FutexTrylockPi c) { return one(FutexPiRules.futexLockPi(v, k, actor, c.word(), true)); }
    @Override public List<Outcome> futexUnlockPi(Syscall.FutexUnlockPi c) { return one(FutexPiRules.futexUnlockPi(v, k, actor, c.word())); }
    @Override public List<Outcome> futexReturn(Syscall.FutexReturn c) { return one(FutexCoreRules.futexReturn(v, k, actor)); }

    // ---- fs/fcntl.c (async I/O owners), fs/pipe.c -------------------------------------------
    @Override public List<Outcome> fSetown(AsyncIoCall.Setown c) { return one(FcntlRules.fSetown(v, k, actor, c.pid())); }
    @Override public List<Outcome> fSetownEx(AsyncIoCall.SetownEx c) { return one(FcntlRules.fSetownEx(v, k, actor, c.type(), c.pid())); }
    @Override public List<Outcome> fGetown(AsyncIoCall.Getown c) { return one(FcntlRules.fGetown(v, k, actor)); }
    @Override public List<Outcome> fSetsig(AsyncIoCall.Setsig c) { return one(FcntlRules.fSetsig(k, c.sig())); }
    @Override public List<Outcome> pipeWrite(AsyncIoCall.PipeWrite c) { return one(FcntlRules.pipeWrite(v, k, actor)); }
    @Override public List<Outcome> sigwaitSigio(AsyncIoCall.SigwaitSigio c) { return FcntlRules.sigwaitSigio(k, actor, c.field()); }

    // ---- ipc/mqueue.c ------------------------------------------------------------------------
    @Override public List<Outcome> mqOpen(MqueueCall.Open c) { return one(MqueueRules.mqOpen(k, actor)); }
    @Override public List<Outcome> mqSend(MqueueCall.Send c) { return one(MqueueRules.mqTimedsend(v, k, actor)); }
    @Override public List<Outcome> mqReceive(MqueueCall.Receive c) { return one(MqueueRules.mqTimedreceive(k, actor)); }
    @Override public List<Outcome> mqNotify(MqueueCall.Notify c) { return one(MqueueRules.doMqNotify(k, actor, c.register())); }
    // ---- file descriptors: kernel/pid.c, kernel/signal.c, kernel/exit.c, fs/open.c ----------------
    @Override public List<Outcome> pidfdOpen(FdCalls.PidfdOpen c) { return one(PidRules.pidfdOpen(v, k, actor, c.pid(), c.flags())); }
    @Override public List<Outcome> pidfdSendSignal(FdCalls.PidfdSendSignal c) { return one(SignalRules.pidfdSendSignal(v, k, actor, c.fd(), c.sig(), c.flags())); }
    @Override public List<Outcome> waitidPidfd(FdCalls.WaitidPidfd c) { return ExitRules.waitidPidfd(v, k, actor, c.fd(), c.nohang()); }
    @Override public List<Outcome> close(FdCalls.Close c) { return one(OpenRules.close(k, actor, c.fd())); }

    // ---- namespace files: fs/proc/namespaces.c, fs/nsfs.c, kernel/nsproxy.c ---------------------
    @Override public List<Outcome> nsOpen(FdCalls.NsOpen c) { return one(NsfsRules.nsOpen(k, actor, c.kind())); }
    @Override public List<Outcome> setnsFd(FdCalls.SetnsFd c) { return one(NsproxyRules.setnsFd(v, k, actor, c.fd(), c.nstype())); }
    @Override public List<Outcome> nsIoctl(FdCalls.NsIoctl c) { return one(NsfsRules.nsIoctl(v, k, actor, c.fd(), c.op(), c.arg())); }
    @Override public List<Outcome> nsOpenOther(NsfsCall.OpenOther c) { return one(NsNameRules.openOther(v, k, actor, c.pid(), c.kind())); }
    @Override public List<Outcome> nsSameInode(NsfsCall.SameInode c) { return one(NsNameRules.sameInode(k, actor, c.fd1(), c.fd2())); }
    @Override public List<Outcome> rtSigqueueinfo(Syscall.RtSigqueueinfo c) { return one(SigqueueinfoRules.rtSigqueueinfo(v, k, actor, c.pid(), c.code(), c.siPid(), c.siUid())); }
    @Override public List<Outcome> setRobustList(Syscall.SetRobustList c) { return one(FutexSyscallsRules.setRobustList(k, actor, c.words(), c.pending(), c.pi())); }

    // ---- fs/proc -----------------------------------------------------------------------------
    @Override public List<Outcome> mountProc(ProcCall.MountProc c) { return one(ProcRules.mountProc(k, actor)); }
    @Override public List<Outcome> readlinkSelf(ProcCall.ReadlinkSelf c) { return one(ProcRules.readlinkSelf(v, k, actor, c.thread())); }
    @Override public List<Outcome> statusNspid(ProcCall.StatusNspid c) { return one(ProcRules.statusNspid(v, k, actor, c.pid(), c.entry())); }

    // ---- kernel/signal.c: handlers and masks --------------------------------------------------
    @Override public List<Outcome> setHandler(HandlerCall.SetHandler c) { return one(SigactionRules.sigaction(k, actor, c.sig(), false, c.noCldWait(), true)); }
    @Override public List<Outcome> sigprocmask(HandlerCall.Sigprocmask c) { return one(HandlerRules.sigprocmask(v, k, actor, c.how(), c.set())); }
    @Override public List<Outcome> sigpending(HandlerCall.Sigpending c) { return one(HandlerRules.sigpending(k, actor)); }
    @Override public List<Outcome> handled(HandlerCall.Handled c) { return one(HandlerRules.handled(k, actor, c.field())); }
}
