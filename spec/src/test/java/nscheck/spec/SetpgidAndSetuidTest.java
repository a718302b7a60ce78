package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;
import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * kernel/sys.c past SessionsTest: setpgid's error order (EINVAL, ESRCH, EPERM), joining an
 * existing group, getppid of a thread's child and of the root init, getsid(0), and setuid's
 * capability rules (docs/semantics.md P16, P17, K4).
 */
class SetpgidAndSetuidTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(8, 2, 16));

    private static final Syscall FORK = new Syscall.Clone(0);

    private static Syscall setpgid(int pid, int pgid) {
        return new ProcessCall.Setpgid(pid, pgid);
    }

    @Test
    void setpgidChecksInTheKernelsOrder() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                              // T1 = 2
        assertEquals(3, r.value(1, new Syscall.Clone(CLONE_THREAD)));  // T2 = TID 3
        assertEquals(Errno.EINVAL, r.errno(1, setpgid(0, -1)));
        assertEquals(Errno.ESRCH, r.errno(1, setpgid(9, 0)));
        assertEquals(Errno.EINVAL, r.errno(1, setpgid(3, 0)), "a thread leads no process");
        assertEquals(Errno.ESRCH, r.errno(1, setpgid(1, 0)), "neither the caller nor its child");
        assertEquals(Errno.EPERM, r.errno(0, setpgid(0, 0)), "the root init leads the boot session");
        assertEquals(0, r.value(0, setpgid(2, 0)), "the root init's child");
        assertEquals(2, r.value(0, new ProcessCall.Getpgid(2)));
    }

    @Test
    void aChildInAnotherSessionIsEperm() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                              // T1 = 2
        r.value(1, FORK);                                              // T2 = 3
        r.value(2, new ProcessCall.Setsid());
        assertEquals(Errno.EPERM, r.errno(1, setpgid(3, 3)));
        assertEquals(Errno.EPERM, r.errno(2, setpgid(0, 0)), "a session leader");
        r.value(1, FORK);                                              // T3 = 4, in the boot session
        r.value(1, new ProcessCall.Setsid());                          // T1 leaves it; T3 stays
        assertEquals(Errno.EPERM, r.errno(1, setpgid(4, 4)), "T3 leads no session, but is in another");
    }

    @Test
    void joiningAGroupNeedsOneInTheCallersSession() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                              // T1 = 2
        r.value(1, new ProcessCall.Setpgid());                         // group 2
        r.value(0, FORK);                                              // T2 = 3
        assertEquals(Errno.EPERM, r.errno(2, setpgid(0, 9)), "no group 9");
        assertEquals(0, r.value(2, setpgid(0, 2)));
        assertEquals(2, r.value(2, new ProcessCall.Getpgid(0)));
        r.value(0, FORK);                                              // T3 = 4
        r.value(3, new ProcessCall.Setsid());                          // session and group 4
        r.value(0, FORK);                                              // T4 = 5
        assertEquals(Errno.EPERM, r.errno(4, setpgid(0, 4)), "group 4 is in another session");
        assertEquals(1, r.value(4, new ProcessCall.Getpgid(0)));
    }

    @Test
    void getppidNamesTheParentsProcessAndTheRootInitHasNone() {
        SpecRun r = new SpecRun(s);
        assertEquals(0, r.value(0, new Syscall.GetPpid()));
        r.value(0, FORK);                                              // T1 = 2
        assertEquals(3, r.value(1, new Syscall.Clone(CLONE_THREAD)));  // T2 = TID 3
        assertEquals(4, r.value(2, FORK));                             // T3, forked by the thread
        assertEquals(2, r.value(3, new Syscall.GetPpid()), "the thread's process");
        assertEquals(1, r.value(0, new ProcessCall.Getsid(0)));
        assertEquals(0, r.last.about());
    }

    @Test
    void setuidKeepsCapabilitiesOnlyForTheNamespacesRoot() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                              // T1
        r.value(1, new Syscall.Setuid(0));
        r.value(1, new Syscall.Setuid(1000));                          // still capable after setuid(0)
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.Setuid(0)), "setuid(1000) dropped them");
        r.value(1, new Syscall.Setuid(1000));                          // its own uid: allowed
        r.value(0, FORK);                                              // T2
        r.value(2, new Syscall.Unshare(CLONE_NEWUSER));
        assertEquals(Errno.EINVAL, r.errno(2, new Syscall.Setuid(0)), "no uid_map yet");
    }
}
