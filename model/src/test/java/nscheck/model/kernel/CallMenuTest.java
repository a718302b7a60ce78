package nscheck.model.kernel;

import nscheck.model.ModelException;
import nscheck.spec.call.Syscall;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each call family of a model file expands to (CallMenu.FAMILIES says it in words): at
 * pid_max 4 a PID argument ranges over 1..3 (and -1, 0 or -pgid where the family says so), an fd
 * over 3 and 4. Each row: family, how many calls, the first and the last, as strace would print them.
 */
class CallMenuTest {
    private static final int PID_MAX = 4;

    /** family | calls | first | last */
    private static final String[] EXPANSIONS = {
            "clone | 1 | clone(0) | clone(0)",
            "clone-newpid | 1 | clone(CLONE_NEWPID) | clone(CLONE_NEWPID)",
            "clone-parent | 1 | clone(CLONE_PARENT) | clone(CLONE_PARENT)",
            "unshare-newpid | 1 | unshare(CLONE_NEWPID) | unshare(CLONE_NEWPID)",
            "setns | 3 | setns(pidfd(1), CLONE_NEWPID) | setns(pidfd(3), CLONE_NEWPID)",
            "exit | 1 | exit(0) | exit(0)",
            "wait | 1 | waitpid(-1) | waitpid(-1)",
            "waitpid | 3 | waitpid(1) | waitpid(3)",
            "getpid | 1 | getpid() | getpid()",
            "getppid | 1 | getppid() | getppid()",
            "kill | 4 | kill(-1, SIGKILL) | kill(3, SIGKILL)",
            "kill-term | 4 | kill(-1, SIGTERM) | kill(3, SIGTERM)",
            "kill-probe | 3 | kill(1, 0) | kill(3, 0)",
            "ns-last-pid-read | 1 | read(ns_last_pid) | read(ns_last_pid)",
            "ns-last-pid-write | 5 | write(ns_last_pid, 0) | write(ns_last_pid, 4)",
            "subreaper | 1 | prctl(PR_SET_CHILD_SUBREAPER, 1) | prctl(PR_SET_CHILD_SUBREAPER, 1)",
            "kill-usr1 | 4 | kill(-1, SIGUSR1) | kill(3, SIGUSR1)",
            "sigqueue | 3 | sigqueue(1, SIGUSR1) | sigqueue(3, SIGUSR1)",
            "tgkill | 5 | tgkill(1, 1, SIGUSR1) | tgkill(1, 3, SIGUSR1)",
            "kill-pgrp | 3 | kill(0, SIGUSR1) | kill(-3, SIGUSR1)",
            "setpgid | 1 | setpgid(0, 0) | setpgid(0, 0)",
            "sigblock | 1 | sigprocmask(SIG_BLOCK, {SIGUSR1,SIGCHLD}) | sigprocmask(SIG_BLOCK, {SIGUSR1,SIGCHLD})",
            "sigwaitinfo | 1 | sigwaitinfo() -> si_pid | sigwaitinfo() -> si_pid",
            "sigwaitinfo-uid | 1 | sigwaitinfo() -> si_uid | sigwaitinfo() -> si_uid",
            "clone-sysvsem | 1 | clone(CLONE_SYSVSEM) | clone(CLONE_SYSVSEM)",
            "clone-newipc | 1 | clone(CLONE_NEWIPC) | clone(CLONE_NEWIPC)",
            "clone-newipc-sysvsem | 1 | clone(CLONE_SYSVSEM|CLONE_NEWIPC) | clone(CLONE_SYSVSEM|CLONE_NEWIPC)",
            "unshare-newipc | 1 | unshare(CLONE_NEWIPC) | unshare(CLONE_NEWIPC)",
            "unshare-sysvsem | 1 | unshare(CLONE_SYSVSEM) | unshare(CLONE_SYSVSEM)",
            "unshare-newuser | 1 | unshare(CLONE_NEWUSER) | unshare(CLONE_NEWUSER)",
            "msgget | 1 | msgget(KEY, IPC_CREAT) | msgget(KEY, IPC_CREAT)",
            "msgsnd | 1 | msgsnd(0, IPC_NOWAIT) | msgsnd(0, IPC_NOWAIT)",
            "msgrcv | 1 | msgrcv(0, IPC_NOWAIT) | msgrcv(0, IPC_NOWAIT)",
            "msg-stat | 2 | msgctl(0, IPC_STAT) -> msg_lspid | msgctl(0, IPC_STAT) -> msg_lrpid",
            "semget | 1 | semget(KEY, 1, IPC_CREAT) | semget(KEY, 1, IPC_CREAT)",
            "semop | 2 | semop(0, {0, +1, SEM_UNDO}) | semop(0, {0, -1, SEM_UNDO})",
            "sem-getpid | 1 | semctl(0, 0, GETPID) | semctl(0, 0, GETPID)",
            "sem-getval | 1 | semctl(0, 0, GETVAL) | semctl(0, 0, GETVAL)",
            "sem-rmid | 1 | semctl(0, 0, IPC_RMID) | semctl(0, 0, IPC_RMID)",
            "shmget | 1 | shmget(KEY, 4096, IPC_CREAT) | shmget(KEY, 4096, IPC_CREAT)",
            "shmat | 1 | shmdt(shmat(0)) | shmdt(shmat(0))",
            "shm-stat | 2 | shmctl(0, IPC_STAT) -> shm_cpid | shmctl(0, IPC_STAT) -> shm_lpid",
            "socketpair | 1 | socketpair(AF_UNIX, SOCK_STREAM) | socketpair(AF_UNIX, SOCK_STREAM)",
            "socketpair-dgram | 1 | socketpair(AF_UNIX, SOCK_DGRAM) | socketpair(AF_UNIX, SOCK_DGRAM)",
            "send | 2 | sendmsg(3) | sendmsg(4)",
            "send-creds | 12 | sendmsg(3, SCM_CREDENTIALS{pid=1, uid=0, gid=getgid()}) | sendmsg(4, SCM_CREDENTIALS{pid=3, uid=1000, gid=getgid()})",
            "recv-creds | 2 | recvmsg(3) -> ucred.pid | recvmsg(4) -> ucred.pid",
            "recv-creds-uid | 2 | recvmsg(3) -> ucred.uid | recvmsg(4) -> ucred.uid",
            "peercred | 2 | getsockopt(3, SO_PEERCRED) -> pid | getsockopt(4, SO_PEERCRED) -> pid",
            "peercred-uid | 2 | getsockopt(3, SO_PEERCRED) -> uid | getsockopt(4, SO_PEERCRED) -> uid",
            "uid-map | 1 | write(/proc/self/uid_map, \"0 <euid> 1\") | write(/proc/self/uid_map, \"0 <euid> 1\")",
            "setuid | 2 | setuid(0) | setuid(1000)",
            "clone-thread | 1 | clone(CLONE_THREAD) | clone(CLONE_THREAD)",
            "clone3-set-tid | 168 | clone3(0, set_tid=[1]) | clone3(CLONE_NEWPID, set_tid=[4, 4, 4])",
            "gettid | 1 | gettid() | gettid()",
            "futex-wait | 4 | futex(w0, FUTEX_WAIT, 0) | futex(w0, FUTEX_WAIT, 3)",
            "futex-wake | 1 | futex(w0, FUTEX_WAKE, 1) | futex(w0, FUTEX_WAKE, 1)",
            "futex-lock-pi | 1 | futex(w0, FUTEX_LOCK_PI) | futex(w0, FUTEX_LOCK_PI)",
            "futex-trylock-pi | 1 | futex(w0, FUTEX_TRYLOCK_PI) | futex(w0, FUTEX_TRYLOCK_PI)",
            "futex-unlock-pi | 1 | futex(w0, FUTEX_UNLOCK_PI) | futex(w0, FUTEX_UNLOCK_PI)",
            "clone-newuser-newpid | 1 | clone(CLONE_NEWPID|CLONE_NEWUSER) | clone(CLONE_NEWPID|CLONE_NEWUSER)",
            "unshare-newuser-newpid | 1 | unshare(CLONE_NEWPID|CLONE_NEWUSER) | unshare(CLONE_NEWPID|CLONE_NEWUSER)",
            "exit-status | 1 | exit(3) | exit(3)",
            "setpgid-any | 15 | setpgid(0, 1) | setpgid(3, 3)",
            "setsid | 1 | setsid() | setsid()",
            "getsid | 4 | getsid(0) | getsid(3)",
            "getpgid | 4 | getpgid(0) | getpgid(3)",
            "wait-status | 1 | waitpid(-1, &status, 0) -> status | waitpid(-1, &status, 0) -> status",
            "waitpid-status | 3 | waitpid(1, &status, 0) -> status | waitpid(3, &status, 0) -> status",
            "waitpid-pgrp | 3 | waitpid(0, &status, 0) -> status | waitpid(-3, &status, 0) -> status",
            "waitid | 4 | waitid(P_ALL, 0, WEXITED) -> si_pid | waitid(P_PGID, 0, WEXITED) -> si_pid",
            "sigaction | 6 | sigaction(SIGCHLD, SIG_IGN) | sigaction(SIGKILL, SIG_IGN)",
            "execns | 3 | execns(CLONE_NEWPID) | execns(CLONE_NEWUSER)",
            "f-setown | 4 | fcntl(pipe, F_SETOWN, 0) | fcntl(pipe, F_SETOWN, 3)",
            "f-setown-pgrp | 3 | fcntl(pipe, F_SETOWN, -1) | fcntl(pipe, F_SETOWN, -3)",
            "f-setown-ex | 9 | fcntl(pipe, F_SETOWN_EX, {F_OWNER_TID, 1}) | fcntl(pipe, F_SETOWN_EX, {F_OWNER_PGRP, 3})",
            "f-getown | 1 | fcntl(pipe, F_GETOWN) | fcntl(pipe, F_GETOWN)",
            "f-setsig | 3 | fcntl(pipe, F_SETSIG, 0) | fcntl(pipe, F_SETSIG, SIG65)",
            "pipe-write | 1 | write(pipe, 1) | write(pipe, 1)",
            "sigwaitinfo-sigio | 3 | sigwaitinfo({SIGIO}) -> si_pid | sigwaitinfo({SIGIO}) -> si_fd",
            "mq-open | 1 | mq_open(\"/nsq\", O_CREAT) | mq_open(\"/nsq\", O_CREAT)",
            "mq-send | 1 | mq_send(\"/nsq\") | mq_send(\"/nsq\")",
            "mq-receive | 1 | mq_receive(\"/nsq\") | mq_receive(\"/nsq\")",
            "mq-notify | 2 | mq_notify(\"/nsq\", {SIGEV_SIGNAL, SIGUSR1}) | mq_notify(\"/nsq\", NULL)",
            "kill-stop | 6 | kill(1, SIGSTOP) | kill(-3, SIGSTOP)",
            "kill-cont | 3 | kill(1, SIGCONT) | kill(3, SIGCONT)",
            "sigblock-job | 1 | sigprocmask(SIG_BLOCK, {SIGHUP,SIGCONT}) | sigprocmask(SIG_BLOCK, {SIGHUP,SIGCONT})",
            "sigwaitinfo-job | 1 | sigwaitinfo({SIGHUP,SIGCONT}) | sigwaitinfo({SIGHUP,SIGCONT})",
            "wait-untraced | 2 | waitpid(-1, &status, WUNTRACED|WCONTINUED) | waitpid(-1, &status, WUNTRACED|WCONTINUED) -> status",
            "pidfd-open | 4 | pidfd_open(1, 0) | pidfd_open(2, PIDFD_NONBLOCK)",
            "pidfd-send-signal | 4 | pidfd_send_signal(3, 0, NULL, 0) | pidfd_send_signal(4, SIGKILL, NULL, 0)",
            "waitid-pidfd | 4 | waitid(P_PIDFD, 3, WEXITED) -> si_pid | waitid(P_PIDFD, 4, WEXITED|WNOHANG) -> si_pid",
            "close | 2 | close(3) | close(4)",
            "ns-open | 4 | open(/proc/self/ns/pid) | open(/proc/self/ns/user)",
            "setns-fd | 4 | setns(3, 0) | setns(4, CLONE_NEWPID)",
            "ns-ioctl | 4 | ioctl(3, NS_GET_PARENT) | ioctl(4, NS_GET_USERNS)",
            "ns-ids | 5 | ioctl(3, NS_GET_ID) | fstat(3).st_ino == fstat(4).st_ino",
            "ns-open-pid | 12 | open(/proc/1/ns/pid) | open(/proc/3/ns/user)",
            "ns-ioctl-pid | 12 | ioctl(3, NS_GET_PID_FROM_PIDNS, 1) | ioctl(4, NS_GET_PID_IN_PIDNS, 3)",
            "sighandler-usr1 | 1 | sigaction(SIGUSR1, {handler, SA_SIGINFO}) | sigaction(SIGUSR1, {handler, SA_SIGINFO})",
            "sighandler-chld | 2 | sigaction(SIGCHLD, {handler, SA_SIGINFO}) | sigaction(SIGCHLD, {handler, SA_SIGINFO|SA_NOCLDWAIT})",
            "sighandler-usr2 | 3 | sigaction(SIGUSR2, {handler, SA_SIGINFO}) | sigaction(SIGUSR2, SIG_IGN)",
            "sighandler-term | 3 | sigaction(SIGTERM, {handler, SA_SIGINFO}) | sigaction(SIGTERM, SIG_IGN)",
            "sighandler-hup | 3 | sigaction(SIGHUP, {handler, SA_SIGINFO}) | sigaction(SIGHUP, SIG_IGN)",
            "sighandler-kill | 2 | sigaction(SIGKILL, {handler, SA_SIGINFO}) | sigaction(SIGSTOP, {handler, SA_SIGINFO})",
            "sigmask-usr1 | 2 | sigprocmask(SIG_BLOCK, {SIGUSR1}) | sigprocmask(SIG_UNBLOCK, {SIGUSR1})",
            "sigmask-usr2 | 2 | sigprocmask(SIG_BLOCK, {SIGUSR2}) | sigprocmask(SIG_UNBLOCK, {SIGUSR2})",
            "sigmask-term | 2 | sigprocmask(SIG_BLOCK, {SIGTERM}) | sigprocmask(SIG_UNBLOCK, {SIGTERM})",
            "sigmask-hup | 2 | sigprocmask(SIG_BLOCK, {SIGHUP}) | sigprocmask(SIG_UNBLOCK, {SIGHUP})",
            "sigmask-chld | 2 | sigprocmask(SIG_BLOCK, {SIGCHLD}) | sigprocmask(SIG_UNBLOCK, {SIGCHLD})",
            "sigmask-setmask | 2 | sigprocmask(SIG_SETMASK, {}) | sigprocmask(SIG_SETMASK, {SIGKILL, SIGSTOP})",
            "kill-usr2 | 4 | kill(-1, SIGUSR2) | kill(3, SIGUSR2)",
            "kill-hup | 4 | kill(-1, SIGHUP) | kill(3, SIGHUP)",
            "sigpending | 1 | sigpending() | sigpending()",
            "handled | 3 | handled() -> si_signo | handled() -> si_uid",
            "rt-sigqueueinfo | 12 | rt_sigqueueinfo(1, SIGUSR1, {SI_QUEUE, pid=1, uid=0}) | rt_sigqueueinfo(3, SIGUSR1, {SI_TKILL, pid=1, uid=0})",
            "set-robust-list | 4 | set_robust_list({w0}) | set_robust_list({pending w0}, pi)",
            "mount-proc | 1 | unshare(CLONE_NEWNS); mount(\"proc\") | unshare(CLONE_NEWNS); mount(\"proc\")",
            "proc-self | 2 | readlink(\"/proc/self\") | readlink(\"/proc/thread-self\")",
            "proc-nspid | 9 | /proc/1/status NSpid[0] | /proc/3/status NSpid[2]",
    };

