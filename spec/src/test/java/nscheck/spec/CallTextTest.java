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

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The text a trace prints for each call, strace's form with the spec's arguments: a trace names
 * its steps by it, so each call must say what it passes (its flags, signals, fds and the field it
 * reads back) and no two calls that differ may read alike.
 */
class CallTextTest {
    private static void says(String text, Syscall call) {
        assertEquals(text, call.toString());
    }

    @Test
    void processCallsSayTheirFlagsAndNumbers() {
        says("clone(0)", new Syscall.Clone(0));
        says("clone(CLONE_NEWPID)", new Syscall.Clone(CloneFlags.CLONE_NEWPID));
        says("unshare(CLONE_NEWPID|CLONE_NEWUSER)", new Syscall.Unshare(CloneFlags.CLONE_NEWUSER | CloneFlags.CLONE_NEWPID));
        says("setns(pidfd(4), CLONE_NEWPID)", new Syscall.Setns(4));
        says("exit(3)", new Syscall.Exit(3));
        says("waitpid(-1)", new Syscall.Wait(-1));
        says("getpid()", new Syscall.GetPid());
        says("getppid()", new Syscall.GetPpid());
        says("gettid()", new Syscall.GetTid());
        says("kill(-3, SIGTERM)", new Syscall.Kill(-3, Signals.SIGTERM));
        says("kill(2, 0)", new Syscall.Kill(2, 0));
        says("read(ns_last_pid)", new Syscall.ReadNsLastPid());
        says("write(ns_last_pid, 7)", new Syscall.WriteNsLastPid(7));
        says("prctl(PR_SET_CHILD_SUBREAPER, 1)", new Syscall.SetChildSubreaper());
        says("<fatal signal delivered>", Syscall.SIGNAL_DELIVERY);
        says("clone3(CLONE_NEWPID, set_tid=[5, 1])", new Syscall.Clone3(CloneFlags.CLONE_NEWPID, List.of(5, 1)));
        says("clone_with_pids(0, pids=[0, 4])", new Syscall.CloneWithPids(0, List.of(0, 4)));
        says("execns(CLONE_NEWPID)", new Syscall.Execns(CloneFlags.CLONE_NEWPID));
        says("write(/proc/self/uid_map, \"0 <euid> 1\")", new Syscall.WriteIdMaps());
        says("setuid(1000)", new Syscall.Setuid(1000));
    }

    @Test
    void signalCallsSayTheSignalAndTheFieldTheyReadBack() {
        says("sigprocmask(SIG_BLOCK, {SIGUSR1,SIGCHLD})", new Syscall.SigBlock());
        says("sigqueue(3, SIGUSR1)", new Syscall.Sigqueue(3));
        says("tgkill(3, 4, SIGUSR1)", new Syscall.Tgkill(3, 4));
        says("sigwaitinfo() -> si_uid", new Syscall.Sigwaitinfo(true));
        says("sigwaitinfo() -> si_pid", new Syscall.Sigwaitinfo(false));
        says("rt_sigqueueinfo(2, SIGUSR1, {SI_QUEUE, pid=9, uid=0})", new Syscall.RtSigqueueinfo(2, SiCode.SI_QUEUE, 9, 0));
        says("rt_sigqueueinfo(2, SIGUSR1, {-2, pid=9, uid=5})", new Syscall.RtSigqueueinfo(2, -2, 9, 5));
    }

    @Test
    void sysvIpcCallsSayWhichFieldTheyRead() {
        says("msgget(KEY, IPC_CREAT)", new Syscall.Msgget());
        says("msgsnd(0, IPC_NOWAIT)", new Syscall.Msgsnd());
        says("msgrcv(0, IPC_NOWAIT)", new Syscall.Msgrcv());
        says("msgctl(0, IPC_STAT) -> msg_lrpid", new Syscall.MsgStat(true));
        says("msgctl(0, IPC_STAT) -> msg_lspid", new Syscall.MsgStat(false));
        says("semget(KEY, 1, IPC_CREAT)", new Syscall.Semget());
        says("semop(0, {0, +1, SEM_UNDO})", new Syscall.Semop(1));
        says("semop(0, {0, -1, SEM_UNDO})", new Syscall.Semop(-1));
        says("semop(0, {0, 0, SEM_UNDO})", new Syscall.Semop(0));
        says("semctl(0, 0, GETPID)", new Syscall.SemGetpid());
        says("semctl(0, 0, GETVAL)", new Syscall.SemGetval());
        says("semctl(0, 0, IPC_RMID)", new Syscall.SemRmid());
        says("shmget(KEY, 4096, IPC_CREAT)", new Syscall.Shmget());
        says("shmdt(shmat(0))", new Syscall.ShmAttach());
        says("shmctl(0, IPC_STAT) -> shm_lpid", new Syscall.ShmStat(true));
        says("shmctl(0, IPC_STAT) -> shm_cpid", new Syscall.ShmStat(false));
    }

