package nscheck.spec;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.Errno;
import nscheck.spec.call.Syscall;
import nscheck.spec.restore.Checkpoint;
import nscheck.spec.restore.Restore;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.state.NsNames;
import nscheck.spec.state.SharedMemory;
import nscheck.spec.variant.CloneWithPids2009;
import nscheck.spec.variant.ContainerBit;
import nscheck.spec.variant.Mainline;
import nscheck.spec.variant.NamespaceIdVariants;
import nscheck.spec.variant.Variant;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CRIU's checkpoint and restore of a container as the spec runs them: the image keeps each task's
 * numbers inside the container and the owner each futex word names; a restore asks for those
 * numbers level by level with the variant's PID-choosing call and, when a call fails, kills what
 * it made so that nothing is left behind.
 */
class CheckpointRestoreTest {
    private static Semantics semantics(Variant v) {
        return new Semantics(v, new Limits(8, 3, 12));
    }

    /** The source: a container (init, a child holding PI futex word 0, a nested namespace's init). */
    private static Kernel source(Semantics s) {
        SpecRun r = new SpecRun(s);
        r.k = r.k.withMemory(SharedMemory.zeroed(1));
        r.value(0, new Syscall.Clone(0));
        r.k = Restore.mapOwnUserNs(s, r.k, 1);
        r.value(1, new Syscall.Clone(CloneFlags.CLONE_NEWPID));
        r.k = Restore.mapOwnUserNs(s, r.k, 2);
        r.value(2, new Syscall.Clone(0));
        r.value(2, new Syscall.Clone(CloneFlags.CLONE_NEWPID));
        r.k = Restore.mapOwnUserNs(s, r.k, 4);
        r.call(3, new Syscall.FutexLockPi(0));
        return r.k;
    }

    /** A target host whose manager (slot 1, PID 2) restores, with the shared word mapped. */
    private static Kernel target(Semantics s, int words) {
        SpecRun r = new SpecRun(s);
        r.k = r.k.withMemory(SharedMemory.zeroed(words));
        r.value(0, new Syscall.Clone(0));
        r.value(0, new Syscall.Clone(0));
        r.value(0, new Syscall.Clone(0));
        return r.k;
    }

    @Test
    void anImageKeepsTheNumbersInsideTheContainerAndTheFutexOwner() {
        Semantics s = semantics(Mainline.INSTANCE);
        Checkpoint image = Checkpoint.take(s.variant, source(s), 2);
        assertEquals(List.of(new Checkpoint.Entry(-1, true, 0, List.of(1)), new Checkpoint.Entry(0, false, 0, List.of(2)),
                new Checkpoint.Entry(0, true, 1, List.of(3, 1))), image.tasks());
        assertEquals(List.of(new Checkpoint.Word(2, 1)), image.words(), "the word holds TID 2, the image's task 1");
        assertEquals(2, image.namespaces());
        assertEquals(List.of(), image.nsIds());
        assertEquals(List.of(7L, 9L), image.withNamespaceIds(List.of(7L, 9L)).nsIds());
        assertEquals(image.tasks(), image.withNamespaceIds(List.of(7L)).tasks());
    }

    @Test
    void aRestoreGivesEveryTaskItsNumbersInsideAndTheWordsBack() {
        for (Variant v : List.of(Mainline.INSTANCE, CloneWithPids2009.INSTANCE, ContainerBit.INSTANCE)) {
            Semantics s = semantics(v);
            Checkpoint image = Checkpoint.take(v, source(s), 2);
            Restore.Result r = Restore.run(s, target(s, 1), 1, image);
            assertTrue(r.ok(), v.name() + ": " + r.errno());
            assertNull(r.errno());
            assertEquals(-1, r.failedAt());
            assertEquals(2, r.created(), "two namespaces made");
            assertEquals(3, Restore.made(r).size());
            Kernel k = r.kernel();
            int[] slots = r.slots();
            assertTrue(k.task(slots[0]).nsPid().endsWith(" 1"), v.name());
            assertEquals(1, k.task(slots[0]).level());
            assertTrue(k.task(slots[1]).nsPid().endsWith(" 2"), k.task(slots[1]).nsPid());
            assertEquals(slots[0], k.task(slots[1]).parent);
            assertTrue(k.task(slots[2]).nsPid().endsWith(" 3 1"), k.task(slots[2]).nsPid());
            assertEquals(2, k.memory().word(0), "the word back as user space left it");
            for (int slot : slots) {
                int userNs = k.objects().context(slot).cred().userNs();
                assertTrue(k.objects().userNs(userNs).mapped(), v.name() + ": every restored task's user namespace is mapped");
            }
        }
    }

    @Test
    void aTargetWithoutTheSharedMemoryGetsNoWords() {
        Semantics s = semantics(Mainline.INSTANCE);
        Restore.Result r = Restore.run(s, target(s, 0), 1, Checkpoint.take(s.variant, source(s), 2));
        assertTrue(r.ok());
        assertEquals(0, r.kernel().memory().size());
    }

