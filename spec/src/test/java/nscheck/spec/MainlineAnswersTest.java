package nscheck.spec;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.Task;
import nscheck.spec.state.TaskState;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Mainline's answers to the variant questions where a wrong reading would still pass every
 * walk: pid_nr_ns of a struct pid in a sibling namespace at the same depth, a namespace that is
 * gone, find_new_reaper over a parent chain a broken variant made into a cycle, and the reaper of
 * a dying init, which the exit path never asks.
 *
 * <p>The state: T1 (PID 2) on the host; T2 (3 outside) the init of container A, T3 (4, 2 in A) its
 * child, T4 (5 outside, 3 in A) T3's child; T5 (6 outside) the init of container B, a sibling of A.
 */
class MainlineAnswersTest {
    private static final Mainline M = Mainline.INSTANCE;

    private static SpecRun twoContainers() {
        SpecRun r = SpecRun.container(new Semantics(M, new Limits(6, 2, 10)));
        r.value(3, new Syscall.Clone(0));
        r.value(1, new Syscall.Clone(CloneFlags.CLONE_NEWPID));
        assertEquals("5 3", r.k.task(4).nsPid());
        assertEquals("6 1", r.k.task(5).nsPid());
        return r;
    }

    @Test
    void aStructPidHasNoNumberInASiblingNamespaceOrOneThatIsGone() {
        Kernel k = twoContainers().k;
        int a = k.task(2).activeNs(), b = k.task(5).activeNs();
        PidRef t3 = PidRef.of(k, 3);
        assertEquals(2, M.pidVnr(k, t3, a));
        assertEquals(4, M.pidVnr(k, t3, Kernel.ROOT_NS));
        // B is at A's level: T3's struct pid has a number at that level, but in A
        assertEquals(k.ns(a).level(), k.ns(b).level());
        assertEquals(0, M.pidVnr(k, t3, b));
        assertEquals(0, M.pidVnr(k, PidRef.of(k, 1), a), "a host task has no number in a container");
        assertEquals(0, M.pidVnr(k, t3, k.nsSlots()), "no namespace in that slot");
        assertEquals(0, M.pidVnr(k, null, a));
    }

    @Test
    void anOrphanOfACycleOfParentsGoesToTheNamespacesInit() {
        // A broken variant left T3 and T4 each other's parent; the walk up must stop and answer A's init.
        Kernel k = twoContainers().k;
        k = k.withTask(3, k.task(3).withParent(4));
        assertEquals(2, M.reaper(k, 4));
        assertEquals(2, M.reaper(k, 3));
        // and a living subreaper in the cycle is found
        Kernel withSubreaper = k.withTask(3, k.task(3).withSubreaper(true));
        assertEquals(3, M.reaper(withSubreaper, 4));
        // a dead one is passed over
        Kernel deadSubreaper = withSubreaper.withTask(3, withSubreaper.task(3).dead(TaskState.ZOMBIE));
        assertEquals(2, M.reaper(deadSubreaper, 4));
        Task t4 = k.task(4);
        assertEquals(3, t4.parent);
    }

    /**
     * find_child_reaper asked of a dying init (kernel/exit.c): a live thread of its group takes the
     * children, else the init keeps them (they die with the namespace); find_new_reaper's subreaper
     * walk never leaves the init's namespace, so a subreaper above it is passed over. ExitRules.doExit
     * hands the role to the thread before it asks, so only a direct question reaches this case.
     */
    @Test
    void aDyingInitsChildrenGoToALiveThreadOfItsGroupElseStay() {
        SpecRun r = SpecRun.container(new Semantics(M, new Limits(6, 2, 10)));
        r.call(1, new Syscall.SetChildSubreaper());
        assertEquals(2, r.k.ns(r.k.task(2).activeNs()).childReaper());
        assertEquals(2, M.reaper(r.k, 2), "no other thread: the init itself");
        r.value(2, new Syscall.Clone(CloneFlags.CLONE_THREAD));
        assertEquals(4, M.reaper(r.k, 2), "its thread T4");
    }
}