    @Test
    void socketCallsSayTheirFdAndCredentials() {
        says("sendmsg(3)", new Syscall.Send(3));
        says("sendmsg(3, SCM_CREDENTIALS{pid=2, uid=0, gid=getgid()})", new Syscall.SendCreds(3, 2, 0));
        says("recvmsg(4) -> ucred.uid", new Syscall.RecvCreds(4, true));
        says("recvmsg(4) -> ucred.pid", new Syscall.RecvCreds(4, false));
        says("getsockopt(4, SO_PEERCRED) -> uid", new Syscall.PeerCredQuery(4, true));
        says("getsockopt(4, SO_PEERCRED) -> pid", new Syscall.PeerCredQuery(4, false));
        says("socketpair(AF_UNIX, SOCK_STREAM)", new SocketCall.Socketpair(SocketCall.SOCK_STREAM));
        says("socketpair(AF_UNIX, SOCK_DGRAM)", new SocketCall.Socketpair(SocketCall.SOCK_DGRAM));
        says("socketpair(AF_UNIX, 5)", new SocketCall.Socketpair(5));
    }

    @Test
    void futexCallsSayTheirWordAndOperation() {
        says("futex(w1, FUTEX_WAIT, 0)", new Syscall.FutexWait(1, 0));
        says("futex(w0, FUTEX_WAKE, 2)", new Syscall.FutexWake(0, 2));
        says("futex(w2, FUTEX_LOCK_PI)", new Syscall.FutexLockPi(2));
        says("futex(w2, FUTEX_TRYLOCK_PI)", new Syscall.FutexTrylockPi(2));
        says("futex(w2, FUTEX_UNLOCK_PI)", new Syscall.FutexUnlockPi(2));
        says("<futex call returns>", Syscall.FUTEX_RETURN);
        says("set_robust_list({w0 w1; pending w2}, pi)", new Syscall.SetRobustList(List.of(0, 1), 2, true));
        says("set_robust_list({w0})", new Syscall.SetRobustList(List.of(0), -1, false));
        says("set_robust_list({pending w1})", new Syscall.SetRobustList(List.of(), 1, false));
    }

