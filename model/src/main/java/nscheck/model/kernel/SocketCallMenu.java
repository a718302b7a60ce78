package nscheck.model.kernel;

import nscheck.spec.call.SocketCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.FdTable;

import java.util.List;
import java.util.Map;

/**
 * The call families on Unix socket pairs (C1-C5), kept apart from {@link CallMenu}'s switch. fd
 * arguments range over the two numbers a first socketpair hands out (3 and 4), so a search
 * also tries closed, inherited and non-socket numbers.
 */
final class SocketCallMenu {
    private SocketCallMenu() {}

    private static final int FDS = 2;

    static void describe(Map<String, String> m) {
        m.put("socketpair", "socketpair(AF_UNIX, SOCK_STREAM), SO_PASSCRED on both ends");
        m.put("socketpair-dgram", "socketpair(AF_UNIX, SOCK_DGRAM), SO_PASSCRED on both ends");
        m.put("send", "sendmsg(fd) with implicit credentials for fd 3 and 4");
        m.put("send-creds", "sendmsg(fd) with SCM_CREDENTIALS {pid, uid} for fd 3 and 4, every pid and uid 0, 1000");
        m.put("recv-creds", "recvmsg(fd) reading ucred.pid for fd 3 and 4");
        m.put("recv-creds-uid", "recvmsg(fd) reading ucred.uid for fd 3 and 4");
        m.put("peercred", "getsockopt(fd, SO_PEERCRED) reading pid for fd 3 and 4");
        m.put("peercred-uid", "getsockopt(fd, SO_PEERCRED) reading uid for fd 3 and 4");
    }

    /** Adds the calls of {@code family} to {@code out}; false if it is not a socket family. */
    static boolean expand(String family, int pidMax, List<Syscall> out) {
        if (family.startsWith("socketpair")) {
            if (!family.equals("socketpair") && !family.equals("socketpair-dgram")) return false;
            out.add(new SocketCall.Socketpair(family.equals("socketpair") ? SocketCall.SOCK_STREAM : SocketCall.SOCK_DGRAM));
            return true;
        }
        if (!List.of("send", "send-creds", "recv-creds", "recv-creds-uid", "peercred", "peercred-uid").contains(family)) return false;
        for (int fd = FdTable.FIRST_FD; fd < FdTable.FIRST_FD + FDS; fd++) {
            switch (family) {
                case "send" -> out.add(new Syscall.Send(fd));
                case "send-creds" -> {
                    for (int p = 1; p < pidMax; p++) { out.add(new Syscall.SendCreds(fd, p, 0)); out.add(new Syscall.SendCreds(fd, p, 1000)); }
                }
                case "recv-creds" -> out.add(new Syscall.RecvCreds(fd, false));
                case "recv-creds-uid" -> out.add(new Syscall.RecvCreds(fd, true));
                case "peercred" -> out.add(new Syscall.PeerCredQuery(fd, false));
                default -> out.add(new Syscall.PeerCredQuery(fd, true));
            }
        }
        return true;
    }
}