    @Test
    void everyFamilyExpandsToTheCallsItsDescriptionNames() {
        List<String> wrong = new ArrayList<>();
        List<String> families = new ArrayList<>();
        for (String row : EXPANSIONS) {
            String[] c = row.split(" \\| ");
            families.add(c[0]);
            List<Syscall> calls = CallMenu.expand(List.of(c[0]), PID_MAX);
            String got = c[0] + " | " + calls.size() + " | " + calls.get(0) + " | " + calls.get(calls.size() - 1);
            if (!got.equals(row)) wrong.add(got);
        }
        assertEquals(List.of(), wrong);
        assertEquals(List.copyOf(CallMenu.FAMILIES.keySet()), families, "every family has a row, in the catalogue's order");
    }

    @Test
    void familiesExpandInTheOrderTheyAreNamedAndTheMenuIsFrozen() {
        List<Syscall> both = CallMenu.expand(List.of("getpid", "clone"), PID_MAX);
        assertEquals("[getpid(), clone(0)]", both.toString());
        assertThrows(UnsupportedOperationException.class, () -> both.add(new Syscall.GetPid()));
        assertEquals(List.of(), CallMenu.expand(List.of(), PID_MAX));
    }

    @Test
    void pidArgumentsFollowPidMax() {
        assertEquals("[setns(pidfd(1), CLONE_NEWPID)]", CallMenu.expand(List.of("setns"), 2).toString());
        assertEquals(6, CallMenu.expand(List.of("kill"), 6).size(), "-1 and 1..5");
        assertEquals("[kill(0, SIGUSR1)]", CallMenu.expand(List.of("kill-pgrp"), 2).toString());
        // set_tid arrays of 1, 2 and 3 PIDs in 1..pid_max (pid_max itself included, to be refused EINVAL), for each of two flags
        assertEquals(2 * (2 + 4 + 8), CallMenu.expand(List.of("clone3-set-tid"), 2).size());
    }

