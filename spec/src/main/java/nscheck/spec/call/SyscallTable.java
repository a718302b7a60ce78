package nscheck.spec.call;

/**
 * One entry per call type, as the kernel's sys_call_table has one per system call: the spec's rules
 * ({@code nscheck.spec.rules.CallRules}), the names model files use ({@link CallFamily}) and the probe's
 * operations (checkers' conform) each implement it, so a call type without a rule, a family or a probe
 * mapping does not compile. Calls reach it through {@link Syscall#accept}; no caller tests a call's type.
 */
public interface SyscallTable<R> {
    R clone(Syscall.Clone call);
    R unshare(Syscall.Unshare call);
    R setns(Syscall.Setns call);
    R exit(Syscall.Exit call);
    R waitpid(Syscall.Wait call);
    R getpid(Syscall.GetPid call);
    R getppid(Syscall.GetPpid call);
    R kill(Syscall.Kill call);
    R readNsLastPid(Syscall.ReadNsLastPid call);
    R writeNsLastPid(Syscall.WriteNsLastPid call);
    R setChildSubreaper(Syscall.SetChildSubreaper call);
    R signalDelivery(Syscall.SignalDelivery call);
    R sigBlock(Syscall.SigBlock call);
    R sigqueue(Syscall.Sigqueue call);
    R tgkill(Syscall.Tgkill call);
    R setpgid(ProcessCall.Setpgid call);
    R sigwaitinfo(Syscall.Sigwaitinfo call);
    R setsid(ProcessCall.Setsid call);
    R getsid(ProcessCall.Getsid call);
    R getpgid(ProcessCall.Getpgid call);
    R waitStatus(ProcessCall.WaitStatus call);
    R waitid(ProcessCall.Waitid call);
    R sigaction(ProcessCall.Sigaction call);
    R msgget(Syscall.Msgget call);
    R msgsnd(Syscall.Msgsnd call);
    R msgrcv(Syscall.Msgrcv call);
    R msgStat(Syscall.MsgStat call);
    R semget(Syscall.Semget call);
    R semop(Syscall.Semop call);
    R semGetpid(Syscall.SemGetpid call);
    R semGetval(Syscall.SemGetval call);
    R semRmid(Syscall.SemRmid call);
    R shmget(Syscall.Shmget call);
    R shmAttach(Syscall.ShmAttach call);
    R shmStat(Syscall.ShmStat call);
    R send(Syscall.Send call);
    R sendCreds(Syscall.SendCreds call);
    R recvCreds(Syscall.RecvCreds call);
    R peerCredQuery(Syscall.PeerCredQuery call);
    R writeIdMaps(Syscall.WriteIdMaps call);
    R setuid(Syscall.Setuid call);
    R gettid(Syscall.GetTid call);
    R futexWait(Syscall.FutexWait call);
    R futexWake(Syscall.FutexWake call);
    R futexLockPi(Syscall.FutexLockPi call);
    R futexTrylockPi(Syscall.FutexTrylockPi call);
    R futexUnlockPi(Syscall.FutexUnlockPi call);
    R futexReturn(Syscall.FutexReturn call);
    R clone3(Syscall.Clone3 call);
    R cloneWithPids(Syscall.CloneWithPids call);
    R execns(Syscall.Execns call);
    // ---- async I/O owners (fs/fcntl.c, fs/pipe.c) ----
    R fSetown(AsyncIoCall.Setown call);
    R fSetownEx(AsyncIoCall.SetownEx call);
    R fGetown(AsyncIoCall.Getown call);
    R fSetsig(AsyncIoCall.Setsig call);
    R pipeWrite(AsyncIoCall.PipeWrite call);
    R sigwaitSigio(AsyncIoCall.SigwaitSigio call);
    // ---- POSIX message queues (ipc/mqueue.c) ----
    R mqOpen(MqueueCall.Open call);
    R mqSend(MqueueCall.Send call);
    R mqReceive(MqueueCall.Receive call);
    R mqNotify(MqueueCall.Notify call);
    // file descriptors: pidfds, namespace files, close (FdCalls)
    R pidfdOpen(FdCalls.PidfdOpen call);
    R pidfdSendSignal(FdCalls.PidfdSendSignal call);
    R waitidPidfd(FdCalls.WaitidPidfd call);
    R close(FdCalls.Close call);
    R nsOpen(FdCalls.NsOpen call);
    R setnsFd(FdCalls.SetnsFd call);
    R nsIoctl(FdCalls.NsIoctl call);
    R nsOpenOther(NsfsCall.OpenOther call);
    R nsSameInode(NsfsCall.SameInode call);
    R setRobustList(Syscall.SetRobustList call);
    R rtSigqueueinfo(Syscall.RtSigqueueinfo call);
    // ---- /proc views (fs/proc) ----
    R mountProc(ProcCall.MountProc call);
    R readlinkSelf(ProcCall.ReadlinkSelf call);
    R statusNspid(ProcCall.StatusNspid call);
    // ---- job control (kernel/exit.c) ----
    R waitUntraced(JobCall.WaitUntraced call);
    R blockJobSignals(JobCall.BlockJobSignals call);
    R sigwaitJobSignals(JobCall.SigwaitJobSignals call);
    // ---- Unix socket pairs (net/unix/af_unix.c) ----
    R socketpair(SocketCall.Socketpair call);
    // ---- handlers and masks (kernel/signal.c) ----
    R setHandler(HandlerCall.SetHandler call);
    R sigprocmask(HandlerCall.Sigprocmask call);
    R sigpending(HandlerCall.Sigpending call);
    R handled(HandlerCall.Handled call);
}
