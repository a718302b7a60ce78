package nscheck.spec;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.Errno;
import nscheck.spec.call.JobCall;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * waitpid(pid, &status, WUNTRACED | WCONTINUED) (kernel/exit.c do_wait, wait_consider_task; J3):
 * which children it considers, ECHILD, and delay_group_leader.
 */
class WaitUntracedTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10));
    private static final Syscall FORK = new Syscall.Clone(0);

    /** do_wait: ECHILD when no child matches, whether there are no children or the number names none of them. */
    @Test
    void noMatchingChildIsEchild() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        assertEquals(Errno.ECHILD, r.errno(1, new JobCall.WaitUntraced(-1, false)), "no children");
        assertEquals(3, r.pid(1, FORK));
        assertEquals(Errno.ECHILD, r.errno(0, new JobCall.WaitUntraced(3, false)), "a grandchild is not a child");
        assertEquals(Errno.ECHILD, r.errno(0, new JobCall.WaitUntraced(9, false)), "nobody has that number");
    }

    /** A wait for one child ignores another child's stop. */
    @Test
    void aWaitForOneChildIgnoresAnothersStop() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        assertEquals(3, r.pid(0, FORK));
        r.value(0, new Syscall.Kill(3, Signals.SIGSTOP));
        assertFalse(r.canCall(0, new JobCall.WaitUntraced(2, false)), "child 2 has nothing to report");
        assertEquals(3, r.pid(0, new JobCall.WaitUntraced(3, false)));
    }

    /** delay_group_leader: a leader that exited before its threads is not reaped until the last thread exits. */
    @Test
    void aZombieLeaderWithLivingThreadsIsNotReaped() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        assertEquals(3, r.value(1, new Syscall.Clone(CloneFlags.CLONE_THREAD)));
        r.call(1, new Syscall.Exit(0));
        assertFalse(r.canCall(0, new JobCall.WaitUntraced(-1, false)), "the thread group is not empty");
        r.call(2, new Syscall.Exit(5));
        assertEquals(2, r.pid(0, new JobCall.WaitUntraced(-1, false)));
    }

    /** waitpid(0) and waitpid(-pgid), the group waits, are outside the model: refused, never answered as a wait for any child. */
    @Test
    void theGroupWaitsAreRefused() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        r.value(0, new Syscall.Kill(2, Signals.SIGSTOP));
        assertEquals(Errno.EINVAL, r.errno(0, new JobCall.WaitUntraced(0, false)));
        assertEquals(Errno.EINVAL, r.errno(0, new JobCall.WaitUntraced(-2, false)));
    }
}
