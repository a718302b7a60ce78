package nscheck.spec.call;

/**
 * A {@link SyscallTable} for code that cares about a few call types only (a menu filter, a child
 * slot after clone): every entry it does not override answers {@link #otherwise}. Rules and probe
 * mappings implement the full table instead, so that a new call type cannot be forgotten there.
 */
public abstract class PartialSyscallTable<R> implements SyscallTable<R> {
    /** The answer for every call type this table does not single out. */
    protected abstract R otherwise(Syscall call);

    @Override public R clone(Syscall.Clone call) { return otherwise(call); }
    @Override public R unshare(Syscall.Unshare call) { return otherwise(call); }
    @Override public R setns(Syscall.Setns call) { return otherwise(call); }
    @Override public R exit(Syscall.Exit call) { return otherwise(call); }
    @Override public R waitpid(Syscall.Wait call) { return otherwise(call); }
    @Override public R getpid(Syscall.GetPid call) { return otherwise(call); }
    @Override public R getppid(Syscall.GetPpid call) { return otherwise(call); }
    @Override public R kill(Syscall.Kill call) { return otherwise(call); }
    @Override public R readNsLastPid(Syscall.ReadNsLastPid call) { return otherwise(call); }
    @Override public R writeNsLastPid(Syscall.WriteNsLastPid call) { return otherwise(call); }
    @Override public R setChildSubreaper(Syscall.SetChildSubreaper call) { return otherwise(call); }
    @Override public R signalDelivery(Syscall.SignalDelivery call) { return otherwise(call); }
    @Override public R sigBlock(Syscall.SigBlock call) { return otherwise(call); }
    @Override public R sigqueue(Syscall.Sigqueue call) { return otherwise(call); }
    @Override public R tgkill(Syscall.Tgkill call) { return otherwise(call); }
    @Override public R setpgid(ProcessCall.Setpgid call) { return otherwise(call); }
    @Override public R sigwaitinfo(Syscall.Sigwaitinfo call) { return otherwise(call); }
    @Override public R setsid(ProcessCall.Setsid call) { return otherwise(call); }
    @Override public R getsid(ProcessCall.Getsid call) { return otherwise(call); }
    @Override public R getpgid(ProcessCall.Getpgid call) { return otherwise(call); }
    @Override public R waitStatus(ProcessCall.WaitStatus call) { return otherwise(call); }
    @Override public R waitid(ProcessCall.Waitid call) { return otherwise(call); }
    @Override public R sigaction(ProcessCall.Sigaction call) { return otherwise(call); }
    @Override public R msgget(Syscall.Msgget call) { return otherwise(call); }
    @Override public R msgsnd(Syscall.Msgsnd call) { return otherwise(call); }
    @Override public R msgrcv(Syscall.Msgrcv call) { return otherwise(call); }
    @Override public R msgStat(Syscall.MsgStat call) { return otherwise(call); }
    @Override public R semget(Syscall.Semget call) { return otherwise(call); }
    @Override public R semop(Syscall.Semop call) { return otherwise(call); }
    @Override public R semGetpid(Syscall.SemGetpid call) { return otherwise(call); }
    @Override public R semGetval(Syscall.SemGetval call) { return otherwise(call); }
    @Override public R semRmid(Syscall.SemRmid call) { return otherwise(call); }
    @Override public R shmget(Syscall.Shmget call) { return otherwise(call); }
    @Override public R shmAttach(Syscall.ShmAttach call) { return otherwise(call); }
    @Override public R shmStat(Syscall.ShmStat call) { return otherwise(call); }
    @Override public R send(Syscall.Send call) { return otherwise(call); }
    @Override public R sendCreds(Syscall.SendCreds call) { return otherwise(call); }
    @Override public R recvCreds(Syscall.RecvCreds call) { return otherwise(call); }
    @Override public R peerCredQuery(Syscall.PeerCredQuery call) { return otherwise(call); }
    @Override public R writeIdMaps(Syscall.WriteIdMaps call) { return otherwise(call); }
    @Override public R setuid(Syscall.Setuid call) { return otherwise(call); }
    @Override public R gettid(Syscall.GetTid call) { return otherwise(call); }
    @Override public R futexWait(Syscall.FutexWait call) { return otherwise(call); }
    @Override public R futexWake(Syscall.FutexWake call) { return otherwise(call); }
    @Override public R futexLockPi(Syscall.FutexLockPi call) { return otherwise(call); }
    @Override public R futexTrylockPi(Syscall.FutexTrylockPi call) { return otherwise(call); }
    @Override public R futexUnlockPi(Syscall.FutexUnlockPi call) { return otherwise(call); }
    @Override public R futexReturn(Syscall.FutexReturn call) { return otherwise(call); }
    @Override public R clone3(Syscall.Clone3 call) { return otherwise(call); }
    @Override public R cloneWithPids(Syscall.CloneWithPids call) { return otherwise(call); }
    @Override public R execns(Syscall.Execns call) { return otherwise(call); }
    @Override public R fSetown(AsyncIoCall.Setown call) { return otherwise(call); }
    @Override public R fSetownEx(AsyncIoCall.SetownEx call) { return otherwise(call); }
    @Override public R fGetown(AsyncIoCall.Getown call) { return otherwise(call); }
    @Override public R fSetsig(AsyncIoCall.Setsig call) { return otherwise(call); }
    @Override public R pipeWrite(AsyncIoCall.PipeWrite call) { return otherwise(call); }
    @Override public R sigwaitSigio(AsyncIoCall.SigwaitSigio call) { return otherwise(call); }
    @Override public R mqOpen(MqueueCall.Open call) { return otherwise(call); }
    @Override public R mqSend(MqueueCall.Send call) { return otherwise(call); }
    @Override public R mqReceive(MqueueCall.Receive call) { return otherwise(call); }
    @Override public R mqNotify(MqueueCall.Notify call) { return otherwise(call); }
    @Override public R pidfdOpen(FdCalls.PidfdOpen call) { return otherwise(call); }
    @Override public R pidfdSendSignal(FdCalls.PidfdSendSignal call) { return otherwise(call); }
    @Override public R waitidPidfd(FdCalls.WaitidPidfd call) { return otherwise(call); }
    @Override public R close(FdCalls.Close call) { return otherwise(call); }
    @Override public R nsOpen(FdCalls.NsOpen call) { return otherwise(call); }
    @Override public R setnsFd(FdCalls.SetnsFd call) { return otherwise(call); }
    @Override public R nsIoctl(FdCalls.NsIoctl call) { return otherwise(call); }
    @Override public R nsOpenOther(NsfsCall.OpenOther call) { return otherwise(call); }
    @Override public R nsSameInode(NsfsCall.SameInode call) { return otherwise(call); }
    @Override public R setRobustList(Syscall.SetRobustList call) { return otherwise(call); }
    @Override public R rtSigqueueinfo(Syscall.RtSigqueueinfo call) { return otherwise(call); }
    @Override public R mountProc(ProcCall.MountProc call) { return otherwise(call); }
    @Override public R readlinkSelf(ProcCall.ReadlinkSelf call) { return otherwise(call); }
    @Override public R statusNspid(ProcCall.StatusNspid call) { return otherwise(call); }
    @Override public R waitUntraced(JobCall.WaitUntraced call) { return otherwise(call); }
    @Override public R blockJobSignals(JobCall.BlockJobSignals call) { return otherwise(call); }
    @Override public R sigwaitJobSignals(JobCall.SigwaitJobSignals call) { return otherwise(call); }
    @Override public R socketpair(SocketCall.Socketpair call) { return otherwise(call); }
    @Override public R setHandler(HandlerCall.SetHandler call) { return otherwise(call); }
    @Override public R sigprocmask(HandlerCall.Sigprocmask call) { return otherwise(call); }
    @Override public R sigpending(HandlerCall.Sigpending call) { return otherwise(call); }
    @Override public R handled(HandlerCall.Handled call) { return otherwise(call); }
}
