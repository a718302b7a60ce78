package nscheck.spec.rules;

import nscheck.spec.state.Credentials;
import nscheck.spec.call.Errno;
import nscheck.spec.state.Kernel;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.PeerCred;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.Task;
import nscheck.spec.state.UnixSocket;
import nscheck.spec.state.UserNamespace;

/**
 * Credentials on the model's Unix stream socket (net/unix/af_unix.c, net/core/scm.c, C1-C4).
 * The receiver has SO_PASSCRED set, so every message carries credentials: the sender's own
 * (implicit, C2) or those it names in SCM_CREDENTIALS (explicit, checked by scm_check_creds, C1).
 * A message keeps a struct pid reference and kernel ids; the receiver reads the pid with
 * pid_vnr and the ids mapped into its user namespace, both at receive time (C3).
 */
final class SocketRules {
    private SocketRules() {}

    private static Outcome fail(Kernel k, Errno e) {
        return new Outcome(k, Observation.error(e));
    }

    private static Kernel withSocket(Kernel k, UnixSocket s) {
        return k.withObjects(k.objects().withSocket(s)).collectNamespaces();
    }

    /** init_peercred: the caller's TGID and effective ids (C4). */
    private static PeerCred own(Kernel k, int actor, boolean effective) {
        Credentials c = k.objects().context(actor).cred();
        return new PeerCred(PidRef.of(k, actor), effective ? c.euid() : c.uid(), c.gid());
    }

    static Outcome listen(Kernel k, int actor) {
        if (k.objects().socket() != null) return fail(k, Errno.EADDRINUSE);
        return new Outcome(withSocket(k, new UnixSocket(actor, own(k, actor, true), -1, null, null, null)), Observation.ZERO);
    }

    /** unix_stream_connect: the new server socket gets the client's credentials, the client a copy of the listener's. */
    static Outcome connect(Kernel k, int actor) {
        UnixSocket s = k.objects().socket();
        if (s == null) return fail(k, Errno.ECONNREFUSED);
        if (s.client() == actor) return fail(k, Errno.EISCONN);
        if (s.connected()) return fail(k, Errno.EAGAIN); // backlog of the model's listener: one connection
        return new Outcome(withSocket(k, new UnixSocket(s.listener(), s.listenerCred(), actor, own(k, actor, true), null, null)), Observation.ZERO);
    }

    /** Implicit credentials (maybe_add_creds, C2): the sender's TGID and real ids. */
    static Outcome send(Kernel k, int actor) {
        return queue(k, actor, own(k, actor, false));
    }

    /** scm_check_creds then find_get_pid in the caller's namespace (C1). The gid sent is the sender's own real gid, so only the pid and uid checks can refuse. */
    static Outcome sendCreds(Semantics s, Kernel k, int actor, int pid, int uid) {
        Credentials c = k.objects().context(actor).cred();
        UserNamespace ns = k.objects().userNs(c.userNs());
        int kuid = ns.toKernel(uid, false);
        int kgid = c.gid();
        if (kuid == UserNamespace.INVALID) return fail(k, Errno.EINVAL);
        Task t = k.task(actor);
        int self = s.variant.translate(k, t.hasLeader() ? t.leader : actor, t.activeNs()); // task_tgid_vnr(current)
        // CAP_SYS_ADMIN over the caller's PID namespace: the model takes every PID namespace to be
        // owned by init_user_ns (PidNamespace does not record its owner).
        boolean pidOk = pid == self || (c.caps() && c.userNs() == UserNamespace.INIT);
        boolean uidOk = kuid == c.uid() || kuid == c.euid() || c.caps();
        boolean gidOk = kgid == c.gid() || c.caps();
        if (!(pidOk && uidOk && gidOk)) return fail(k, Errno.EPERM);
        int target = s.variant.lookup(k, k.task(actor).activeNs(), pid);
        if (target < 0) return fail(k, Errno.ESRCH);
        return queue(k, actor, new PeerCred(PidRef.of(k, target), kuid, kgid));
    }

    private static Outcome queue(Kernel k, int actor, PeerCred creds) {
        UnixSocket s = k.objects().socket();
        if (s == null || !s.connected() || (actor != s.client() && actor != s.listener())) return fail(k, Errno.ENOTCONN);
        if (actor == s.client()) {
            if (s.toServer() != null) return fail(k, Errno.EAGAIN);
            return new Outcome(withSocket(k, new UnixSocket(s.listener(), s.listenerCred(), s.client(), s.clientCred(), creds, s.toClient())), Observation.ZERO);
        }
        if (s.toClient() != null) return fail(k, Errno.EAGAIN);
        return new Outcome(withSocket(k, new UnixSocket(s.listener(), s.listenerCred(), s.client(), s.clientCred(), s.toServer(), creds)), Observation.ZERO);
    }

    /** The message waiting for {@code actor}, or null. */
    static PeerCred incoming(Kernel k, int actor) {
        UnixSocket s = k.objects().socket();
        if (s == null || !s.connected()) return null;
        if (actor == s.listener() && s.toServer() != null) return s.toServer();
        if (actor == s.client()) return s.toClient();
        return null;
    }

    /** recvmsg(MSG_DONTWAIT): scm_recv -> pid_vnr and from_kuid_munged in the receiver's context (C3). */
    static Outcome recv(Semantics s, Kernel k, int actor, boolean uid) {
        PeerCred m = incoming(k, actor);
        if (m == null) return fail(k, Errno.EAGAIN);
        UnixSocket sock = k.objects().socket();
        UnixSocket after = actor == sock.listener() && sock.toServer() != null
                ? new UnixSocket(sock.listener(), sock.listenerCred(), sock.client(), sock.clientCred(), null, sock.toClient())
                : new UnixSocket(sock.listener(), sock.listenerCred(), sock.client(), sock.clientCred(), sock.toServer(), null);
        Kernel next = withSocket(k, after);
        return new Outcome(next, report(s, k, actor, m, uid));
    }

    /** The credentials SO_PEERCRED reports to {@code actor}, or null when it has no connected socket. */
    static PeerCred peer(Kernel k, int actor) {
        UnixSocket s = k.objects().socket();
        if (s == null || !s.connected()) return null;
        if (actor == s.client()) return s.listenerCred();
        if (actor == s.listener()) return s.clientCred();
        return null;
    }

    /** getsockopt(SO_PEERCRED): cred_to_ucred -> pid_vnr of sk_peer_pid, the effective ids mapped (C4). */
    static Outcome peerCred(Semantics s, Kernel k, int actor, boolean uid) {
        PeerCred p = peer(k, actor);
        if (p == null) return fail(k, Errno.ENOTCONN);
        return new Outcome(k, report(s, k, actor, p, uid));
    }

    private static Observation report(Semantics s, Kernel k, int actor, PeerCred c, boolean uid) {
        if (uid) return Observation.value(s.variant.fromKernelId(k, k.objects().context(actor).cred().userNs(), c.kuid(), false));
        int about = c.pid() == null ? -1 : c.pid().holder(k);
        return Observation.pid(s.variant.pidVnr(k, c.pid(), k.task(actor).activeNs()), about < 0 ? Observation.NOBODY : about);
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
