package nscheck.spec.state;

import java.util.ArrayList;
import java.util.List;

/**
 * Two connected AF_UNIX sockets made by socketpair(2) (net/unix/af_unix.c unix_socketpair). File
 * descriptors name an end ({@link OpenFile.Socket}); the pair lives while an fd names either end
 * ({@link UnixSockets#collected}). Each message is one byte with the credentials it carries (C1,
 * C2); both ends have SO_PASSCRED, so every message carries some.
 *
 * @param type SOCK_STREAM or SOCK_DGRAM
 * @param ends end 0 (sv[0]) and end 1 (sv[1])
 */
public record UnixSocketPair(int type, List<End> ends) {
    public static final int SOCK_STREAM = 1, SOCK_DGRAM = 2;

    public UnixSocketPair {
        ends = List.copyOf(ends);
    }

    /**
     * One struct unix_sock.
     *
     * @param peer      sk_peer_pid and sk_peer_cred: the creator's, for both ends of a pair (init_peercred, C4)
     * @param queue     sk_receive_queue: messages waiting at this end, oldest first, each with its credentials
     * @param open      an fd still names this end; once closed (unix_release_sock) its queue is gone
     * @param connected unix_peer(sk) is set: a datagram end loses it on its first send after its peer closed
     * @param reset     sk_err is ECONNRESET: a stream peer closed with messages it had not read
     */
    public record End(PeerCred peer, List<PeerCred> queue, boolean open, boolean connected, boolean reset) {
        public End {
            queue = List.copyOf(queue);
        }

        End withQueue(List<PeerCred> q) {
            return new End(peer, q, open, connected, reset);
        }

        void hashInto(StateHasher h) {
            peer.hashInto(h);
            h.add(queue.size());
            for (PeerCred m : queue) m.hashInto(h);
            h.add((open ? 1 : 0) | (connected ? 2 : 0) | (reset ? 4 : 0));
        }
    }

    /** unix_socketpair: both ends connected, each with the creator's credentials as its peer's. */
    public static UnixSocketPair made(int type, PeerCred creator) {
        End e = new End(creator, List.of(), true, true, false);
        return new UnixSocketPair(type, List.of(e, e));
    }

    public End end(int i) {
        return ends.get(i);
    }

    public boolean stream() {
        return type == SOCK_STREAM;
    }

    private UnixSocketPair with(int i, End e) {
        List<End> copy = new ArrayList<>(ends);
        copy.set(i, e);
        return new UnixSocketPair(type, copy);
    }

    /** A message with {@code creds} queued at end {@code to}. */
    public UnixSocketPair queued(int to, PeerCred creds) {
        List<PeerCred> q = new ArrayList<>(end(to).queue());
        q.add(creds);
        return with(to, end(to).withQueue(q));
    }

    /** The oldest message at end {@code at} taken. */
    public UnixSocketPair dequeued(int at) {
        List<PeerCred> q = end(at).queue();
        return with(at, end(at).withQueue(q.subList(1, q.size())));
    }

    /** sock_error: the pending ECONNRESET read and cleared. */
    public UnixSocketPair resetRead(int at) {
        End e = end(at);
        return with(at, new End(e.peer(), e.queue(), e.open(), e.connected(), false));
    }

    /**
     * unix_dgram_sendmsg to a dead peer: unix_peer(sk) cleared and unix_dgram_disconnected purges
     * the sender's own receive queue.
     */
    public UnixSocketPair disconnected(int at) {
        End e = end(at);
        return with(at, new End(e.peer(), List.of(), e.open(), false, e.reset()));
    }

    /**
     * unix_release_sock of end {@code i}: its queue is purged; a stream peer is shut down, with
     * ECONNRESET pending if the closing end left messages unread.
     */
    UnixSocketPair released(int i) {
        End e = end(i);
        UnixSocketPair p = with(i, new End(e.peer(), List.of(), false, e.connected(), false));
        End other = p.end(1 - i);
        if (stream() && other.open() && !e.queue().isEmpty())
            p = p.with(1 - i, new End(other.peer(), other.queue(), true, other.connected(), true));
        return p;
    }

    void pidRefs(List<PidRef> out) {
        for (End e : ends) {
            if (e.peer().pid() != null) out.add(e.peer().pid());
            for (PeerCred m : e.queue()) if (m.pid() != null) out.add(m.pid());
        }
    }

    void hashInto(StateHasher h) {
        h.add(type);
        for (End e : ends) e.hashInto(h);
    }
}
