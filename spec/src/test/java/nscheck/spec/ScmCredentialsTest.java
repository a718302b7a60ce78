package nscheck.spec;

import nscheck.spec.call.Errno;
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

    /** T0 (1) listens; T1 (2) connects. */
    private SpecRun connected() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(0, new Syscall.Listen());
        return r;
    }

    @Test
    void rootInTheInitialNamespaceMayNameAnyPidAndUidButNotNobody() {
        SpecRun r = connected();
        r.value(1, new Syscall.Connect());
        assertEquals(Errno.ESRCH, r.errno(1, new Syscall.SendCreds(9, 0)));
        r.value(1, new Syscall.SendCreds(1, 1000));
        assertEquals(1, r.value(0, new Syscall.RecvCreds(false)));
    }

    @Test
    void anUnmappedUidIsEinval() {
        SpecRun r = connected();
        r.value(1, new Syscall.Unshare(CLONE_NEWUSER));
        r.value(1, new Syscall.Connect());
        assertEquals(Errno.EINVAL, r.errno(1, new Syscall.SendCreds(2, 0)), "no uid_map: uid 0 maps to nothing");
    }

    /** A thread names its process (task_tgid_vnr), not its own TID; uid 1000 may send only its own uid. */
    @Test
    void aThreadWithoutCapabilitiesNamesItsTgid() {
        SpecRun r = connected();
        r.value(1, new Syscall.Setuid(1000));
        assertEquals(3, r.value(1, new Syscall.Clone(CLONE_THREAD)));
        r.value(2, new Syscall.Connect());
        assertEquals(Errno.EPERM, r.errno(2, new Syscall.SendCreds(3, 1000)), "its TID");
        assertEquals(Errno.EPERM, r.errno(2, new Syscall.SendCreds(2, 0)), "another uid");
        r.value(2, new Syscall.SendCreds(2, 1000));
        assertEquals(2, r.value(0, new Syscall.RecvCreds(false)));
    }

    /** Capabilities in a child user namespace do not cover the PID namespace (owned by init_user_ns): only its own pid. */
    @Test
    void capabilitiesInAChildUserNamespaceDoNotCoverAnotherPid() {
        SpecRun r = connected();
        r.value(1, new Syscall.Unshare(CLONE_NEWUSER));
        r.value(1, new Syscall.WriteIdMaps());
        r.value(1, new Syscall.Connect());
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.SendCreds(1, 0)));
        r.value(1, new Syscall.SendCreds(2, 0));
    }
}
