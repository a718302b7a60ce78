package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.Credentials;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.PeerCred;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.Task;
import nscheck.spec.state.UserNamespace;
import nscheck.spec.variant.Variant;

/** net/core/scm.c: explicit SCM_CREDENTIALS checked on send, and credentials read on receive (C1, C3). */
final class ScmRules {
    private ScmRules() {}

    /**
     * sendmsg with SCM_CREDENTIALS {pid, uid, own gid} on the socket {@code fd}: scm_check_creds,
     * then find_get_pid in the caller's namespace (C1). The pid must be the caller's TGID unless it
     * has CAP_SYS_ADMIN in the user namespace owning its PID namespace; the uid its real or
     * effective one unless it has CAP_SETUID in its own. The gid sent is the sender's own real
     * gid, so only the pid and uid checks can refuse.
     */
    static Outcome scmSend(Variant v, Kernel k, int actor, int fd, int pid, int uid) {
        Errno bad = AfUnixRules.badSocket(k, actor, fd);
        if (bad != null) return Outcome.error(k, bad);
        Credentials c = k.objects().context(actor).cred();
        UserNamespace ns = k.objects().userNs(c.userNs());
        int kuid = ns.toKernel(uid, false);
        int kgid = c.gid();
        if (kuid == UserNamespace.INVALID) return Outcome.error(k, Errno.EINVAL);
        Task t = k.task(actor);
        int self = v.translate(k, t.hasLeader() ? t.leader : actor, t.activeNs()); // task_tgid_vnr(current)
        boolean pidOk = pid == self || CapabilityRules.capable(k.objects(), c, k.ns(t.activeNs()).userNs());
        boolean uidOk = kuid == c.uid() || kuid == c.euid() || CapabilityRules.capable(k.objects(), c, c.userNs());
        boolean gidOk = kgid == c.gid() || c.caps();
        if (!(pidOk && uidOk && gidOk)) return Outcome.error(k, Errno.EPERM);
        int target = v.lookup(k, k.task(actor).activeNs(), pid);
        if (target < 0) return Outcome.error(k, Errno.ESRCH);
        return AfUnixRules.queue(k, actor, fd, new PeerCred(PidRef.of(k, target), kuid, kgid));
    }

    /** scm_recv: the pid by pid_vnr and the uid by from_kuid_munged, both in the reader's context (C3, C4). */
    static Observation scmRecv(Variant v, Kernel k, int actor, PeerCred c, boolean uid) {
        if (uid) return Observation.value(v.fromKernelId(k, k.objects().context(actor).cred().userNs(), c.kuid(), false));
        return PidRules.pidVnr(v, k, actor, c.pid());
    }
}
