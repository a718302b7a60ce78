package nscheck.spec;

import nscheck.spec.call.AsyncIoCall;
import nscheck.spec.call.CallTypes;
import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.HandlerCall;
import nscheck.spec.call.JobCall;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Signals;
import nscheck.spec.call.SocketCall;
import nscheck.spec.call.Syscall;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static nscheck.spec.call.CloneFlags.CLONE_NEWIPC;
import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;
import static nscheck.spec.call.CloneFlags.CLONE_PARENT;
import static nscheck.spec.call.CloneFlags.CLONE_SYSVSEM;
import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The family each call belongs to: the names model menus list and coverage reports count. A family
 * splits a call type where its arguments make another operation of it (kill to a group, clone into
 * a new namespace), so each split is pinned at both sides of its boundary.
 */
class CallFamilyTest {
    private static void family(String name, Syscall call) {
        assertEquals(name, call.family(), call.toString());
    }

    @Test
    void cloneAndUnshareAreNamedForTheNamespacesTheyMake() {
        family("clone", new Syscall.Clone(0));
        family("clone-parent", new Syscall.Clone(CLONE_PARENT));
        family("clone-newpid", new Syscall.Clone(CLONE_NEWPID | CLONE_PARENT));
        family("clone-thread", new Syscall.Clone(CLONE_THREAD | CLONE_NEWPID));
        family("clone-newuser-newpid", new Syscall.Clone(CLONE_NEWUSER | CLONE_NEWPID | CLONE_THREAD));
        family("clone-sysvsem", new Syscall.Clone(CLONE_SYSVSEM | CLONE_NEWUSER));
        family("clone-newipc", new Syscall.Clone(CLONE_NEWIPC | CLONE_NEWUSER));
        family("clone-newipc-sysvsem", new Syscall.Clone(CLONE_NEWIPC | CLONE_SYSVSEM));
        family("unshare-newpid", new Syscall.Unshare(CLONE_NEWPID));
        family("unshare-sysvsem", new Syscall.Unshare(CLONE_SYSVSEM));
        family("unshare-newipc", new Syscall.Unshare(CLONE_NEWIPC | CLONE_SYSVSEM));
        family("unshare-newuser", new Syscall.Unshare(CLONE_NEWUSER | CLONE_NEWIPC));
        family("unshare-newuser-newpid", new Syscall.Unshare(CLONE_NEWUSER | CLONE_NEWPID));
    }

    @Test
    void killIsNamedForItsSignalAndWhetherItNamesAGroup() {
        family("kill-stop", new Syscall.Kill(0, Signals.SIGSTOP));
        family("kill-cont", new Syscall.Kill(1, Signals.SIGCONT));
        family("kill-pgrp", new Syscall.Kill(0, Signals.SIGCONT));
        family("kill", new Syscall.Kill(-1, Signals.SIGCONT));
        family("kill-pgrp", new Syscall.Kill(-2, Signals.SIGTERM));
        family("kill-probe", new Syscall.Kill(-1, 0));
        family("kill-term", new Syscall.Kill(2, Signals.SIGTERM));
        family("kill-usr1", new Syscall.Kill(2, Signals.SIGUSR1));
        family("kill-usr2", new Syscall.Kill(2, Signals.SIGUSR2));
        family("kill-hup", new Syscall.Kill(2, Signals.SIGHUP));
        family("kill", new Syscall.Kill(-1, Signals.SIGKILL));
        family("kill", new Syscall.Kill(2, Signals.SIGCHLD));
    }

    @Test
    void waitsAndExitsAreNamedForWhomTheyWaitFor() {
        family("exit", new Syscall.Exit(0));
        family("exit-status", new Syscall.Exit(1));
        family("wait", new Syscall.Wait(-1));
        family("waitpid", new Syscall.Wait(2));
        family("waitpid", new Syscall.Wait(0));
        family("wait-status", new ProcessCall.WaitStatus(-1));
        family("waitpid-status", new ProcessCall.WaitStatus(1));
        family("waitpid-pgrp", new ProcessCall.WaitStatus(0));
        family("waitpid-pgrp", new ProcessCall.WaitStatus(-2));
        family("setpgid", new ProcessCall.Setpgid(0, 0));
        family("setpgid-any", new ProcessCall.Setpgid(0, 2));
        family("setpgid-any", new ProcessCall.Setpgid(2, 0));
    }

    @Test
    void readsAreNamedForTheFieldTheyReturn() {
        family("sigwaitinfo-uid", new Syscall.Sigwaitinfo(true));
        family("sigwaitinfo", new Syscall.Sigwaitinfo(false));
        family("recv-creds-uid", new Syscall.RecvCreds(3, true));
        family("recv-creds", new Syscall.RecvCreds(3, false));
        family("peercred-uid", new Syscall.PeerCredQuery(3, true));
        family("peercred", new Syscall.PeerCredQuery(3, false));
        family("f-setown-pgrp", new AsyncIoCall.Setown(-1));
        family("f-setown", new AsyncIoCall.Setown(0));
        family("socketpair-dgram", new SocketCall.Socketpair(SocketCall.SOCK_DGRAM));
        family("socketpair", new SocketCall.Socketpair(SocketCall.SOCK_STREAM));
    }

