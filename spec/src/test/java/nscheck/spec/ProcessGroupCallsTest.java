package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * kernel/sys.c setpgid, getsid and getppid: the errors setpgid(2) and getsid(2) document, and the
 * root init's parent.
 */
class ProcessGroupCallsTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10));
    private static final Syscall FORK = new Syscall.Clone(0);

    /** setpgid: EPERM to join a group of another session, or a number that names a task but no group. */
    @Test
    void setpgidJoinsOnlyAGroupOfTheCallersSession() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));                  // T1
        assertEquals(3, r.pid(0, FORK));                  // T2
        assertEquals(Errno.EPERM, r.errno(2, new ProcessCall.Setpgid(0, 2)), "2 is a task's number, not a group");
        r.value(1, new ProcessCall.Setsid());             // T1 leads session 2 and group 2
        assertEquals(Errno.EPERM, r.errno(2, new ProcessCall.Setpgid(0, 2)), "group 2 is in another session");
        assertEquals(Errno.EPERM, r.errno(2, new ProcessCall.Setpgid(0, 9)), "no such group");
        r.value(2, new ProcessCall.Setpgid());
        assertEquals(4, r.pid(2, FORK));                  // T3, in group 3
        assertEquals(0, r.value(3, new ProcessCall.Setpgid(0, 1)), "back to the boot group, in the same session");
    }

    /** getsid(pid): ESRCH when no task has the number. */
    @Test
    void getsidOfNobodyIsEsrch() {
        SpecRun r = new SpecRun(s);
        assertEquals(Errno.ESRCH, r.errno(0, new ProcessCall.Getsid(7)));
        assertEquals(1, r.value(0, new ProcessCall.Getsid(1)));
    }

    /** The root init has no parent: getppid() is 0. */
    @Test
    void theRootInitsParentIsZero() {
        SpecRun r = new SpecRun(s);
        assertEquals(0, r.value(0, new Syscall.GetPpid()));
    }
}