    @Test
    void anUnknownFamilyIsRefusedWithTheKnownOnes() {
        for (String bad : List.of("fork", "sighandler-int", "sigmask-int", "socketpair-seqpacket", "kill-int")) {
            ModelException e = assertThrows(ModelException.class, () -> CallMenu.expand(List.of(bad), PID_MAX));
            assertTrue(e.getMessage().startsWith("unknown call family '" + bad + "' (known: clone, clone-newpid, "), e.getMessage());
            assertTrue(e.getMessage().endsWith("proc-nspid)"), e.getMessage());
        }
    }

    @Test
    void exitStatusReadersAndFutexCallsAreKnownFamiliesAndCalls() {
        for (String f : CallMenu.STATUS_READERS) assertTrue(CallMenu.FAMILIES.containsKey(f), f);
        assertTrue(CallMenu.isFutex(new Syscall.FutexWake(0, 1)));
        assertTrue(CallMenu.isFutex(new Syscall.FutexLockPi(0)));
        assertFalse(CallMenu.isFutex(new Syscall.Clone(0)));
        assertFalse(CallMenu.isFutex(new Syscall.GetPid()));
        for (Class<?> c : CallMenu.NOT_IN_MENUS.keySet()) assertFalse(CallMenu.NOT_IN_MENUS.get(c).isBlank(), c.getName());
    }
}
