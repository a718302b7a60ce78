package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.Credentials;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.PeerCred;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.UnixSocket;
import nscheck.spec.variant.Variant;

/**
 * net/unix/af_unix.c: the model's one Unix stream socket, its peer credentials (SO_PEERCRED,
 * C4) and the credentials each message carries. The receiver has SO_PASSCRED set, so every
 * message carries some: the sender's own (implicit, C2) or those it names in SCM_CREDENTIALS
 * ({@link ScmRules}, C1). A message keeps a struct pid reference and kernel ids, read at receive time (C3).
 */
final class AfUnixRules {
    private AfUnixRules() {}

    static Kernel withSocket(Kernel k, UnixSocket s) {
        return k.withObjects(k.objects().withSocket(s)).collectNamespaces();
    }

    /** init_peercred: the caller's TGID and effective (or real) ids (C4). */
    private static PeerCred own(Kernel k, int actor, boolean effective) {
        Credentials c = k.objects().context(actor).cred();
        return new PeerCred(PidRef.of(k, actor), effective ? c.euid() : c.uid(), c.gid());
    }

    /** socket + bind(PATH) + unix_listen: captures the listener's credentials. */
    static Outcome unixListen(Kernel k, int actor) {
        if (k.objects().socket() != null) return Outcome.error(k, Errno.EADDRINUSE);
        return Outcome.zero(withSocket(k, new UnixSocket(actor, own(k, actor, true), -1, null, null, null)));
    }

    /** unix_stream_connect: the new server socket gets the client's credentials, the client a copy of the listener's. */
    static Outcome unixStreamConnect(Kernel k, int actor) {
        UnixSocket s = k.objects().socket();
        if (s == null) return Outcome.error(k, Errno.ECONNREFUSED);
        if (s.client() == actor) return Outcome.error(k, Errno.EISCONN);
        if (s.connected()) return Outcome.error(k, Errno.EAGAIN); // backlog of the model's listener: one connection
        return Outcome.zero(withSocket(k, new UnixSocket(s.listener(), s.listenerCred(), actor, own(k, actor, true), null, null)));
    }

    /** unix_stream_sendmsg without SCM_CREDENTIALS: maybe_add_creds attaches the sender's TGID and real ids (C2). */
    static Outcome unixStreamSendmsg(Kernel k, int actor) {
        return queue(k, actor, own(k, actor, false));
    }

    /** Queues one message with {@code creds} towards the other end; one message per direction. */
    static Outcome queue(Kernel k, int actor, PeerCred creds) {
        UnixSocket s = k.objects().socket();
        if (s == null || !s.connected() || (actor != s.client() && actor != s.listener())) return Outcome.error(k, Errno.ENOTCONN);
        if (actor == s.client()) {
            if (s.toServer() != null) return Outcome.error(k, Errno.EAGAIN);
            return Outcome.zero(withSocket(k, new UnixSocket(s.listener(), s.listenerCred(), s.client(), s.clientCred(), creds, s.toClient())));
        }
        if (s.toClient() != null) return Outcome.error(k, Errno.EAGAIN);
        return Outcome.zero(withSocket(k, new UnixSocket(s.listener(), s.listenerCred(), s.client(), s.clientCred(), s.toServer(), creds)));
    }

    /** The message waiting for {@code actor}, or null. */
    static PeerCred incoming(Kernel k, int actor) {
        UnixSocket s = k.objects().socket();
        if (s == null || !s.connected()) return null;
        if (actor == s.listener() && s.toServer() != null) return s.toServer();
        if (actor == s.client()) return s.toClient();
        return null;
    }

    /** unix_stream_recvmsg(MSG_DONTWAIT): the message's credentials read by scm_recv in the receiver's context (C3). */
    static Outcome unixStreamRecvmsg(Variant v, Kernel k, int actor, boolean uid) {
        PeerCred m = incoming(k, actor);
        if (m == null) return Outcome.error(k, Errno.EAGAIN);
        UnixSocket sock = k.objects().socket();
        UnixSocket after = actor == sock.listener() && sock.toServer() != null
                ? new UnixSocket(sock.listener(), sock.listenerCred(), sock.client(), sock.clientCred(), null, sock.toClient())
                : new UnixSocket(sock.listener(), sock.listenerCred(), sock.client(), sock.clientCred(), sock.toServer(), null);
        return new Outcome(withSocket(k, after), ScmRules.scmRecv(v, k, actor, m, uid));
    }

    /** The credentials SO_PEERCRED reports to {@code actor}, or null when it has no connected socket. */
    static PeerCred peer(Kernel k, int actor) {
        UnixSocket s = k.objects().socket();
        if (s == null || !s.connected()) return null;
        if (actor == s.client()) return s.listenerCred();
        if (actor == s.listener()) return s.clientCred();
        return null;
    }

    /** getsockopt(SO_PEERCRED) (net/core/sock.c): cred_to_ucred, pid_vnr of sk_peer_pid and the effective ids mapped (C4). */
    static Outcome soPeercred(Variant v, Kernel k, int actor, boolean uid) {
        PeerCred p = peer(k, actor);
        if (p == null) return Outcome.error(k, Errno.ENOTCONN);
        return new Outcome(k, ScmRules.scmRecv(v, k, actor, p, uid));
    }

    /** Closing a dead task's fds: the listener takes the connection with it; a client's end closes. */
    static Kernel closeOnExit(Kernel k, int slot) {
        UnixSocket s = k.objects().socket();
        if (s == null) return k;
        if (s.listener() == slot) return withSocket(k, null);
        if (s.client() == slot) return withSocket(k, s.disconnected());
        return k;
    }
}
