package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * alloc_pid's failure path (kernel/pid.c, out_free; P3): the numbers taken at the inner levels
 * are given back, and a namespace whose very first allocation failed starts again at 1, while
 * one that already holds numbers keeps its cursor where the failed attempt left it.
 */
class AllocPidFailureTest {
    private static final Syscall FORK = new Syscall.Clone(0);

    /** pid_max 4 (1..3 in every namespace). */
    @Test
    void aNamespaceWhoseFirstForkFailedStillGetsItsInitAsOne() {
        SpecRun r = new SpecRun(new Semantics(Mainline.INSTANCE, new Limits(6, 2, 4)));
        assertEquals(2, r.pid(0, FORK));                                   // T1
        r.value(1, new Syscall.Unshare(CLONE_NEWPID));
        assertEquals(3, r.pid(0, FORK));                                   // T2: the root namespace is full
        assertEquals(Errno.EAGAIN, r.errno(1, FORK), "1 inside, nothing left outside");
        r.call(2, new Syscall.Exit(0));
        assertEquals(3, r.pid(0, new Syscall.Wait(3)));
        int child = r.pid(1, FORK);
        assertEquals(3, child);
        assertEquals(1, r.value(r.last.about(), new Syscall.GetPid()), "the namespace's init is 1 after all");
    }

    /** pid_max 5 (1..4): a failed fork inside a namespace with an init moves its cursor for good. */
    @Test
    void aFailedForkInANamespaceWithTasksKeepsItsCursor() {
        SpecRun r = new SpecRun(new Semantics(Mainline.INSTANCE, new Limits(6, 2, 5)));
        assertEquals(2, r.pid(0, FORK));                                   // T1
        assertEquals(3, r.pid(1, new Syscall.Clone(CLONE_NEWPID)));        // T2: init of N, 1 in N
        assertEquals(4, r.pid(0, FORK));                                   // T3: the root namespace is full
        assertEquals(Errno.EAGAIN, r.errno(2, FORK), "2 in N, nothing left outside");
        r.call(3, new Syscall.Exit(0));
        assertEquals(4, r.pid(0, new Syscall.Wait(4)));
        assertEquals(3, r.pid(2, FORK), "N's cursor stayed past the 2 the failed fork took");
    }
}
