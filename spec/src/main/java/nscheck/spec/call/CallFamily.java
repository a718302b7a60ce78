package nscheck.spec.call;

/**
 * The family of each call: the name model files list in a menu ({@code model/kernel/CallMenu}) and
 * coverage reports count. Families split a call type where its arguments make it a different
 * operation for a model (kill to one pid, to a group, or as a probe).
 */
public final class CallFamily implements SyscallTable<String> {
    public static final CallFamily NAMES = new CallFamily();

    private CallFamily() {}

    @Override public String clone(Syscall.Clone call) {
        if (CloneFlags.has(call.flags(), CloneFlags.CLONE_NEWIPC)) return CloneFlags.has(call.flags(), CloneFlags.CLONE_SYSVSEM) ? "clone-newipc-sysvsem" : "clone-newipc";
        if (CloneFlags.has(call.flags(), CloneFlags.CLONE_SYSVSEM)) return "clone-sysvsem";
        if (CloneFlags.has(call.flags(), CloneFlags.CLONE_NEWUSER)) return "clone-newuser-newpid";
        return CloneFlags.has(call.flags(), CloneFlags.CLONE_THREAD) ? "clone-thread"
                : CloneFlags.has(call.flags(), CloneFlags.CLONE_NEWPID) ? "clone-newpid"
                : CloneFlags.has(call.flags(), CloneFlags.CLONE_PARENT) ? "clone-parent" : "clone";
    }
    @Override public String unshare(Syscall.Unshare call) {
        if (CloneFlags.has(call.flags(), CloneFlags.CLONE_NEWUSER))
            return CloneFlags.has(call.flags(), CloneFlags.CLONE_NEWPID) ? "unshare-newuser-newpid" : "unshare-newuser";
        if (CloneFlags.has(call.flags(), CloneFlags.CLONE_NEWIPC)) return "unshare-newipc";
        if (CloneFlags.has(call.flags(), CloneFlags.CLONE_SYSVSEM)) return "unshare-sysvsem";
        return "unshare-newpid";
    }
    @Override public String setns(Syscall.Setns call) { return "setns"; }
    @Override public String exit(Syscall.Exit call) { return call.status() == 0 ? "exit" : "exit-status"; }
    @Override public String waitpid(Syscall.Wait call) { return call.pid() == -1 ? "wait" : "waitpid"; }
    @Override public String getpid(Syscall.GetPid call) { return "getpid"; }
    @Override public String getppid(Syscall.GetPpid call) { return "getppid"; }
    @Override public String kill(Syscall.Kill call) { return call.sig() == Signals.SIGSTOP ? "kill-stop" : call.sig() == Signals.SIGCONT && call.pid() > 0 ? "kill-cont" : (call.pid() == 0 || call.pid() < -1) ? "kill-pgrp" : call.sig() == 0 ? "kill-probe" : call.sig() == Signals.SIGTERM ? "kill-term" : call.sig() == Signals.SIGUSR1 ? "kill-usr1" : call.sig() == Signals.SIGUSR2 ? "kill-usr2" : call.sig() == Signals.SIGHUP ? "kill-hup" : "kill"; }
    @Override public String readNsLastPid(Syscall.ReadNsLastPid call) { return "ns-last-pid-read"; }
    @Override public String writeNsLastPid(Syscall.WriteNsLastPid call) { return "ns-last-pid-write"; }
    @Override public String setChildSubreaper(Syscall.SetChildSubreaper call) { return "subreaper"; }
    @Override public String signalDelivery(Syscall.SignalDelivery call) { return "signal-delivery"; }
    @Override public String sigBlock(Syscall.SigBlock call) { return "sigblock"; }
    @Override public String sigqueue(Syscall.Sigqueue call) { return "sigqueue"; }
    @Override public String tgkill(Syscall.Tgkill call) { return "tgkill"; }
    @Override public String setpgid(ProcessCall.Setpgid call) { return call.pid() == 0 && call.pgid() == 0 ? "setpgid" : "setpgid-any"; }
    @Override public String setsid(ProcessCall.Setsid call) { return "setsid"; }
    @Override public String getsid(ProcessCall.Getsid call) { return "getsid"; }
    @Override public String getpgid(ProcessCall.Getpgid call) { return "getpgid"; }
    @Override public String waitStatus(ProcessCall.WaitStatus call) { return call.pid() == -1 ? "wait-status" : call.pid() > 0 ? "waitpid-status" : "waitpid-pgrp"; }
    @Override public String waitid(ProcessCall.Waitid call) { return "waitid"; }
    @Override public String sigaction(ProcessCall.Sigaction call) {
        // SIG_DFL and SIG_IGN of the signals beyond SIGUSR1 and SIGCHLD come with their handler's family
        int sig = call.sig();
        return Signals.CATCHABLE.contains(sig) && sig != Signals.SIGUSR1 && sig != Signals.SIGCHLD ? "sighandler-" + shortName(sig) : "sigaction";
    }
    @Override public String sigwaitinfo(Syscall.Sigwaitinfo call) { return call.uid() ? "sigwaitinfo-uid" : "sigwaitinfo"; }
    @Override public String msgget(Syscall.Msgget call) { return "msgget"; }
    @Override public String msgsnd(Syscall.Msgsnd call) { return "msgsnd"; }
    @Override public String msgrcv(Syscall.Msgrcv call) { return "msgrcv"; }
    @Override public String msgStat(Syscall.MsgStat call) { return "msg-stat"; }
    @Override public String semget(Syscall.Semget call) { return "semget"; }
    @Override public String semop(Syscall.Semop call) { return "semop"; }
    @Override public String semGetpid(Syscall.SemGetpid call) { return "sem-getpid"; }
    @Override public String semGetval(Syscall.SemGetval call) { return "sem-getval"; }
    @Override public String semRmid(Syscall.SemRmid call) { return "sem-rmid"; }
    @Override public String shmget(Syscall.Shmget call) { return "shmget"; }
    @Override public String shmAttach(Syscall.ShmAttach call) { return "shmat"; }
    @Override public String shmStat(Syscall.ShmStat call) { return "shm-stat"; }
    @Override public String send(Syscall.Send call) { return "send"; }
    @Override public String sendCreds(Syscall.SendCreds call) { return "send-creds"; }
    @Override public String recvCreds(Syscall.RecvCreds call) { return call.uid() ? "recv-creds-uid" : "recv-creds"; }
    @Override public String peerCredQuery(Syscall.PeerCredQuery call) { return call.uid() ? "peercred-uid" : "peercred"; }
    @Override public String writeIdMaps(Syscall.WriteIdMaps call) { return "uid-map"; }
    @Override public String setuid(Syscall.Setuid call) { return "setuid"; }
    @Override public String gettid(Syscall.GetTid call) { return "gettid"; }
    @Override public String futexWait(Syscall.FutexWait call) { return "futex-wait"; }
    @Override public String futexWake(Syscall.FutexWake call) { return "futex-wake"; }
    @Override public String futexLockPi(Syscall.FutexLockPi call) { return "futex-lock-pi"; }
    @Override public String futexTrylockPi(Syscall.FutexTrylockPi call) { return "futex-trylock-pi"; }
    @Override public String futexUnlockPi(Syscall.FutexUnlockPi call) { return "futex-unlock-pi"; }
    @Override public String futexReturn(Syscall.FutexReturn call) { return "futex-return"; }
    @Override public String clone3(Syscall.Clone3 call) { return "clone3-set-tid"; }
    @Override public String cloneWithPids(Syscall.CloneWithPids call) { return "clone-with-pids"; }
    @Override public String execns(Syscall.Execns call) { return "execns"; }
    // async I/O owners (fs/fcntl.c)
    @Override public String fSetown(AsyncIoCall.Setown call) { return call.pid() < 0 ? "f-setown-pgrp" : "f-setown"; }
    @Override public String fSetownEx(AsyncIoCall.SetownEx call) { return "f-setown-ex"; }
    @Override public String fGetown(AsyncIoCall.Getown call) { return "f-getown"; }
    @Override public String fSetsig(AsyncIoCall.Setsig call) { return "f-setsig"; }
    @Override public String pipeWrite(AsyncIoCall.PipeWrite call) { return "pipe-write"; }
    @Override public String sigwaitSigio(AsyncIoCall.SigwaitSigio call) { return "sigwaitinfo-sigio"; }
    // POSIX message queues (ipc/mqueue.c)
    @Override public String mqOpen(MqueueCall.Open call) { return "mq-open"; }
    @Override public String mqSend(MqueueCall.Send call) { return "mq-send"; }
    @Override public String mqReceive(MqueueCall.Receive call) { return "mq-receive"; }
    @Override public String mqNotify(MqueueCall.Notify call) { return "mq-notify"; }
    // file descriptors (FdCalls)
    @Override public String pidfdOpen(FdCalls.PidfdOpen call) { return "pidfd-open"; }
    @Override public String pidfdSendSignal(FdCalls.PidfdSendSignal call) { return "pidfd-send-signal"; }
    @Override public String waitidPidfd(FdCalls.WaitidPidfd call) { return "waitid-pidfd"; }
    @Override public String close(FdCalls.Close call) { return "close"; }
    @Override public String nsOpen(FdCalls.NsOpen call) { return "ns-open"; }
    @Override public String setnsFd(FdCalls.SetnsFd call) { return "setns-fd"; }
    @Override public String nsIoctl(FdCalls.NsIoctl call) {
        if (call.op() == FdCalls.NS_GET_ID || call.op() == FdCalls.NS_GET_OWNER_UID) return "ns-ids";
        return call.op() >= FdCalls.NS_GET_PID_FROM_PIDNS && call.op() <= FdCalls.NS_GET_TGID_IN_PIDNS ? "ns-ioctl-pid" : "ns-ioctl";
    }
    @Override public String nsOpenOther(NsfsCall.OpenOther call) { return "ns-open-pid"; }
    @Override public String nsSameInode(NsfsCall.SameInode call) { return "ns-ids"; }
    @Override public String setRobustList(Syscall.SetRobustList call) { return "set-robust-list"; }
    @Override public String rtSigqueueinfo(Syscall.RtSigqueueinfo call) { return "rt-sigqueueinfo"; }
    // /proc views (fs/proc)
    @Override public String mountProc(ProcCall.MountProc call) { return "mount-proc"; }
    @Override public String readlinkSelf(ProcCall.ReadlinkSelf call) { return "proc-self"; }
    @Override public String statusNspid(ProcCall.StatusNspid call) { return "proc-nspid"; }
    // job control (kernel/signal.c, kernel/exit.c)
    @Override public String waitUntraced(JobCall.WaitUntraced call) { return "wait-untraced"; }
    @Override public String blockJobSignals(JobCall.BlockJobSignals call) { return "sigblock-job"; }
    @Override public String sigwaitJobSignals(JobCall.SigwaitJobSignals call) { return "sigwaitinfo-job"; }
    // Unix socket pairs (net/unix/af_unix.c)
    @Override public String socketpair(SocketCall.Socketpair call) { return call.type() == SocketCall.SOCK_DGRAM ? "socketpair-dgram" : "socketpair"; }
    // handlers and masks (kernel/signal.c)
    @Override public String setHandler(HandlerCall.SetHandler call) { return "sighandler-" + (Signals.kernelOnly(call.sig()) ? "kill" : shortName(call.sig())); }
    @Override public String sigprocmask(HandlerCall.Sigprocmask call) {
        boolean one = call.how() != HandlerCall.SIG_SETMASK && Long.bitCount(call.set()) == 1 && Signals.CATCHABLE.contains(Long.numberOfTrailingZeros(call.set()) + 1);
        return one ? "sigmask-" + shortName(Long.numberOfTrailingZeros(call.set()) + 1) : "sigmask-setmask";
    }
    private static String shortName(int sig) { return Signals.name(sig).substring(3).toLowerCase(); }
    @Override public String sigpending(HandlerCall.Sigpending call) { return "sigpending"; }
    @Override public String handled(HandlerCall.Handled call) { return "handled"; }
}
