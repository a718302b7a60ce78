package nscheck.spec;

import nscheck.spec.call.AsyncIoCall;
import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.HandlerCall;
import nscheck.spec.call.JobCall;
import nscheck.spec.call.MqueueCall;
import nscheck.spec.call.NsfsCall;
import nscheck.spec.call.ProcCall;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.SiCode;
import nscheck.spec.call.Signals;
import nscheck.spec.call.SocketCall;
import nscheck.spec.call.Syscall;

import java.util.List;

/** One call of every call type (CallTypes.all()), for the tests that ask a question of each. */
final class EveryCall {
    private EveryCall() {}

    static final List<Syscall> ONE_OF_EACH = List.of(
            new Syscall.Clone(0), new Syscall.Unshare(CloneFlags.CLONE_NEWPID), new Syscall.Setns(2), new Syscall.Exit(0),
            new Syscall.Wait(-1), new Syscall.GetPid(), new Syscall.GetPpid(), new Syscall.Kill(2, Signals.SIGKILL),
            new Syscall.ReadNsLastPid(), new Syscall.WriteNsLastPid(3), new Syscall.SetChildSubreaper(), Syscall.SIGNAL_DELIVERY,
            new Syscall.SigBlock(), new Syscall.Sigqueue(2), new Syscall.Tgkill(2, 2), new Syscall.Sigwaitinfo(false),
            new Syscall.Msgget(), new Syscall.Msgsnd(), new Syscall.Msgrcv(), new Syscall.MsgStat(false),
            new Syscall.Semget(), new Syscall.Semop(1), new Syscall.SemGetpid(), new Syscall.SemGetval(), new Syscall.SemRmid(),
            new Syscall.Shmget(), new Syscall.ShmAttach(), new Syscall.ShmStat(false),
            new Syscall.Send(3), new Syscall.SendCreds(3, 1, 0), new Syscall.RecvCreds(4, false), new Syscall.PeerCredQuery(4, false),
            new Syscall.WriteIdMaps(), new Syscall.Setuid(0), new Syscall.GetTid(),
            new Syscall.FutexWait(1, 0), new Syscall.FutexWake(2, 1), new Syscall.FutexLockPi(3), new Syscall.FutexTrylockPi(4),
            new Syscall.FutexUnlockPi(5), Syscall.FUTEX_RETURN,
            new Syscall.Clone3(0, List.of(5)), new Syscall.CloneWithPids(0, List.of(0, 5)), new Syscall.Execns(CloneFlags.CLONE_NEWPID),
            new Syscall.SetRobustList(List.of(1, 6), 2, false), new Syscall.RtSigqueueinfo(2, SiCode.SI_QUEUE, 1, 0),
            new AsyncIoCall.Setown(2), new AsyncIoCall.SetownEx(AsyncIoCall.F_OWNER_PID, 2), new AsyncIoCall.Getown(),
            new AsyncIoCall.Setsig(0), new AsyncIoCall.PipeWrite(), new AsyncIoCall.SigwaitSigio(AsyncIoCall.SI_PID),
            new MqueueCall.Open(), new MqueueCall.Send(), new MqueueCall.Receive(), new MqueueCall.Notify(true),
            new FdCalls.PidfdOpen(2, 0), new FdCalls.PidfdSendSignal(3, Signals.SIGKILL, 0), new FdCalls.WaitidPidfd(3, false),
            new FdCalls.Close(3), new FdCalls.NsOpen(0), new FdCalls.SetnsFd(3, CloneFlags.CLONE_NEWPID),
            new FdCalls.NsIoctl(3, FdCalls.NS_GET_PARENT, 0),
            new ProcessCall.Setpgid(), new ProcessCall.Setsid(), new ProcessCall.Getsid(0), new ProcessCall.Getpgid(0),
            new ProcessCall.WaitStatus(-1), new ProcessCall.Waitid(ProcessCall.Waitid.P_ALL, 0, ProcessCall.Waitid.Field.SI_PID),
            new ProcessCall.Sigaction(Signals.SIGUSR1, true, false),
            new ProcCall.MountProc(), new ProcCall.ReadlinkSelf(false), new ProcCall.StatusNspid(1, 0),
            new NsfsCall.OpenOther(1, 0), new NsfsCall.SameInode(3, 4),
            new JobCall.WaitUntraced(-1, false), new JobCall.BlockJobSignals(), new JobCall.SigwaitJobSignals(),
            new SocketCall.Socketpair(SocketCall.SOCK_STREAM),
            new HandlerCall.SetHandler(Signals.SIGUSR1), new HandlerCall.Sigprocmask(HandlerCall.SIG_BLOCK, Signals.bit(Signals.SIGUSR1)),
            new HandlerCall.Sigpending(), new HandlerCall.Handled(HandlerCall.Field.SI_PID));
}
