package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The AF_UNIX stream socket's life (net/unix/af_unix.c; docs/semantics.md C1-C4) past the
 * credential tests of ObjectRulesTest: the connection errors, a send without SCM_CREDENTIALS
 * (the kernel attaches the sender's), one message each way, and what exits close.
 */
class UnixStreamTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(8, 2, 16));

    private static final Syscall FORK = new Syscall.Clone(0);
    private static final Syscall LISTEN = new Syscall.Listen(), CONNECT = new Syscall.Connect(), SEND = new Syscall.Send();
    private static final Syscall RECV_PID = new Syscall.RecvCreds(false), RECV_UID = new Syscall.RecvCreds(true);
    private static final Syscall PEER_PID = new Syscall.PeerCredQuery(false);

    /** T0 (1) listens; T1 (2) and T2 (3) may connect. */
    private SpecRun threeTasks() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(0, FORK);
        return r;
    }

    @Test
    void connectingNeedsAListenerAndOneFreeBacklogPlace() {
        SpecRun r = threeTasks();
        assertEquals(Errno.ECONNREFUSED, r.errno(1, CONNECT));
        assertEquals(Errno.ENOTCONN, r.errno(1, SEND));
        assertEquals(Errno.ENOTCONN, r.errno(1, PEER_PID));
        assertEquals(Errno.EAGAIN, r.errno(1, RECV_PID));
        r.value(0, LISTEN);
        assertEquals(Errno.EADDRINUSE, r.errno(1, LISTEN));
        assertEquals(Errno.ENOTCONN, r.errno(0, SEND), "listening, not connected");
        r.value(1, CONNECT);
        assertEquals(Errno.EISCONN, r.errno(1, CONNECT));
        assertEquals(Errno.EAGAIN, r.errno(2, CONNECT), "the backlog holds one connection");
        assertEquals(Errno.ENOTCONN, r.errno(2, SEND), "T2 holds no end");
        assertEquals(Errno.ENOTCONN, r.errno(2, PEER_PID));
    }

    /** One message each way: the kernel attaches the sender's TGID and uid; a second send before the read is EAGAIN. */
    @Test
    void aSendCarriesTheSendersCredentialsOneMessageEachWay() {
        SpecRun r = threeTasks();
        r.value(0, LISTEN);
        r.value(2, new Syscall.Setuid(1000));
        r.value(2, CONNECT);
        assertEquals(Errno.EAGAIN, r.errno(2, RECV_PID), "nothing sent to the client yet");
        r.value(2, SEND);
        assertEquals(Errno.EAGAIN, r.errno(2, SEND));
        r.value(0, SEND);
        assertEquals(Errno.EAGAIN, r.errno(0, SEND));
        assertEquals(Errno.EAGAIN, r.errno(1, RECV_PID), "T1 holds no end");
        assertEquals(1000, r.value(0, RECV_UID));
        assertEquals(Errno.EAGAIN, r.errno(0, RECV_PID), "read once");
        assertEquals(1, r.value(2, RECV_PID));
        assertEquals(Errno.EAGAIN, r.errno(2, RECV_PID));
        r.value(2, SEND);
        assertEquals(3, r.value(0, RECV_PID));
        assertEquals(3, r.value(0, PEER_PID));
        assertEquals(1, r.value(2, PEER_PID));
    }

    /** The listener's exit takes the socket; a client's exit frees the backlog place. */
    @Test
    void exitsCloseTheirEnds() {
        SpecRun r = threeTasks();
        r.value(1, LISTEN);
        r.value(2, CONNECT);
        r.call(2, new Syscall.Exit(0));
        assertEquals(Errno.ENOTCONN, r.errno(1, PEER_PID), "the client is gone");
        r.value(0, CONNECT);
        assertEquals(1, r.value(1, PEER_PID));
        r.call(1, new Syscall.Exit(0));
        assertEquals(Errno.ENOTCONN, r.errno(0, PEER_PID));
        assertEquals(Errno.ECONNREFUSED, r.errno(0, CONNECT), "nobody listens");
        r.value(0, LISTEN);
    }
}
