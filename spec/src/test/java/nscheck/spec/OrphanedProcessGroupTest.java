package nscheck.spec;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.JobCall;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kernel/exit.c kill_orphaned_pgrp and will_become_orphaned_pgrp (J5): a SIGHUP and a SIGCONT
 * go to a process group with a stopped member only when an exit takes away its last link (a
 * parent in another group of the same session), and then to every member, newest first
 * (__kill_pgrp_info). T0 is the root init; every task starts in its group and session.
 */
class OrphanedProcessGroupTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(8, 2, 12));
    private static final Syscall FORK = new Syscall.Clone(0);

    private static Syscall kill(int pid, int sig) {
        return new Syscall.Kill(pid, sig);
    }

    /** exit_notify runs kill_orphaned_pgrp when the last thread of the process exits, not before. */
    @Test
    void theGroupIsOrphanedWhenTheLastThreadOfItsLinkExits() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));                  // P = T1, in the root init's group
        assertEquals(3, r.pid(1, FORK));                  // C = T2
        r.value(2, new ProcessCall.Setpgid());            // C leads group 3
        assertEquals(4, r.pid(2, FORK));                  // G = T3, in group 3
        assertEquals(5, r.value(2, new Syscall.Clone(CloneFlags.CLONE_THREAD))); // C's thread, T4
        r.value(0, kill(4, Signals.SIGSTOP));
        r.call(2, new Syscall.Exit(0));                   // C's leader exits; its thread still runs
        assertEquals(0, r.k.task(3).pendingSignal, "C lives on in its thread");
        r.call(4, new Syscall.Exit(0));                   // the last thread: group 3 loses its link P
        assertEquals(Signals.SIGHUP, r.k.task(3).pendingSignal);
    }

    /** The parent of the exiting process in the same group is no link to lose: nothing is sent. */
    @Test
    void anExitWithinTheGroupOrphansNothing() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));                  // P = T1
        r.value(1, new ProcessCall.Setpgid());            // group 2, whose link is the root init: none
        assertEquals(3, r.pid(1, FORK));                  // C = T2, in group 2
        assertEquals(4, r.pid(2, FORK));                  // G = T3, in group 2
        r.value(0, kill(4, Signals.SIGSTOP));
        r.call(2, new Syscall.Exit(0));
        assertEquals(0, r.k.task(3).pendingSignal, "the group was orphaned before: no change, no SIGHUP");
        assertTrue(r.k.task(3).stopped());
    }

    /** A parent in another session is no link either: a session leader's exit orphans nothing new. */
    @Test
    void aParentInAnotherSessionIsNoLink() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));                  // P = T1
        assertEquals(3, r.pid(1, FORK));                  // C = T2
        r.value(2, new ProcessCall.Setsid());             // C leads session 3 and group 3
        assertEquals(4, r.pid(2, FORK));                  // G = T3
        r.value(0, kill(4, Signals.SIGSTOP));
        r.call(2, new Syscall.Exit(0));
        assertEquals(0, r.k.task(3).pendingSignal);
        assertTrue(r.k.task(3).stopped());
    }

    /** will_become_orphaned_pgrp skips a zombie with no threads left: a dead member is no link. */
    @Test
    void aZombieMemberIsNoLink() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));                  // P = T1
        assertEquals(3, r.pid(1, FORK));                  // C1 = T2
        assertEquals(4, r.pid(1, FORK));                  // C2 = T3
        r.value(2, new ProcessCall.Setpgid());            // group 3
        r.value(3, new ProcessCall.Setpgid(0, 3));        // C2 joins it
        assertEquals(5, r.pid(2, FORK));                  // G = T4, in group 3
        r.value(0, kill(5, Signals.SIGSTOP));
        r.call(3, new Syscall.Exit(0));                   // C2 exits; P does not reap it
        assertEquals(0, r.k.task(4).pendingSignal, "C1 is still a link");
        r.call(2, new Syscall.Exit(0));                   // C1 exits: the zombie C2 does not hold the group
        assertEquals(Signals.SIGHUP, r.k.task(4).pendingSignal);
    }

    /** __kill_pgrp_info walks the group newest first: the first CLD_CONTINUED queued names the newest stopped member. */
    @Test
    void theKernelsSigcontReachesTheNewestMemberFirst() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));                  // P = T1
        assertEquals(3, r.pid(1, FORK));                  // X = T2
        r.value(2, new ProcessCall.Setpgid());            // group 3, linked by P
        r.value(2, new Syscall.SigBlock());               // X queues SIGCHLD
        r.value(2, new JobCall.BlockJobSignals());
        assertEquals(4, r.pid(2, FORK));                  // G1 = T3, masks copied
        assertEquals(5, r.pid(2, FORK));                  // G2 = T4
        r.value(0, kill(4, Signals.SIGSTOP));
        assertEquals(4, r.pid(2, new Syscall.Sigwaitinfo(false)));
        r.value(0, kill(5, Signals.SIGSTOP));
        assertEquals(5, r.pid(2, new Syscall.Sigwaitinfo(false)));
        r.call(1, new Syscall.Exit(0));                   // X goes to the root init: group 3 is orphaned
        assertEquals(5, r.pid(2, new Syscall.Sigwaitinfo(false)), "G2 was continued first; SIGCHLD queues once");
        assertEquals(0, r.pid(3, new JobCall.SigwaitJobSignals()), "the kernel's SIGHUP");
    }

    /** A member the SIGHUP is about to kill takes no SIGCONT (prepare_signal: SIGNAL_GROUP_EXIT): its parent hears of no continue. */
    @Test
    void aMemberTheSighupKillsIsNotContinued() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));                  // P = T1
        assertEquals(3, r.pid(1, FORK));                  // X = T2
        r.value(2, new ProcessCall.Setpgid());            // group 3, linked by P
        r.value(2, new Syscall.SigBlock());               // X queues SIGCHLD
        assertEquals(4, r.pid(2, FORK));                  // G = T3: SIGHUP will be fatal to it
        r.value(2, new JobCall.BlockJobSignals());        // X itself survives the SIGHUP
        r.value(0, kill(4, Signals.SIGSTOP));
        assertEquals(4, r.pid(2, new Syscall.Sigwaitinfo(false)), "CLD_STOPPED");
        r.call(1, new Syscall.Exit(0));
        assertEquals(Signals.SIGHUP, r.k.task(3).pendingSignal);
        assertTrue(r.k.task(3).stopped(), "not continued: it dies stopped");
        assertTrue(r.k.objects().context(2).pending().stream().noneMatch(i -> i.sig() == Signals.SIGCHLD), "no CLD_CONTINUED");
    }

    /** A member whose leader has exited still has a living thread, and that thread takes the SIGHUP. */
    @Test
    void aMemberWithAZombieLeaderIsHungUpThroughItsThread() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));                  // P = T1
        assertEquals(3, r.pid(1, FORK));                  // C = T2
        r.value(2, new ProcessCall.Setpgid());            // group 3
        assertEquals(4, r.pid(2, FORK));                  // G = T3, in group 3
        assertEquals(5, r.pid(2, FORK));                  // M = T4, in group 3
        assertEquals(6, r.value(4, new Syscall.Clone(CloneFlags.CLONE_THREAD))); // M's thread, T5
        r.call(4, new Syscall.Exit(0));                   // M's leader exits
        r.value(0, kill(4, Signals.SIGSTOP));
        r.call(2, new Syscall.Exit(0));                   // C exits: group 3 loses its link P
        assertEquals(Signals.SIGHUP, r.k.task(3).pendingSignal);
        assertEquals(Signals.SIGHUP, r.k.task(5).pendingSignal, "M's living thread");
    }
}
