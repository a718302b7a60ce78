package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.call.SocketCall;
import nscheck.spec.state.Credentials;
import nscheck.spec.state.FdTable;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.OpenFile;
import nscheck.spec.state.PeerCred;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.UnixSocketPair;
import nscheck.spec.state.UnixSockets;
import nscheck.spec.variant.Variant;

/**
 * net/unix/af_unix.c: socket pairs in the fd table, their peer credentials (SO_PEERCRED, C4) and
 * the credentials each message carries (C5). Both ends have SO_PASSCRED, so every message carries
 * some: the sender's own (implicit, C2) or those it names in SCM_CREDENTIALS ({@link ScmRules},
 * C1). A message keeps a struct pid reference and kernel ids, read at receive time (C3). An fd
 * names an end, so fork's copies and a thread group's shared table reach the same socket.
 */
final class AfUnixRules {
    private AfUnixRules() {}

    /** init_peercred (or maybe_add_creds): task_tgid(current) and the effective (or real) ids. */
    static PeerCred own(Kernel k, int actor, boolean effective) {
        Credentials c = k.objects().context(actor).cred();
        return new PeerCred(PidRef.of(k, k.groupLeader(actor)), effective ? c.euid() : c.uid(), c.gid());
    }

    /**
     * unix_socketpair: two connected ends, each with the creator's credentials as its peer's
     * (init_peercred on both), installed at the two lowest free numbers; returns sv[0].
     */
    static Outcome socketpair(Kernel k, int actor, int type) {
        if (type != SocketCall.SOCK_STREAM && type != SocketCall.SOCK_DGRAM) return Outcome.error(k, Errno.EINVAL);
        UnixSockets s = k.objects().sockets();
        int slot = s.freeSlot();
        Kernel cur = k.withObjects(k.objects().withSockets(s.with(slot, UnixSocketPair.made(type, own(k, actor, true)))));
        FdTable t = FilesRules.table(cur, actor);
        int first = t.nextFd();
        t = t.opened(new OpenFile.Socket(slot, 0)).opened(new OpenFile.Socket(slot, 1));
        return new Outcome(FilesRules.withTable(cur, actor, t), Observation.value(first));
    }

    /** sockfd_lookup: EBADF for a number the caller's table does not hold, ENOTSOCK for a file that is no socket; else null. */
    static Errno badSocket(Kernel k, int actor, int fd) {
        OpenFile f = FilesRules.table(k, actor).get(fd);
        return f == null ? Errno.EBADF : f instanceof OpenFile.Socket ? null : Errno.ENOTSOCK;
    }

    private static OpenFile.Socket socket(Kernel k, int actor, int fd) {
        return FilesRules.table(k, actor).get(fd) instanceof OpenFile.Socket s ? s : null;
    }

    private static Kernel withPair(Kernel k, int slot, UnixSocketPair p) {
        return k.withObjects(k.objects().withSockets(k.objects().sockets().with(slot, p)));
    }

    /** sendmsg without SCM_CREDENTIALS: maybe_add_creds attaches the sender's TGID and real ids (C2). */
    static Outcome sendmsg(Kernel k, int actor, int fd) {
        Errno bad = badSocket(k, actor, fd);
        return bad != null ? Outcome.error(k, bad) : queue(k, actor, fd, own(k, actor, false));
    }

    /**
     * Queues one message with {@code creds} at the other end of the socket {@code fd} names (a
     * socket: the caller checked). A stream end whose peer has closed is shut down (EPIPE, with
     * MSG_NOSIGNAL); a datagram end's first send to a closed peer is ECONNREFUSED and disconnects
     * it, purging its own queue (unix_dgram_disconnected), and later sends are ENOTCONN.
     */
    static Outcome queue(Kernel k, int actor, int fd, PeerCred creds) {
        OpenFile.Socket s = socket(k, actor, fd);
        UnixSocketPair p = k.objects().sockets().pair(s.pair());
        int peer = 1 - s.end();
        if (!p.end(s.end()).connected()) return Outcome.error(k, Errno.ENOTCONN);
        if (!p.end(peer).open()) {
            if (p.stream()) return Outcome.error(k, Errno.EPIPE);
            return Outcome.error(withPair(k, s.pair(), p.disconnected(s.end())), Errno.ECONNREFUSED);
        }
        return Outcome.zero(withPair(k, s.pair(), p.queued(peer, creds)));
    }

    /** The credentials of the next message waiting at the end {@code fd} names, or null. */
    static PeerCred incoming(Kernel k, int actor, int fd) {
        OpenFile.Socket s = socket(k, actor, fd);
        if (s == null) return null;
        UnixSocketPair.End e = k.objects().sockets().pair(s.pair()).end(s.end());
        return e.queue().isEmpty() ? null : e.queue().get(0);
    }

    /**
     * recvmsg(MSG_DONTWAIT) of one byte: the oldest message's credentials, read by scm_recv in the
     * receiver's context (C3). With none waiting: a pending ECONNRESET once (sock_error), then
     * end of file (-1 here: recvmsg returns 0 bytes and no credentials) on a stream whose peer has
     * closed, else EAGAIN.
     */
    static Outcome recvmsg(Variant v, Kernel k, int actor, int fd, boolean uid) {
        Errno bad = badSocket(k, actor, fd);
        if (bad != null) return Outcome.error(k, bad);
        OpenFile.Socket s = socket(k, actor, fd);
        UnixSocketPair p = k.objects().sockets().pair(s.pair());
        UnixSocketPair.End e = p.end(s.end());
        if (!e.queue().isEmpty()) return new Outcome(withPair(k, s.pair(), p.dequeued(s.end())), ScmRules.scmRecv(v, k, actor, e.queue().get(0), uid));
        if (e.reset()) return Outcome.error(withPair(k, s.pair(), p.resetRead(s.end())), Errno.ECONNRESET);
        if (p.stream() && !p.end(1 - s.end()).open()) return new Outcome(k, Observation.value(-1));
        return Outcome.error(k, Errno.EAGAIN);
    }

    /** The credentials SO_PEERCRED reports for the socket {@code fd} names, or null. */
    static PeerCred peer(Kernel k, int actor, int fd) {
        OpenFile.Socket s = socket(k, actor, fd);
        return s == null ? null : k.objects().sockets().pair(s.pair()).end(s.end()).peer();
    }

    /**
     * getsockopt(SO_PEERCRED) (net/core/sock.c sk_getsockopt): cred_to_ucred of sk_peer_pid and
     * sk_peer_cred, captured when the pair was made and kept after the peer closes, translated
     * now: pid_vnr in the reader's namespace and the effective ids mapped into its user namespace (C4).
     */
    static Outcome soPeercred(Variant v, Kernel k, int actor, int fd, boolean uid) {
        Errno bad = badSocket(k, actor, fd);
        if (bad != null) return Outcome.error(k, bad);
        PeerCred p = peer(k, actor, fd);
        if (uid) return new Outcome(k, ScmRules.scmRecv(v, k, actor, p, true));
        int holder = p.pid() == null ? Observation.NOBODY : p.pid().holder(k); // holder(): NOBODY once reaped
        return new Outcome(k, Observation.pid(v.peercredPid(k, p.pid(), k.task(actor).activeNs()), holder));
    }
}
