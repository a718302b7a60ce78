package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions and process groups (kernel/sys.c, kernel/exit.c; issue 19 item 1), each case as the
 * research probe saw it on Linux 6.18 in fresh namespaces.
 */
class SessionsTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10));
    private static final Syscall FORK = new Syscall.Clone(0);

    @Test
    void aNamespaceInitSeesItsInheritedSessionAndGroupAsZero() {
        SpecRun r = SpecRun.container(s);
        assertEquals(0, r.value(2, new ProcessCall.Getsid(0)));
        assertEquals(0, r.value(2, new ProcessCall.Getpgid(0)));
        assertEquals(0, r.value(3, new ProcessCall.Getsid(0)));
        assertEquals(0, r.value(3, new ProcessCall.Getpgid(1)));
        // From outside the same session is the root init's: 1.
        assertEquals(1, r.value(1, new ProcessCall.Getsid(3)));
        assertEquals(Errno.ESRCH, r.errno(3, new ProcessCall.Getsid(7)));
    }

    @Test
    void setsidOnceThenEperm() {
        SpecRun r = SpecRun.container(s);
        assertEquals(1, r.value(2, new ProcessCall.Setsid()));
        assertEquals(Errno.EPERM, r.errno(2, new ProcessCall.Setsid()));
        assertEquals(1, r.value(2, new ProcessCall.Getsid(0)));
        assertEquals(1, r.value(2, new ProcessCall.Getpgid(0)));
        // T3 forked before: still in the old session, invisible inside.
        assertEquals(0, r.value(3, new ProcessCall.Getsid(0)));
        assertEquals(3, r.value(1, new ProcessCall.Getsid(3)), "outside, the new session is T2's outer number");
    }

    @Test
    void aGroupLeaderCannotStartASession() {
        SpecRun r = SpecRun.container(s);
        assertEquals(0, r.value(3, new ProcessCall.Setpgid()));
        assertEquals(Errno.EPERM, r.errno(3, new ProcessCall.Setsid()));
        assertEquals(2, r.value(3, new ProcessCall.Getpgid(0)));
    }

    @Test
    void setpgidChecksItsArguments() {
        SpecRun r = SpecRun.container(s);
        assertEquals(Errno.EINVAL, r.errno(3, new ProcessCall.Setpgid(0, -1)));
        assertEquals(Errno.ESRCH, r.errno(3, new ProcessCall.Setpgid(9, 0)));
        // The init (1 inside) is T3's parent, not its child: ESRCH.
        assertEquals(Errno.ESRCH, r.errno(3, new ProcessCall.Setpgid(1, 0)));
        // The parent moves its child into a group of its own, then back into a group that does not exist: EPERM.
        assertEquals(0, r.value(2, new ProcessCall.Setpgid(2, 2)));
        assertEquals(2, r.value(3, new ProcessCall.Getpgid(0)));
        assertEquals(Errno.EPERM, r.errno(2, new ProcessCall.Setpgid(2, 5)));
        // A child in another session: EPERM.
        r.value(3, new ProcessCall.Setpgid(0, 0));
        SpecRun q = SpecRun.container(s);
        q.value(3, new ProcessCall.Setsid());
        assertEquals(Errno.EPERM, q.errno(2, new ProcessCall.Setpgid(2, 0)));
        // A session leader cannot move: EPERM.
        assertEquals(Errno.EPERM, q.errno(3, new ProcessCall.Setpgid(0, 0)));
    }

    @Test
    void waitpidZeroAndMinusPgidSelectByGroup() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                    // T1 = 2, the waiter
        r.value(1, FORK);                                    // T2 = 3, same group as T1
        r.value(1, FORK);                                    // T3 = 4
        r.value(3, new ProcessCall.Setpgid());                   // T3 leads group 4
        r.call(2, new Syscall.Exit(11));
        r.call(3, new Syscall.Exit(12));
        assertEquals(11 << 8, r.value(1, new ProcessCall.WaitStatus(0)));
        assertEquals(Errno.ECHILD, r.errno(1, new ProcessCall.WaitStatus(0)), "no child left in T1's group");
        assertEquals(Errno.ECHILD, r.errno(1, new ProcessCall.WaitStatus(-9)));
        assertEquals(12 << 8, r.value(1, new ProcessCall.WaitStatus(-4)));
    }

    @Test
    void aNamespaceInitWaitsForItsGroupByStructPid() {
        SpecRun r = SpecRun.container(s);
        r.value(3, new Syscall.Exit(5));
        assertTrue(r.canCall(2, new ProcessCall.WaitStatus(0)));
        assertEquals(5 << 8, r.value(2, new ProcessCall.WaitStatus(0)));
        r.value(2, FORK);                                    // slot 3 again, 3 inside
        r.call(3, new Syscall.Exit(0));
        assertEquals(3, r.value(2, new ProcessCall.Waitid(ProcessCall.Waitid.P_PGID, 0, ProcessCall.Waitid.Field.SI_PID)));
    }
}