    @Test
    void aRestoreThatFailsMidwayLeavesNoTaskBehind() {
        Semantics s = semantics(Mainline.INSTANCE);
        Kernel before = target(s, 1);
        // Two tasks asking for the same number inside: the second clone3 fails EEXIST.
        Checkpoint clash = new Checkpoint(List.of(new Checkpoint.Entry(-1, true, 0, List.of(1)),
                new Checkpoint.Entry(0, false, 0, List.of(2)), new Checkpoint.Entry(1, false, 0, List.of(2))), List.of(), List.of());
        Restore.Result r = Restore.run(s, before, 1, clash);
        assertFalse(r.ok());
        assertEquals(Errno.EEXIST, r.errno());
        assertEquals(2, r.failedAt());
        assertEquals(-1, r.slots()[2]);
        assertEquals(2, Restore.made(r).size());
        assertEquals(before.taskCount(), r.kernel().taskCount(), "the init and its child killed and reaped");
        for (int slot = 0; slot < before.taskSlots(); slot++)
            assertEquals(before.task(slot) == null, r.kernel().task(slot) == null, "slot " + slot);
    }

    @Test
    void aRestorerWithoutPrivilegeFailsAtTheFirstTaskAndMakesNothing() {
        Semantics s = semantics(Mainline.INSTANCE);
        SpecRun t = new SpecRun(s);
        t.value(0, new Syscall.Clone(0));
        t.call(1, new Syscall.Setuid(1000));
        Restore.Result r = Restore.run(s, t.k, 1, Checkpoint.take(s.variant, source(s), 2));
        assertEquals(Errno.EPERM, r.errno());
        assertEquals(0, r.failedAt());
        assertEquals(List.of(), Restore.made(r));
        assertEquals(t.k.taskCount(), r.kernel().taskCount());
    }

    @Test
    void aMappedUserNamespaceIsLeftAsItIs() {
        Semantics s = semantics(Mainline.INSTANCE);
        Kernel k = target(s, 0);
        assertSame(k, Restore.mapOwnUserNs(s, k, 1));
        Semantics bit = semantics(ContainerBit.INSTANCE);
        SpecRun r = new SpecRun(bit);
        r.value(0, new Syscall.Clone(CloneFlags.CLONE_NEWPID));
        int c = r.last.about();
        assertFalse(r.k.objects().userNs(r.k.objects().context(c).cred().userNs()).mapped(), "container-bit: a new user namespace");
        Kernel mapped = Restore.mapOwnUserNs(bit, r.k, c);
        assertTrue(mapped.objects().userNs(mapped.objects().context(c).cred().userNs()).mapped());
    }

    /**
     * N4's restorable reading (proc-inode): the restorer asks for each namespace's checkpointed inode
     * number as it makes it, like set_tid a PID, and gets it when no live namespace holds it, though
     * lowest-free allocation would hand out another; mainline's numbers and ids no call sets. The
     * outer namespace's number is the one lowest-free gives the nested namespace next: asked for
     * only once the whole tree is made, it would be taken by then.
     */
    @Test
    void aRestorerGetsTheFreeNamesItAsksForUnderProcInodeOnly() {
        long f = NsNames.DYNAMIC_FIRST;
        for (Variant v : List.of(NamespaceIdVariants.PROC_INODE, Mainline.INSTANCE)) {
            Semantics s = new Semantics(v, new Limits(8, 3, 12).withNsNames());
            Checkpoint image = Checkpoint.take(v, source(s), 2).withNamespaceIds(List.of(f + 1, f + 2));
            Restore.Result r = Restore.run(s, target(s, 1), 1, image);
            assertTrue(r.ok());
            long[] got = {pidNsIno(r, 0), pidNsIno(r, 2)};
            long[] want = v == Mainline.INSTANCE ? new long[] {f, f + 1} : new long[] {f + 1, f + 2};
            assertArrayEquals(want, got, v.name());
        }
    }

    @Test
    void aNameAnotherNamespaceHoldsIsRefusedAndTheAllocatedOneKept() {
        long f = NsNames.DYNAMIC_FIRST;
        Semantics s = new Semantics(NamespaceIdVariants.PROC_INODE, new Limits(8, 3, 12).withNsNames());
        SpecRun busy = new SpecRun(s);
        busy.k = target(s, 1);
        busy.value(0, new Syscall.Clone(CloneFlags.CLONE_NEWPID));
        assertEquals(f, busy.k.names().ino(NsNames.PID, busy.k.task(busy.last.about()).activeNs()), "the target's container holds the first number");
        Checkpoint image = Checkpoint.take(s.variant, source(s), 2).withNamespaceIds(List.of(f, f + 5));
        Restore.Result r = Restore.run(s, busy.k, 1, image);
        assertTrue(r.ok());
        assertEquals(f + 1, pidNsIno(r, 0), "refused: the lowest free number stays");
        assertEquals(f + 5, pidNsIno(r, 2), "granted");
    }

    private static long pidNsIno(Restore.Result r, int imageTask) {
        Kernel k = r.kernel();
        return k.names().ino(NsNames.PID, k.task(r.slots()[imageTask]).activeNs());
    }
}
