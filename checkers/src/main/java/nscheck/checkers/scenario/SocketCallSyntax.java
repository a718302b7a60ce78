package nscheck.checkers.scenario;

import nscheck.spec.call.SocketCall;
import nscheck.spec.call.Syscall;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Unix socket calls as scenario files write them (socketpair and the credential calls on its fds): {@link CallSyntax}'s forms for them. */
final class SocketCallSyntax {
    private SocketCallSyntax() {}

    private static final List<String> CRED_READ = List.of("pid", "uid");
    private static final List<String> TYPES = List.of("SOCK_STREAM", "SOCK_DGRAM");

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) if (kv[i + 1] != null) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static void add(List<CallSyntax.Form> f) {
        f.add(new CallSyntax.Form("socketpair", "type: SOCK_STREAM (default) or SOCK_DGRAM",
                "socketpair(AF_UNIX, type, 0, sv) with SO_PASSCRED on both ends: returns sv[0], sv[1] is the next free fd", SocketCall.Socketpair.class, c -> true,
                a -> new SocketCall.Socketpair(a.choice("type", TYPES).equals("SOCK_DGRAM") ? SocketCall.SOCK_DGRAM : SocketCall.SOCK_STREAM),
                c -> args("type", ((SocketCall.Socketpair) c).type() == SocketCall.SOCK_DGRAM ? "SOCK_DGRAM" : null)));
        f.add(new CallSyntax.Form("sendmsg", "fd; pid, uid: SCM_CREDENTIALS to send (both absent: implicit credentials)", "sendmsg(fd) of one byte",
                Syscall.Send.class, c -> true,
                a -> {
                    int fd = a.integer("fd"), pid = a.integer("pid", Integer.MIN_VALUE), uid = a.integer("uid", Integer.MIN_VALUE);
                    if (pid == Integer.MIN_VALUE && uid == Integer.MIN_VALUE) return new Syscall.Send(fd);
                    return new Syscall.SendCreds(fd, pid == Integer.MIN_VALUE ? 0 : pid, uid == Integer.MIN_VALUE ? 0 : uid);
                },
                c -> c instanceof Syscall.SendCreds s ? args("fd", s.fd(), "pid", s.pid(), "uid", s.uid()) : args("fd", ((Syscall.Send) c).fd())));
        f.add(new CallSyntax.Form("recvmsg", "fd; read: pid (default) or uid of the ucred", "recvmsg(fd, MSG_DONTWAIT) of one byte: -1 at end of file",
                Syscall.RecvCreds.class, c -> true,
                a -> new Syscall.RecvCreds(a.integer("fd"), a.choice("read", CRED_READ).equals("uid")),
                c -> args("fd", ((Syscall.RecvCreds) c).fd(), "read", ((Syscall.RecvCreds) c).uid() ? "uid" : "pid")));
        f.add(new CallSyntax.Form("getsockopt", "fd; read: pid (default) or uid of SO_PEERCRED", "getsockopt(fd, SOL_SOCKET, SO_PEERCRED)",
                Syscall.PeerCredQuery.class, c -> true,
                a -> new Syscall.PeerCredQuery(a.integer("fd"), a.choice("read", CRED_READ).equals("uid")),
                c -> args("fd", ((Syscall.PeerCredQuery) c).fd(), "read", ((Syscall.PeerCredQuery) c).uid() ? "uid" : "pid")));
    }
}
