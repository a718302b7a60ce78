package nscheck.spec;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.TaskSymmetry;
import nscheck.spec.variant.Mainline;
import nscheck.spec.variant.SeededBugs;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Task slots are the spec's bookkeeping, not the kernel's: two states that differ only in which
 * slot holds which task are one state to user space. A renaming moves every task and every field
 * that names a task by slot (a parent, a namespace's child_reaper, a task's context); the
 * representative puts tasks in slots by their number in init_pid_ns, and where a seeded bug gave
 * two tasks one number, tries every order of the tie.
 */
class TaskSlotRenamingTest {
    /**
     * T0 forks A (slot 1) and B (slot 2); A is reaped; C (slot 1, PID 4) starts a namespace; B
     * forks D (slot 3, PID 5) and takes PI futex word 0. Slot order C, B, D; creation order B, C, D.
     */
    private static Kernel shuffled() {
        SpecRun r = new SpecRun(Mainline.INSTANCE).withSharedWords(1);
        r.value(0, new Syscall.Clone(0));
        r.value(0, new Syscall.Clone(0));
        r.value(1, new Syscall.Exit(0));
        r.value(0, new Syscall.Wait(2));
        r.value(0, new Syscall.Clone(CloneFlags.CLONE_NEWPID));
        r.value(2, new Syscall.Clone(0));
        r.value(2, new Syscall.FutexLockPi(0));
        assertEquals("4 1", r.k.task(1).nsPid());
        assertEquals(2, r.k.task(3).parent);
        return r.k;
    }

    @Test
    void theRepresentativeOrdersTasksByTheirHostPid() {
        Kernel k = shuffled();
        Kernel c = TaskSymmetry.canonical(k);
        assertNotEquals(k, c);
        assertEquals("3", c.task(1).nsPid());
        assertEquals("4 1", c.task(2).nsPid());
        assertEquals("5", c.task(3).nsPid());
        assertEquals(1, c.task(3).parent, "D's parent renamed with B");
        assertEquals(2, c.ns(c.task(2).activeNs()).childReaper(), "the namespace's reaper renamed with C");
        assertEquals(k.memory(), c.memory(), "a PI word holds a TID, not a slot");
        assertEquals(k.objects().context(2), c.objects().context(1), "B's context moves with B");
        assertSame(c, TaskSymmetry.canonical(c), "a representative is its own");
        assertTrue(TaskSymmetry.sameClass(k, c));
    }

    @Test
    void aRenamingAndItsInverseGiveTheStateBack() {
        Kernel k = shuffled();
        int[] perm = {0, 3, 1, 2, 4, 5};
        int[] inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) inverse[perm[i]] = i;
        Kernel moved = TaskSymmetry.relabelled(k, perm);
        assertNotEquals(k, moved);
        assertEquals(k.task(1).nsPid(), moved.task(3).nsPid(), "slot 1 moved to 3");
        assertEquals(1, moved.task(2).parent, "D, now in slot 2, names B by its new slot 1");
        assertEquals(k, TaskSymmetry.relabelled(moved, inverse));
        assertEquals(k.fingerprint(), TaskSymmetry.relabelled(moved, inverse).fingerprint());
        assertEquals(TaskSymmetry.canonical(k), TaskSymmetry.canonical(moved));
        assertSame(k, TaskSymmetry.relabelled(k, new int[] {0, 1, 2, 3, 4, 5}));
    }

    @Test
    void onlyPermutationsFixingTheRootInitAreRenamings() {
        Kernel k = shuffled();
        assertThrows(IllegalArgumentException.class, () -> TaskSymmetry.relabelled(k, new int[] {1, 0, 2, 3, 4, 5}));
        assertThrows(IllegalArgumentException.class, () -> TaskSymmetry.relabelled(k, new int[] {0, 1, 2, 3, 4}));
        assertThrows(IllegalArgumentException.class, () -> TaskSymmetry.relabelled(k, new int[] {0, 2, 2, 3, 4, 5}));
        List<int[]> all = TaskSymmetry.renamings(4);
        assertEquals(6, all.size());
        assertArrayEquals(new int[] {0, 1, 2, 3}, all.get(0));
        Set<String> distinct = new HashSet<>();
        for (int[] p : all) {
            assertEquals(0, p[0]);
            distinct.add(Arrays.toString(p));
        }
        assertEquals(6, distinct.size());
        assertEquals(1, TaskSymmetry.renamings(2).size());
    }

    @Test
    void statesOfAnotherShapeAreNotOfTheClass() {
        Kernel k = shuffled();
        assertFalse(TaskSymmetry.sameClass(k, new SpecRun(Mainline.INSTANCE).k));
        SpecRun r = new SpecRun(Mainline.INSTANCE).withSharedWords(1);
        r.k = k;
        r.value(3, new Syscall.SetChildSubreaper());
        assertFalse(TaskSymmetry.sameClass(k, r.k), "same slots and count, another task changed");
        assertTrue(TaskSymmetry.sameClass(r.k, TaskSymmetry.relabelled(r.k, new int[] {0, 2, 3, 1, 4, 5})));
    }

    @Test
    void tasksSharingANumberAreOrderedByEveryOrderOfTheTie() {
        // seeded-no-in-use-check hands PID 2 out twice; one of the two is a subreaper
        SpecRun r = new SpecRun(SeededBugs.NO_IN_USE_CHECK);
        r.call(0, new Syscall.WriteNsLastPid(1));
        assertEquals(2, r.pid(0, new Syscall.Clone(0)));
        r.call(0, new Syscall.WriteNsLastPid(1));
        assertEquals(2, r.pid(0, new Syscall.Clone(0)));
        r.value(2, new Syscall.SetChildSubreaper());
        Kernel k = r.k;
        Kernel swapped = TaskSymmetry.relabelled(k, new int[] {0, 2, 1, 3, 4, 5});
        assertNotEquals(k, swapped);
        assertEquals(TaskSymmetry.canonical(k), TaskSymmetry.canonical(swapped), "the tie broken by the state, not the slots");
        assertTrue(TaskSymmetry.sameClass(k, TaskSymmetry.canonical(k)));
    }
}
