package nscheck.spec;

import nscheck.spec.call.Errno;

import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import nscheck.spec.rules.Semantics;
import nscheck.spec.call.SocketCall;
import nscheck.spec.call.Syscall;

import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** find_vpid (kernel/pid.c): a number names a task only if some task holds it in the caller's namespace; 0 names nobody. */
class FindVpidTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10));

    /**
     * C1, __scm_send: a privileged sender may name any pid in SCM_CREDENTIALS, but find_get_pid(0)
     * finds nothing (ESRCH), also inside a container where the host's tasks have no number (0).
     */
    @Test
    void c1_explicitCredentialsWithPidZeroNameNobody() {
        SpecRun r = new SpecRun(s);
        r.value(0, new Syscall.Clone(0));                   // T1 = 2
        r.value(1, new SocketCall.Socketpair(SocketCall.SOCK_DGRAM));  // fds 3 and 4
        r.value(1, new Syscall.Clone(CLONE_NEWPID));        // T2: init of a container, root with CAP_SYS_ADMIN; inherits both
        assertEquals(Errno.ESRCH, r.errno(2, new Syscall.SendCreds(4, 0, 0)));
        assertEquals(Errno.ESRCH, r.errno(2, new Syscall.SendCreds(4, 2, 0)), "2 is T1 outside, nobody inside");
        assertEquals(0, r.value(2, new Syscall.SendCreds(4, 1, 0)));
        assertEquals(3, r.value(1, new Syscall.RecvCreds(3, false)));
    }
}