    @Test
    void fdCallsSayTheirFlagsAndTheNamespaceFile() {
        says("pidfd_open(3, 0)", new FdCalls.PidfdOpen(3, 0));
        says("pidfd_open(3, PIDFD_NONBLOCK|PIDFD_THREAD)", new FdCalls.PidfdOpen(3, FdCalls.PIDFD_NONBLOCK | FdCalls.PIDFD_THREAD));
        says("pidfd_open(3, PIDFD_THREAD|0x1)", new FdCalls.PidfdOpen(3, FdCalls.PIDFD_THREAD | 1));
        says("pidfd_send_signal(3, SIGKILL, NULL, 0)", new FdCalls.PidfdSendSignal(3, Signals.SIGKILL, 0));
        says("pidfd_send_signal(3, SIGUSR2, NULL, 0x10)", new FdCalls.PidfdSendSignal(3, Signals.SIGUSR2, 16));
        says("waitid(P_PIDFD, 3, WEXITED|WNOHANG) -> si_pid", new FdCalls.WaitidPidfd(3, true));
        says("waitid(P_PIDFD, 3, WEXITED) -> si_pid", new FdCalls.WaitidPidfd(3, false));
        says("close(3)", new FdCalls.Close(3));
        says("open(/proc/self/ns/pid)", new FdCalls.NsOpen(0));
        says("open(/proc/self/ns/user)", new FdCalls.NsOpen(3));
        says("open(/proc/self/ns/?4)", new FdCalls.NsOpen(4));
        says("open(/proc/self/ns/?-1)", new FdCalls.NsOpen(-1));
        says("setns(3, CLONE_NEWIPC)", new FdCalls.SetnsFd(3, CloneFlags.CLONE_NEWIPC));
        says("ioctl(3, NS_GET_PARENT)", new FdCalls.NsIoctl(3, FdCalls.NS_GET_PARENT, 7));
        says("ioctl(3, NS_GET_USERNS)", new FdCalls.NsIoctl(3, FdCalls.NS_GET_USERNS, 0));
        says("ioctl(3, NS_GET_NSTYPE)", new FdCalls.NsIoctl(3, FdCalls.NS_GET_NSTYPE, 0));
        says("ioctl(3, NS_GET_PID_FROM_PIDNS, 7)", new FdCalls.NsIoctl(3, FdCalls.NS_GET_PID_FROM_PIDNS, 7));
        says("ioctl(3, NS_GET_TGID_IN_PIDNS, 7)", new FdCalls.NsIoctl(3, FdCalls.NS_GET_TGID_IN_PIDNS, 7));
        says("ioctl(3, NS_GET_OWNER_UID)", new FdCalls.NsIoctl(3, FdCalls.NS_GET_OWNER_UID, 7));
        says("ioctl(3, _IO(0xb7, 10))", new FdCalls.NsIoctl(3, 10, 7));
        says("open(/proc/2/ns/ipc)", new NsfsCall.OpenOther(2, 2));
        says("open(/proc/2/ns/?9)", new NsfsCall.OpenOther(2, 9));
        says("open(/proc/2/ns/?-1)", new NsfsCall.OpenOther(2, -1));
        says("fstat(3).st_ino == fstat(4).st_ino", new NsfsCall.SameInode(3, 4));
    }

    @Test
    void theNsIoctlNamesAreTheKernelsOwn() {
        assertEquals("NS_GET_TGID_FROM_PIDNS", FdCalls.nsIoctlName(FdCalls.NS_GET_TGID_FROM_PIDNS));
        assertEquals("NS_GET_PID_IN_PIDNS", FdCalls.nsIoctlName(FdCalls.NS_GET_PID_IN_PIDNS));
        assertEquals("NS_GET_ID", FdCalls.nsIoctlName(FdCalls.NS_GET_ID));
        assertEquals("NS_GET_PID_FROM_PIDNS", FdCalls.nsIoctlName(FdCalls.NS_GET_PID_FROM_PIDNS));
    }

    @Test
    void asyncIoAndMqueueCallsSayTheOwnerAndTheField() {
        says("fcntl(pipe, F_SETOWN, -2)", new AsyncIoCall.Setown(-2));
        says("fcntl(pipe, F_SETOWN_EX, {F_OWNER_TID, 3})", new AsyncIoCall.SetownEx(AsyncIoCall.F_OWNER_TID, 3));
        says("fcntl(pipe, F_SETOWN_EX, {F_OWNER_PID, 3})", new AsyncIoCall.SetownEx(AsyncIoCall.F_OWNER_PID, 3));
        says("fcntl(pipe, F_SETOWN_EX, {F_OWNER_PGRP, 3})", new AsyncIoCall.SetownEx(AsyncIoCall.F_OWNER_PGRP, 3));
        says("fcntl(pipe, F_SETOWN_EX, {7, 3})", new AsyncIoCall.SetownEx(7, 3));
        says("fcntl(pipe, F_GETOWN)", new AsyncIoCall.Getown());
        says("fcntl(pipe, F_SETSIG, SIGIO)", new AsyncIoCall.Setsig(Signals.SIGIO));
        says("fcntl(pipe, F_SETSIG, SIG40)", new AsyncIoCall.Setsig(40));
        says("write(pipe, 1)", new AsyncIoCall.PipeWrite());
        says("sigwaitinfo({SIGIO}) -> si_pid", new AsyncIoCall.SigwaitSigio(AsyncIoCall.SI_PID));
        says("sigwaitinfo({SIGIO}) -> si_code", new AsyncIoCall.SigwaitSigio(AsyncIoCall.SI_CODE));
        says("sigwaitinfo({SIGIO}) -> si_fd", new AsyncIoCall.SigwaitSigio(AsyncIoCall.SI_FD));
        says("mq_open(\"/nsq\", O_CREAT)", new MqueueCall.Open());
        says("mq_send(\"/nsq\")", new MqueueCall.Send());
        says("mq_receive(\"/nsq\")", new MqueueCall.Receive());
        says("mq_notify(\"/nsq\", {SIGEV_SIGNAL, SIGUSR1})", new MqueueCall.Notify(true));
        says("mq_notify(\"/nsq\", NULL)", new MqueueCall.Notify(false));
    }

