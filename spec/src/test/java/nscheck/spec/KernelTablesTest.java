package nscheck.spec;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel's tables as the rules read them: which numbers are in use (a task's PID, a process
 * group's or session's ID, a kernel thread: alloc_pid skips all three, P3), which namespaces live
 * (put_pid_ns: while a task or a stored struct pid holds them, kernel/pid_namespace.c) and how
 * their slots are reused and trimmed, and that every change leaves the state it started from as it was.
 */
class KernelTablesTest {
    private static final Syscall FORK = new Syscall.Clone(0);
    private static final Syscall NEWPID = new Syscall.Clone(CloneFlags.CLONE_NEWPID);

    @Test
    void slotsOutsideTheTablesHoldNothing() {
        Kernel k = new SpecRun(Mainline.INSTANCE).k;
        assertNull(k.task(-1));
        assertNull(k.task(k.taskSlots()));
        assertNotNull(k.task(Kernel.ROOT_INIT));
        assertNull(k.ns(k.nsSlots()));
        assertEquals(1, k.taskCount());
        assertEquals(List.of(Kernel.ROOT_INIT), k.taskSlotList());
        assertEquals("T0[1]", k.toString());
        assertEquals(-1, k.holderOf(Kernel.ROOT_NS, 0));
        assertEquals(Kernel.ROOT_INIT, k.holderOf(Kernel.ROOT_NS, 1));
    }

    @Test
    void aNumberIsInUseWhileATaskHoldsItAGroupUsesItOrAKernelThreadHasIt() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        assertTrue(r.k.numberInUse(Kernel.ROOT_NS, 1), "the root init, in slot 0");
        assertFalse(r.k.numberInUse(Kernel.ROOT_NS, 2));
        r.value(0, FORK);                                  // T1 = 2
        r.value(1, new ProcessCall.Setpgid());             // group 2
        r.value(1, FORK);                                  // T2 = 3, in group 2
        r.value(1, new Syscall.Exit(0));
        r.value(0, new Syscall.Wait(2));                   // T1 reaped; group 2 lives on in T2
        assertEquals(-1, r.k.holderOf(Kernel.ROOT_NS, 2));
        assertTrue(r.k.numberInUse(Kernel.ROOT_NS, 2), "a process group's ID stays allocated");
        assertEquals(List.of(0, 2), r.k.taskSlotList());
        assertEquals(2, r.k.taskCount());
        Kernel withKthreads = new SpecRun(new Semantics(Mainline.INSTANCE, new Limits(4, 1, 10, 2))).k;
        assertTrue(withKthreads.numberInUse(Kernel.ROOT_NS, 3), "a kernel thread's number");
        assertFalse(withKthreads.numberInUse(Kernel.ROOT_NS, 4));
        assertEquals(4, withKthreads.ns(Kernel.ROOT_NS).cursor(), "the first fork searches after kthreadd's threads");
        assertEquals(2, new SpecRun(Mainline.INSTANCE).k.ns(Kernel.ROOT_NS).cursor(), "without kernel threads, after init and kthreadd");
    }

    @Test
    void aFreedNamespaceSlotIsReusedAndAFreedTailIsTrimmed() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, NEWPID);                                // A: slot 1, its init T1 = 2
        r.value(0, NEWPID);                                // B: slot 2, its init T2 = 3
        int a = r.k.task(1).activeNs(), b = r.k.task(2).activeNs();
        assertEquals(3, r.k.nsSlots());
        r.value(1, new Syscall.Exit(0));
        r.value(0, new Syscall.Wait(2));
        assertNull(r.k.ns(a), "A goes with its last task");
        assertEquals(3, r.k.nsSlots(), "a hole is kept: B still sits above it");
        assertEquals(a, r.k.freeNsSlot());
        r.value(0, NEWPID);
        assertEquals(a, r.k.task(r.last.about()).activeNs(), "the hole is reused");
        r.value(2, new Syscall.Exit(0));
        r.value(0, new Syscall.Wait(3));
        assertNull(r.k.ns(b));
        assertEquals(2, r.k.nsSlots(), "a freed tail slot is trimmed");
        assertEquals(r.k.nsSlots(), r.k.freeNsSlot());
    }

    @Test
    void collectingNothingKeepsTheKernel() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, NEWPID);
        assertSame(r.k, r.k.collectNamespaces());
    }

    @Test
    void releasingANamespacesInitLeavesTheEarlierStateAsItWas() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, NEWPID);
        int init = r.last.about(), ns = r.k.task(init).activeNs();
        Kernel before = r.k;
        Kernel after = before.release(init);
        assertEquals(-1, after.ns(ns).childReaper(), "the namespace has no reaper any more");
        assertNull(after.task(init));
        assertEquals(init, before.ns(ns).childReaper(), "the earlier state is a value: unchanged");
        assertNotNull(before.task(init));
        assertEquals(Kernel.ROOT_INIT, after.ns(Kernel.ROOT_NS).childReaper());
    }

    @Test
    void aThreadOfAnInitBelongsToAnUnkillableGroup() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, NEWPID);
        int init = r.last.about();
        r.value(init, new Syscall.Clone(CloneFlags.CLONE_THREAD));
        int thread = r.last.about();
        assertFalse(r.k.isChildReaper(thread));
        assertTrue(r.k.groupIsChildReaper(thread), "SIGNAL_UNKILLABLE is the signal_struct's");
        assertTrue(r.k.groupIsChildReaper(init));
        r.value(init, FORK);
        assertFalse(r.k.groupIsChildReaper(r.last.about()));
    }

    @Test
    void namespacesNestAsTheyWereMade() {
        SpecRun r = new SpecRun(new Semantics(Mainline.INSTANCE, new Limits(6, 3, 10)));
        r.value(0, NEWPID);
        int outer = r.k.task(1).activeNs();
        r.value(1, NEWPID);
        int inner = r.k.task(2).activeNs();
        assertTrue(r.k.isSelfOrDescendant(inner, Kernel.ROOT_NS));
        assertTrue(r.k.isSelfOrDescendant(inner, outer));
        assertTrue(r.k.isSelfOrDescendant(inner, inner));
        assertFalse(r.k.isSelfOrDescendant(outer, inner));
        assertEquals(outer, r.k.ancestorAtLevel(inner, 1));
        assertEquals(Kernel.ROOT_NS, r.k.ancestorAtLevel(inner, 0));
        assertEquals(inner, r.k.ancestorAtLevel(inner, 2));
        assertEquals(outer, r.k.ancestorAtLevel(outer, 3));
    }

    @Test
    void aStoredStructPidKeepsItsNamespace() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, NEWPID);                                // T1: 2 outside, the container's init
        int ns = r.k.task(1).activeNs();
        r.value(1, new Syscall.Msgget());                  // the host's IPC namespace: msg_lspid names T1
        r.value(1, new Syscall.Msgsnd());
        r.value(1, new Syscall.Exit(0));
        r.value(0, new Syscall.Wait(2));
        assertNotNull(r.k.ns(ns), "msg_lspid's struct pid pins the namespace (get_pid_ns)");
        assertEquals(2, r.value(0, new Syscall.MsgStat(false)));
        r.value(0, new Syscall.Msgrcv());
        assertNotNull(r.k.ns(ns), "msg_lspid still names T1");
        r.value(0, new Syscall.Msgsnd());
        assertNull(r.k.ns(ns), "and lets it go once replaced");
    }
}
