package nscheck.checkers.conform;

import nscheck.model.kernel.CallMenu;
import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.SocketCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Unix socket pairs (C1-C5) in the fd table. Every scenario starts with T1 (PID 2) holding a
 * socketpair at fds 3 and 4; its children inherit both ends (dup_fd) and its threads share them
 * (CLONE_FILES), so the two ends cross PID and user namespaces by fork. Nothing is left out:
 * every call on any fd, in any state, by any task (known divergences retired:
 * "unix-socket-shape", "fd-table-threads").
 */
final class SocketsArea {
    private SocketsArea() {}

    /** Reads and sends weighted so random walks reach queued messages and read them. */
    private static final int WEIGHT = 3;

    /**
     * The pids of socket credentials across PID namespaces: SO_PEERCRED and SCM_CREDENTIALS
     * (implicit, and explicit naming pids 1..4) read with pid_vnr by readers in nested
     * namespaces, before and after the creator or the sender is gone; stream and datagram pairs.
     */
    static Area creds() {
        List<Syscall> menu = new ArrayList<>(CallMenu.expand(List.of("clone", "clone-newpid", "unshare-newpid", "exit", "wait", "socketpair", "socketpair-dgram", "close"), 5));
        for (int i = 0; i < WEIGHT; i++) menu.addAll(CallMenu.expand(List.of("send", "recv-creds", "peercred"), 5));
        for (int fd = 3; fd <= 4; fd++) for (int p = 1; p < 5; p++) menu.add(new Syscall.SendCreds(fd, p, 0));
        List<Syscall> fixed = List.copyOf(menu);
        List<Syscall> initCalls = CallMenu.expand(List.of("wait"), 5);
        return new Area("creds", "SO_PEERCRED and SCM_CREDENTIALS pids across PID namespaces: a socketpair inherited into a child namespace, read by either end, before and after its creator or sender is gone",
                0, List.of(new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0)),
                        new Scenario.Step(1, new SocketCall.Socketpair(SocketCall.SOCK_STREAM)),
                        new Scenario.Step(1, new Syscall.Clone(CloneFlags.CLONE_NEWPID))),
                (k, slot) -> slot == Kernel.ROOT_INIT ? initCalls : fixed);
    }

    /**
     * The fd table and uids, from T1 holding a datagram pair (fds 3, 4), a stream pair (5, 6) and a
 * pidfd (7): threads sharing one table (a close in one closes for all), forks
     * copying it, ends closed while messages wait (EPIPE, ECONNRESET, end of file; ECONNREFUSED
     * then ENOTCONN for datagrams), EBADF and ENOTSOCK; uids of SO_PEERCRED (effective) and of
     * messages (real, or claimed with CAP_SETUID) read from other user namespaces, mapped or 65534.
     */
    static Area sockets() {
        List<Syscall> menu = new ArrayList<>(CallMenu.expand(List.of("clone", "setuid", "unshare-newuser", "uid-map", "clone-newuser-newpid",
                "exit", "wait", "socketpair", "socketpair-dgram"), 5));
        menu.add(new Syscall.Clone(CloneFlags.CLONE_THREAD));
        // closes as often as reads and sends: random walks then reach ends closed with messages waiting
        for (int fd = 3; fd <= 7; fd++)
            for (int i = 0; i < WEIGHT; i++)
                menu.addAll(List.of(new FdCalls.Close(fd), new Syscall.Send(fd), new Syscall.RecvCreds(fd, i != 1), new Syscall.PeerCredQuery(fd, i != 1)));
        for (int fd : new int[] {3, 5}) for (int p : new int[] {1, 2, 3}) for (int uid : new int[] {0, 1000}) menu.add(new Syscall.SendCreds(fd, p, uid));
        List<Syscall> fixed = List.copyOf(menu);
        List<Syscall> initCalls = CallMenu.expand(List.of("wait"), 5);
        return new Area("sockets", "socketpair in the fd table: stream and datagram pairs shared by threads and copied by fork, closed ends, EBADF and ENOTSOCK, uids of SO_PEERCRED and SCM_CREDENTIALS across user namespaces",
                0, List.of(new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0)),
                        new Scenario.Step(1, new SocketCall.Socketpair(SocketCall.SOCK_DGRAM)),
                        new Scenario.Step(1, new SocketCall.Socketpair(SocketCall.SOCK_STREAM)),
                        new Scenario.Step(1, new FdCalls.PidfdOpen(1, 0))),
                (k, slot) -> slot == Kernel.ROOT_INIT ? initCalls : fixed);
    }
}
