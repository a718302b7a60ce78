package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * kernel/exit.c past the common cases (docs/semantics.md P5-P7, D3): which children a wait may
 * reap, delay_group_leader, and the order and targets of forget_original_parent's notifications.
 */
class ExitAndWaitTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(8, 2, 16));

    private static final Syscall FORK = new Syscall.Clone(0);
    private static final Syscall THREAD = new Syscall.Clone(CLONE_THREAD);
    private static final Syscall WAIT_ANY = new Syscall.Wait(-1);
    private static final Syscall SI_PID = new Syscall.Sigwaitinfo(false);

    private static Syscall waitid(int idtype, int id) {
        return new ProcessCall.Waitid(idtype, id, ProcessCall.Waitid.Field.SI_PID);
    }

    /** A model none of whose calls reads a status forgets exit codes; withLimits keeps that choice. */
    @Test
    void exitCodesAreKeptUnlessTheModelForgetsThem() {
        SpecRun kept = new SpecRun(s);
        kept.value(0, FORK);
        kept.call(1, new Syscall.Exit(3));
        assertEquals(3 << 8, kept.value(0, new ProcessCall.WaitStatus(-1)));
        Semantics forgetting = s.forgettingExitStatus().withLimits(new Limits(3, 1, 8));
        assertFalse(forgetting.exitStatus);
        assertEquals(3, forgetting.limits.maxTasks());
        SpecRun forgot = new SpecRun(forgetting);
        forgot.value(0, FORK);
        forgot.call(1, new Syscall.Exit(3));
        assertEquals(0, forgot.value(0, new ProcessCall.WaitStatus(-1)));
        assertEquals(true, s.withLimits(new Limits(3, 1, 8)).exitStatus);
    }

    @Test
    void theRootInitNeverExits() {
        SpecRun r = new SpecRun(s);
        assertFalse(r.canCall(0, new Syscall.Exit(0)));
    }

    /** waitpid(pid) and waitid(P_PID) wait for that child only, even while another is a zombie. */
    @Test
    void waitingForOneChildIgnoresAnotherZombie() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                  // T1 = 2
        r.value(0, FORK);                                  // T2 = 3
        r.call(2, new Syscall.Exit(0));
        assertFalse(r.canCall(0, new Syscall.Wait(2)), "T1 lives: waitpid(2) blocks");
        assertFalse(r.canCall(0, waitid(ProcessCall.Waitid.P_PID, 2)));
        assertEquals(3, r.value(0, new Syscall.Wait(3)));
    }

    /** waitid(P_PGID): only the children in that group; a group nobody names is ECHILD. */
    @Test
    void waitidByGroupWaitsOnlyForThatGroup() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                  // T1 = 2, in the caller's group
        r.value(0, FORK);                                  // T2 = 3
        r.value(2, new ProcessCall.Setpgid(0, 0));         // T2 leads group 3
        r.call(2, new Syscall.Exit(0));
        assertFalse(r.canCall(0, waitid(ProcessCall.Waitid.P_PGID, 0)), "the caller's own group: T1 lives");
        assertEquals(Errno.ECHILD, r.errno(0, waitid(ProcessCall.Waitid.P_PGID, 7)));
        assertEquals(3, r.value(0, waitid(ProcessCall.Waitid.P_PGID, 3)));
        assertEquals(Errno.EINVAL, r.errno(0, waitid(3, 0)), "P_PIDFD goes through its own call; other idtypes are EINVAL");
        assertEquals(Errno.EINVAL, r.errno(0, waitid(ProcessCall.Waitid.P_PGID, -1)));
        assertEquals(Errno.EINVAL, r.errno(0, waitid(ProcessCall.Waitid.P_PID, 0)));
    }

    /** delay_group_leader: a zombie leader is reaped only once its last thread is gone. */
    @Test
    void aZombieLeaderWithALiveThreadIsNotReaped() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                  // T1 = 2
        r.value(1, THREAD);                                // T2 = 3
        r.call(1, new Syscall.Exit(0));
        assertFalse(r.canCall(0, WAIT_ANY), "the leader's thread lives");
        r.call(2, new Syscall.Exit(0));
        assertEquals(2, r.value(0, WAIT_ANY));
    }

    /** waitid(P_PIDFD): EBADF for no pidfd; ECHILD for a reaped child, a non-child and a thread. */
    @Test
    void waitidOnAPidfdOfNoWaitableChildFails() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                  // T1 = 2
        r.value(1, FORK);                                  // T2 = 3, T1's child
        r.value(1, THREAD);                                // T3 = 4, T1's thread
        assertEquals(Errno.EBADF, r.errno(0, new FdCalls.WaitidPidfd(5, false)));
        int grandchild = r.pid(0, new FdCalls.PidfdOpen(3, 0));
        assertEquals(Errno.ECHILD, r.errno(0, new FdCalls.WaitidPidfd(grandchild, false)), "not the caller's child");
        int thread = r.pid(0, new FdCalls.PidfdOpen(4, FdCalls.PIDFD_THREAD));
        assertEquals(Errno.ECHILD, r.errno(0, new FdCalls.WaitidPidfd(thread, false)), "a thread of a child is no child");
        int child = r.pid(1, new FdCalls.PidfdOpen(3, 0));
        r.call(2, new Syscall.Exit(0));
        assertEquals(3, r.value(1, new Syscall.Wait(3)));
        assertEquals(Errno.ECHILD, r.errno(1, new FdCalls.WaitidPidfd(child, false)), "reaped");
    }

    /**
     * forget_original_parent walks the children oldest first (their root PID), not by slot: a
     * slot freed and reused holds the youngest child. The reaper's one pending SIGCHLD names the
     * oldest orphaned zombie.
     */
    @Test
    void orphanedZombiesNotifyTheReaperOldestFirst() {
        SpecRun r = new SpecRun(s);
        r.value(0, new Syscall.SigBlock());
        r.value(0, FORK);                                  // T1 = 2
        r.value(1, new Syscall.SigBlock());
        r.value(1, FORK);                                  // T2 = 3
        r.value(1, FORK);                                  // T3 = 4
        r.call(2, new Syscall.Exit(0));
        assertEquals(3, r.value(1, WAIT_ANY));             // slot 2 is free again
        assertEquals(5, r.value(1, FORK));                 // slot 2 = 5, younger than slot 3
        assertEquals(5, r.k.task(2).numberAtLevel(0));
        r.call(2, new Syscall.Exit(0));
        r.call(3, new Syscall.Exit(0));
        r.call(1, new Syscall.Exit(0));
        assertEquals(4, r.value(0, SI_PID), "slot 3 (PID 4) was forked before slot 2 (PID 5)");
    }

    /** find_new_reaper: an orphan inside a child namespace goes to that namespace's init, not the root's. */
    @Test
    void anOrphanInAChildNamespaceGoesToItsInit() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                  // T1 = 2
        r.value(1, new Syscall.Clone(nscheck.spec.call.CloneFlags.CLONE_NEWPID)); // T2 = 3, init of N
        r.value(2, FORK);                                  // T3 = 2 in N
        r.value(3, FORK);                                  // T4 = 3 in N
        r.call(3, new Syscall.Exit(0));
        assertEquals(2, r.k.task(4).parent);
        assertEquals(1, r.value(4, new Syscall.GetPpid()));
    }

    /** prepare_kill_siginfo: a thread's signal names its process (the TGID), not its TID. */
    @Test
    void aSignalFromAThreadCarriesItsProcessesPid() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                  // T1 = 2
        r.value(1, new Syscall.SigBlock());
        r.value(1, FORK);                                  // T2 = 3
        assertEquals(4, r.value(2, THREAD));               // T3 = TID 4 of process 3
        r.value(3, new Syscall.Kill(2, nscheck.spec.call.Signals.SIGUSR1));
        assertEquals(3, r.value(1, SI_PID));
    }

    /** reparent_leader notifies no one when the new parent is a thread of the father's own group. */
    @Test
    void zombiesHandedToAThreadOfTheFathersGroupNotifyNobody() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                  // T1 = 2
        r.value(1, new Syscall.SigBlock());
        r.value(1, THREAD);                                // T2 = 3
        r.value(1, FORK);                                  // T3 = 4
        r.call(3, new Syscall.Exit(0));
        assertEquals(4, r.value(1, SI_PID), "the SIGCHLD of T3's death, consumed");
        r.call(1, new Syscall.Exit(0));                    // T3 goes to T2, same group
        assertEquals(2, r.k.task(3).parent);
        assertFalse(r.canCall(2, SI_PID), "no second SIGCHLD for the zombie");
        assertEquals(4, r.value(2, WAIT_ANY));
        assertNull(r.k.task(3));
    }
}