    @Test
    void nsfsIoctlsSplitIntoNamespaceFilesPidTranslationAndIds() {
        family("ns-ioctl", new FdCalls.NsIoctl(3, FdCalls.NS_GET_PARENT, 0));
        family("ns-ioctl", new FdCalls.NsIoctl(3, 5, 0));
        family("ns-ioctl-pid", new FdCalls.NsIoctl(3, FdCalls.NS_GET_PID_FROM_PIDNS, 1));
        family("ns-ioctl-pid", new FdCalls.NsIoctl(3, FdCalls.NS_GET_TGID_IN_PIDNS, 1));
        family("ns-ioctl", new FdCalls.NsIoctl(3, 10, 0));
        family("ns-ids", new FdCalls.NsIoctl(3, FdCalls.NS_GET_ID, 0));
        family("ns-ids", new FdCalls.NsIoctl(3, FdCalls.NS_GET_OWNER_UID, 0));
    }

    @Test
    void handlersAndMasksAreNamedForTheirSignal() {
        family("sighandler-usr1", new HandlerCall.SetHandler(Signals.SIGUSR1));
        family("sighandler-chld", new HandlerCall.SetHandler(Signals.SIGCHLD, true));
        family("sighandler-kill", new HandlerCall.SetHandler(Signals.SIGKILL));
        family("sighandler-kill", new HandlerCall.SetHandler(Signals.SIGSTOP));
        family("sighandler-term", new ProcessCall.Sigaction(Signals.SIGTERM, true, false));
        family("sighandler-hup", new ProcessCall.Sigaction(Signals.SIGHUP, false, false));
        family("sigaction", new ProcessCall.Sigaction(Signals.SIGUSR1, true, false));
        family("sigaction", new ProcessCall.Sigaction(Signals.SIGCHLD, true, true));
        family("sigaction", new ProcessCall.Sigaction(Signals.SIGKILL, true, false));
        family("sigmask-usr2", new HandlerCall.Sigprocmask(HandlerCall.SIG_BLOCK, Signals.bit(Signals.SIGUSR2)));
        family("sigmask-hup", new HandlerCall.Sigprocmask(HandlerCall.SIG_UNBLOCK, Signals.bit(Signals.SIGHUP)));
        family("sigmask-setmask", new HandlerCall.Sigprocmask(HandlerCall.SIG_SETMASK, Signals.bit(Signals.SIGUSR2)));
        family("sigmask-setmask", new HandlerCall.Sigprocmask(HandlerCall.SIG_BLOCK, Signals.bit(Signals.SIGUSR2) | Signals.bit(Signals.SIGHUP)));
        family("sigmask-setmask", new HandlerCall.Sigprocmask(HandlerCall.SIG_BLOCK, Signals.bit(Signals.SIGKILL)));
        family("sigmask-setmask", new HandlerCall.Sigprocmask(HandlerCall.SIG_BLOCK, 0));
    }

    @Test
    void everyOtherCallHasAFamilyOfItsOwn() {
        List<String> names = List.of("clone", "unshare-newpid", "setns", "exit", "wait", "getpid", "getppid", "kill",
                "ns-last-pid-read", "ns-last-pid-write", "subreaper", "signal-delivery",
                "sigblock", "sigqueue", "tgkill", "sigwaitinfo",
                "msgget", "msgsnd", "msgrcv", "msg-stat", "semget", "semop", "sem-getpid", "sem-getval", "sem-rmid",
                "shmget", "shmat", "shm-stat", "send", "send-creds", "recv-creds", "peercred", "uid-map", "setuid", "gettid",
                "futex-wait", "futex-wake", "futex-lock-pi", "futex-trylock-pi", "futex-unlock-pi", "futex-return",
                "clone3-set-tid", "clone-with-pids", "execns", "set-robust-list", "rt-sigqueueinfo",
                "f-setown", "f-setown-ex", "f-getown", "f-setsig", "pipe-write", "sigwaitinfo-sigio",
                "mq-open", "mq-send", "mq-receive", "mq-notify",
                "pidfd-open", "pidfd-send-signal", "waitid-pidfd", "close", "ns-open", "setns-fd", "ns-ioctl",
                "setpgid", "setsid", "getsid", "getpgid", "wait-status", "waitid", "sigaction",
                "mount-proc", "proc-self", "proc-nspid", "ns-open-pid", "ns-ids",
                "wait-untraced", "sigblock-job", "sigwaitinfo-job", "socketpair",
                "sighandler-usr1", "sigmask-usr1", "sigpending", "handled");
        assertEquals(names.size(), EveryCall.ONE_OF_EACH.size());
        for (int i = 0; i < names.size(); i++) family(names.get(i), EveryCall.ONE_OF_EACH.get(i));
        Set<Class<?>> types = new HashSet<>();
        for (Syscall c : EveryCall.ONE_OF_EACH) types.add(c.getClass());
        assertEquals(new HashSet<>(CallTypes.all()), types, "EveryCall has one call of each type");
    }
}
