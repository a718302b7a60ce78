package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.variant.SeededBugs;
import nscheck.spec.call.Signals;

import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import nscheck.spec.rules.Semantics;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Syscall;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Where alloc_pid's cyclic search goes once it reaches pid_max (kernel/pid.c, idr_alloc_cyclic;
 * P3): back to 1 while the cursor has not passed RESERVED_PIDS, back to RESERVED_PIDS after, and
 * never to a number a task (the root init included) or a process group still holds. The
 * first wrap to 1 needs pid_max <= 300: a larger pid_max takes the cursor past RESERVED_PIDS first.
 */
class PidWrapTest {
    private static final Syscall FORK = new Syscall.Clone(0);

    /** pid_max 4: numbers 1..3; the root init holds 1 (in slot 0, the lowest slot). */
    @Test
    void aWrapSkipsTheRootInitsNumber() {
        SpecRun r = new SpecRun(new Semantics(Mainline.INSTANCE, new Limits(6, 1, 4)));
        assertEquals(2, r.pid(0, FORK));
        assertEquals(3, r.pid(0, FORK));
        r.call(1, new Syscall.Exit(0));
        assertEquals(2, r.pid(0, new Syscall.Wait(2)));
        assertEquals(2, r.pid(0, FORK), "the search wraps to 1, which init holds, and takes 2");
    }

    /** A number that is still some group's PGID is in use although its task is gone (P3). */
    @Test
    void aWrapSkipsANumberAProcessGroupStillUses() {
        SpecRun r = new SpecRun(new Semantics(Mainline.INSTANCE, new Limits(6, 1, 5)));
        assertEquals(2, r.pid(0, FORK));                        // T1
        r.value(1, new ProcessCall.Setpgid());                      // group 2
        assertEquals(3, r.pid(1, FORK));                        // T2, in group 2
        r.call(1, new Syscall.Exit(0));                         // T2 goes to init
        assertEquals(2, r.pid(0, new Syscall.Wait(2)));
        assertEquals(4, r.pid(0, FORK));                        // a new task
        // The cursor is at 5 = pid_max: the search wraps; 1 is init's, 2 is group 2's, 3 is T2's, 4 is taken.
        assertEquals(Errno.EAGAIN, r.errno(0, FORK));
    }

    /**
     * pid_max 303 reaches RESERVED_PIDS (300, not scaled down with pid_max): once the cursor has
     * passed it, a wrap restarts at 300, although 2..299 are free.
     */
    @Test
    void aWrapPastReservedPidsRestartsAtThreeHundred() {
        SpecRun r = new SpecRun(new Semantics(Mainline.INSTANCE, new Limits(6, 1, Limits.RESERVED_PIDS + 3)));
        r.value(0, new Syscall.WriteNsLastPid(Limits.RESERVED_PIDS + 1));
        assertEquals(Limits.RESERVED_PIDS + 2, r.pid(0, FORK));
        assertEquals(Limits.RESERVED_PIDS, r.pid(0, FORK));
        assertEquals(Limits.RESERVED_PIDS + 1, r.pid(0, FORK));
        assertEquals(Errno.EAGAIN, r.errno(0, FORK), "300..302 are taken and 2..299 are reserved");
    }

    /** kernel/pid.c tests cursor > RESERVED_PIDS: a cursor at exactly 300 still wraps to 1. */
    @Test
    void aCursorAtReservedPidsStillWrapsToOne() {
        SpecRun r = new SpecRun(new Semantics(Mainline.INSTANCE, new Limits(6, 1, Limits.RESERVED_PIDS + 1)));
        r.value(0, new Syscall.WriteNsLastPid(Limits.RESERVED_PIDS - 1));
        assertEquals(Limits.RESERVED_PIDS, r.pid(0, FORK));
        r.value(0, new Syscall.WriteNsLastPid(Limits.RESERVED_PIDS - 1));
        assertEquals(2, r.pid(0, FORK), "300 is taken; the search wraps to 1 (init's) and takes 2");
    }

    /**
     * find_pid_ns answers with one task per number; where a broken allocator (the seeded bug that
     * ignores numbers in use) has given a number twice, the spec's ground truth is the lowest
     * slot, the task numbered first: kill reaches it, not the newer one.
     */
    @Test
    void aNumberGivenTwiceNamesTheTaskThatGotItFirst() {
        SpecRun r = new SpecRun(new Semantics(SeededBugs.NO_IN_USE_CHECK, new Limits(6, 1, 4)));
        assertEquals(2, r.pid(0, FORK));                        // T1
        assertEquals(3, r.pid(0, FORK));                        // T2
        assertEquals(1, r.pid(0, FORK));                        // T3: the wrap takes init's 1
        assertEquals(2, r.pid(0, FORK));                        // T4: and T1's 2
        r.value(0, new Syscall.Kill(2, Signals.SIGKILL));
        assertEquals(Signals.SIGKILL, r.k.task(1).pendingSignal, "the first holder of 2");
        assertEquals(0, r.k.task(4).pendingSignal);
    }
}