    @Test
    void sessionWaitAndProcCallsSayWhatTheyRead() {
        says("setpgid(0, 0)", new ProcessCall.Setpgid());
        says("setpgid(3, 2)", new ProcessCall.Setpgid(3, 2));
        says("setsid()", new ProcessCall.Setsid());
        says("getsid(0)", new ProcessCall.Getsid(0));
        says("getpgid(3)", new ProcessCall.Getpgid(3));
        says("waitpid(-1, &status, 0) -> status", new ProcessCall.WaitStatus(-1));
        says("waitid(P_ALL, 0, WEXITED) -> si_pid", new ProcessCall.Waitid(ProcessCall.Waitid.P_ALL, 0, ProcessCall.Waitid.Field.SI_PID));
        says("waitid(P_PID, 3, WEXITED) -> si_code", new ProcessCall.Waitid(ProcessCall.Waitid.P_PID, 3, ProcessCall.Waitid.Field.SI_CODE));
        says("waitid(P_PGID, 0, WEXITED) -> si_status", new ProcessCall.Waitid(ProcessCall.Waitid.P_PGID, 0, ProcessCall.Waitid.Field.SI_STATUS));
        says("waitid(5, 0, WEXITED) -> si_pid", new ProcessCall.Waitid(5, 0, ProcessCall.Waitid.Field.SI_PID));
        says("sigaction(SIGCHLD, SIG_IGN|SA_NOCLDWAIT)", new ProcessCall.Sigaction(Signals.SIGCHLD, true, true));
        says("sigaction(SIGUSR1, SIG_DFL)", new ProcessCall.Sigaction(Signals.SIGUSR1, false, false));
        says("unshare(CLONE_NEWNS); mount(\"proc\")", new ProcCall.MountProc());
        says("readlink(\"/proc/thread-self\")", new ProcCall.ReadlinkSelf(true));
        says("readlink(\"/proc/self\")", new ProcCall.ReadlinkSelf(false));
        says("/proc/3/status NSpid[1]", new ProcCall.StatusNspid(3, 1));
        says("waitpid(-1, &status, WUNTRACED|WCONTINUED) -> status", new JobCall.WaitUntraced(-1, true));
        says("waitpid(3, &status, WUNTRACED|WCONTINUED)", new JobCall.WaitUntraced(3, false));
        says("sigprocmask(SIG_BLOCK, {SIGHUP,SIGCONT})", new JobCall.BlockJobSignals());
        says("sigwaitinfo({SIGHUP,SIGCONT})", new JobCall.SigwaitJobSignals());
    }

    @Test
    void handlerCallsSayTheHandlerAndTheMask() {
        says("sigaction(SIGCHLD, {handler, SA_SIGINFO|SA_NOCLDWAIT})", new HandlerCall.SetHandler(Signals.SIGCHLD, true));
        says("sigaction(SIGUSR1, {handler, SA_SIGINFO})", new HandlerCall.SetHandler(Signals.SIGUSR1));
        says("sigprocmask(SIG_BLOCK, {SIGHUP, SIGUSR1})", new HandlerCall.Sigprocmask(HandlerCall.SIG_BLOCK, Signals.bit(Signals.SIGHUP) | Signals.bit(Signals.SIGUSR1)));
        says("sigprocmask(SIG_UNBLOCK, {})", new HandlerCall.Sigprocmask(HandlerCall.SIG_UNBLOCK, 0));
        says("sigprocmask(SIG_SETMASK, {SIG64})", new HandlerCall.Sigprocmask(HandlerCall.SIG_SETMASK, Signals.bit(64)));
        says("sigprocmask(9, {SIGTERM})", new HandlerCall.Sigprocmask(9, Signals.bit(Signals.SIGTERM)));
        says("sigpending()", new HandlerCall.Sigpending());
        says("handled() -> si_uid", new HandlerCall.Handled(HandlerCall.Field.SI_UID));
    }
}
