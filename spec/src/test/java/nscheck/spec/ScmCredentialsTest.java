package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.SocketCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;
import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * scm_check_creds for SCM_CREDENTIALS (net/core/scm.c; docs/semantics.md C1) past ObjectRulesTest:
 * an unmapped uid, the TGID a thread may name, what CAP_SYS_ADMIN in init_user_ns allows and in a
 * child user namespace does not, and a pid that names nobody.
 */
class ScmCredentialsTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(8, 2, 16));

    private static final Syscall FORK = new Syscall.Clone(0);

    /** T0 (1) makes a socket pair (fds 3 and 4); T1 (2), forked after, holds both ends too. */
    private SpecRun connected() {
        SpecRun r = new SpecRun(s);
        r.value(0, new SocketCall.Socketpair(SocketCall.SOCK_STREAM));
        r.value(0, FORK);
        return r;
    }

    @Test
    void rootInTheInitialNamespaceMayNameAnyPidAndUidButNotNobody() {
        SpecRun r = connected();
        assertEquals(Errno.ESRCH, r.errno(1, new Syscall.SendCreds(4, 9, 0)));
        r.value(1, new Syscall.SendCreds(4, 1, 1000));
        assertEquals(1, r.value(0, new Syscall.RecvCreds(3, false)));
    }

    @Test
    void anUnmappedUidIsEinval() {
        SpecRun r = connected();
        r.value(1, new Syscall.Unshare(CLONE_NEWUSER));
        assertEquals(Errno.EINVAL, r.errno(1, new Syscall.SendCreds(4, 2, 0)), "no uid_map: uid 0 maps to nothing");
    }

    /** A thread names its process (task_tgid_vnr), not its own TID; uid 1000 may send only its own uid. The thread uses its process's fds (D5). */
    @Test
    void aThreadWithoutCapabilitiesNamesItsTgid() {
        SpecRun r = connected();
        r.value(1, new Syscall.Setuid(1000));
        assertEquals(3, r.value(1, new Syscall.Clone(CLONE_THREAD)));
        assertEquals(Errno.EPERM, r.errno(2, new Syscall.SendCreds(4, 3, 1000)), "its TID");
        assertEquals(Errno.EPERM, r.errno(2, new Syscall.SendCreds(4, 2, 0)), "another uid");
        r.value(2, new Syscall.SendCreds(4, 2, 1000));
        assertEquals(2, r.value(0, new Syscall.RecvCreds(3, false)));
    }

    /** Capabilities in a child user namespace do not cover the PID namespace (owned by init_user_ns, C1): only its own pid. */
    @Test
    void capabilitiesInAChildUserNamespaceDoNotCoverAnotherPid() {
        SpecRun r = connected();
        r.value(1, new Syscall.Unshare(CLONE_NEWUSER));
        r.value(1, new Syscall.WriteIdMaps());
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.SendCreds(4, 1, 0)));
        r.value(1, new Syscall.SendCreds(4, 2, 0));
    }
}
