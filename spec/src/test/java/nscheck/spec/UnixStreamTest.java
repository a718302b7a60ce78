package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.SocketCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A stream socket pair's life (net/unix/af_unix.c; docs/semantics.md C1-C5) past the credential
 * tests of ObjectRulesTest and SocketPairTest: messages queue in order, each with its sender's
 * credentials; fds that are no socket or not open; what exits close.
 */
class UnixStreamTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(8, 2, 16));

    private static final Syscall FORK = new Syscall.Clone(0);
    private static final Syscall PAIR = new SocketCall.Socketpair(SocketCall.SOCK_STREAM);

    /** T0 (1) makes the pair (fds 3 and 4) and forks T1 (2) and T2 (3), who hold both ends too. */
    private SpecRun threeTasks() {
        SpecRun r = new SpecRun(s);
        r.value(0, PAIR);
        r.value(0, FORK);
        r.value(0, FORK);
        return r;
    }

    @Test
    void fdsThatAreNoOpenSocketAreRefused() {
        SpecRun r = new SpecRun(s);
        assertEquals(Errno.EBADF, r.errno(0, new Syscall.Send(3)));
        assertEquals(Errno.EBADF, r.errno(0, new Syscall.PeerCredQuery(3, false)));
        assertEquals(Errno.EBADF, r.errno(0, new Syscall.SendCreds(3, 1, 0)));
        r.value(0, new FdCalls.NsOpen(0));
        assertEquals(Errno.ENOTSOCK, r.errno(0, new Syscall.Send(3)));
        assertEquals(Errno.ENOTSOCK, r.errno(0, new Syscall.SendCreds(3, 1, 0)));
        assertEquals(4, r.value(0, PAIR));
        assertEquals(Errno.EAGAIN, r.errno(0, new Syscall.RecvCreds(4, false)), "nothing sent yet");
    }

    /** Messages queue in order, each with the credentials its sender had when it sent it (C2, C3). */
    @Test
    void messagesQueueInOrderWithTheirSendersCredentials() {
        SpecRun r = threeTasks();
        r.value(2, new Syscall.Setuid(1000));
        r.value(2, new Syscall.Send(4));
        r.value(1, new Syscall.Send(4));
        r.value(2, new Syscall.Send(4));
        assertEquals(1000, r.value(0, new Syscall.RecvCreds(3, true)));
        assertEquals(2, r.value(0, new Syscall.RecvCreds(3, false)));
        assertEquals(3, r.value(0, new Syscall.RecvCreds(3, false)));
        assertEquals(Errno.EAGAIN, r.errno(0, new Syscall.RecvCreds(3, false)), "read once each");
        assertEquals(1, r.value(2, new Syscall.PeerCredQuery(3, false)), "both ends report the creator");
        assertEquals(0, r.value(2, new Syscall.PeerCredQuery(4, true)), "its euid when it made the pair");
    }

    /** An end is released when its last holder exits: then its peer reads end of file and its sends fail EPIPE. */
    @Test
    void exitsCloseTheirEnds() {
        SpecRun r = threeTasks();
        r.value(0, new FdCalls.Close(4));
        r.value(1, new FdCalls.Close(4));
        r.value(2, new Syscall.Send(4));
        r.call(2, new Syscall.Exit(0));                 // the last holder of end 1
        assertEquals(3, r.value(0, new Syscall.RecvCreds(3, false)), "what it sent is still read");
        assertEquals(-1, r.value(0, new Syscall.RecvCreds(3, false)), "end of file");
        assertEquals(Errno.EPIPE, r.errno(1, new Syscall.Send(3)));
        assertEquals(1, r.value(1, new Syscall.PeerCredQuery(3, false)));
    }
}
