package nscheck.spec;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.Errno;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.SocketCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Socket pairs in the fd table (C4, C5) and the one table of a thread group (D5). Each case was run on Linux 6.18 by `conform`. */
class SocketPairTest {
    private static final SocketCall.Socketpair STREAM = new SocketCall.Socketpair(SocketCall.SOCK_STREAM);
    private static final SocketCall.Socketpair DGRAM = new SocketCall.Socketpair(SocketCall.SOCK_DGRAM);

    @Test
    void c5_aStreamEndClosedWithUnreadMessagesResetsItsPeerOnceThenEndOfFile() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        assertEquals(3, r.value(0, STREAM));
        r.value(0, new Syscall.Send(3));                 // waits at end 1 (fd 4), unread when it closes
        r.value(0, new Syscall.Send(4));                 // waits at end 0
        r.value(0, new FdCalls.Close(4));
        assertEquals(1, r.value(0, new Syscall.RecvCreds(3, false)), "what was sent before the close is still read");
        assertEquals(Errno.ECONNRESET, r.errno(0, new Syscall.RecvCreds(3, false)));
        assertEquals(-1, r.value(0, new Syscall.RecvCreds(3, false)), "end of file: no bytes, no credentials");
        assertEquals(Errno.EPIPE, r.errno(0, new Syscall.Send(3)));
        assertEquals(1, r.value(0, new Syscall.PeerCredQuery(3, false)), "SO_PEERCRED outlives the peer");
    }

    @Test
    void c5_aDatagramEndRefusedOnceThenNotConnectedAndItsQueueIsGone() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        assertEquals(3, r.value(0, DGRAM));
        r.value(0, new Syscall.Send(4));
        r.value(0, new FdCalls.Close(4));
        assertEquals(Errno.ECONNREFUSED, r.errno(0, new Syscall.Send(3)));
        assertEquals(Errno.EAGAIN, r.errno(0, new Syscall.RecvCreds(3, false)), "unix_dgram_disconnected purged the queue");
        assertEquals(Errno.ENOTCONN, r.errno(0, new Syscall.SendCreds(3, 1, 0)));
        assertEquals(Errno.EBADF, r.errno(0, new Syscall.Send(4)));
        assertEquals(4, r.value(0, new FdCalls.PidfdOpen(1, 0)), "4 is free again");
    }

    @Test
    void c5_aPidfdIsNoSocket() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        assertEquals(3, r.value(0, new FdCalls.PidfdOpen(1, 0)));
        assertEquals(Errno.ENOTSOCK, r.errno(0, new Syscall.PeerCredQuery(3, false)));
        assertEquals(Errno.ENOTSOCK, r.errno(0, new Syscall.RecvCreds(3, true)));
        assertEquals(4, r.value(0, STREAM), "the pair takes 4 and 5");
        assertEquals(Errno.EBADF, r.errno(0, new Syscall.Send(6)));
    }

    @Test
    void c4_bothEndsReportTheCreatorTranslatedForTheReader() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, new Syscall.Clone(0));                                   // T1 = 2
        assertEquals(3, r.value(1, DGRAM));
        r.value(1, new Syscall.Clone(CloneFlags.CLONE_NEWPID));             // T2 = 3, 1 inside; inherits 3 and 4
        assertEquals(2, r.value(1, new Syscall.PeerCredQuery(4, false)));
        assertEquals(0, r.value(2, new Syscall.PeerCredQuery(3, false)), "T1 has no number inside");
        r.value(1, new Syscall.Setuid(1000));
        assertEquals(0, r.value(2, new Syscall.PeerCredQuery(3, true)), "the effective uid at socketpair time");
        r.value(1, new Syscall.Send(3));
        assertEquals(1000, r.value(2, new Syscall.RecvCreds(4, true)), "a message carries the sender's real uid when sent");
    }

    @Test
    void d5_threadsShareOneTableAndItOutlivesTheLeader() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, new Syscall.Clone(0));                                   // T1 = 2
        r.value(1, new Syscall.Clone(CloneFlags.CLONE_THREAD));             // T2, a thread of T1
        assertEquals(3, r.value(2, STREAM), "opened by the thread");
        r.value(1, new Syscall.Send(3));                                    // open in the leader too
        assertEquals(2, r.value(2, new Syscall.RecvCreds(4, false)), "the sender's TGID");
        r.value(1, new FdCalls.Close(4));
        assertEquals(Errno.EBADF, r.errno(2, new Syscall.RecvCreds(4, false)), "closed for every thread");
        r.value(2, new Syscall.Clone(0));                                   // a fork from the thread copies the one table
        r.call(1, new Syscall.Exit(0));                                     // the leader exits first: the table stays
        assertEquals(2, r.value(2, new Syscall.PeerCredQuery(3, false)));
    }
}
