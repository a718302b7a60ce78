package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import nscheck.spec.rules.Semantics;
import nscheck.spec.call.Signals;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.SocketCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.UCounts;
import nscheck.spec.state.UserNamespace;

import org.junit.jupiter.api.Test;

import java.util.List;

import static nscheck.spec.call.CloneFlags.CLONE_NEWIPC;
import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;
import static nscheck.spec.call.CloneFlags.CLONE_SYSVSEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Signals with siginfo, SysV IPC, socket credentials and user namespaces, rule by rule against
 * docs/semantics.md (P9, P10, I1-I9, C1-C4, U3-U5); each test names the rule it pins.
 */
class ObjectRulesTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10));

    private static final Syscall FORK = new Syscall.Clone(0);
    private static final Syscall FORK_NEWPID = new Syscall.Clone(CLONE_NEWPID);
    private static final Syscall BLOCK = new Syscall.SigBlock();
    private static final Syscall SI_PID = new Syscall.Sigwaitinfo(false);

    /** T1 (PID 2) makes a container whose init T2 is 3 outside and 1 inside; T2 forks T3 (4 outside, 2 inside). */
    private SpecRun container() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(1, FORK_NEWPID);
        r.value(2, FORK);
        return r;
    }

    @Test
    void p10_siPidIsTheSendersNumberInsideAndZeroFromAnAncestor() {
        SpecRun r = container();
        r.value(2, BLOCK);
        r.value(0, new Syscall.Kill(3, Signals.SIGUSR1));
        assertEquals(0, r.value(2, SI_PID));
        r.value(3, new Syscall.Sigqueue(1));
        assertEquals(2, r.value(2, SI_PID));
    }

    /**
     * legacy_queue per queue (found by `nscheck conform`): a tgkill'd SIGUSR1 waits on the thread's
     * private queue, so a kill'd one still queues on the shared queue, and dequeue_signal takes the
     * private one first. A spec with one queue per task drops the second and reads 3 twice.
     */
    @Test
    void p10_aTgkilledAndAKilledSigusr1AreBothPendingPrivateFirst() {
        SpecRun r = container();
        r.value(0, BLOCK);
        r.value(0, new Syscall.Tgkill(1, 1));               // by itself: private, si_pid 1
        r.value(1, BLOCK);
        r.value(1, new Syscall.Kill(1, Signals.SIGUSR1));   // by T1 (PID 2): shared
        r.value(1, new Syscall.Kill(1, Signals.SIGUSR1));   // shared already pending: dropped
        assertEquals(1, r.value(0, SI_PID));
        assertEquals(2, r.value(0, SI_PID));
        assertEquals(0, r.k.objects().context(0).pending().size());
    }

    /**
     * A group send shares one siginfo (__kill_pgrp_info, newest member first): the init of a child
     * namespace made after the sender clears si_pid for itself and for every member after it.
     * Found by `nscheck conform`; a spec that computes si_pid per target reads 2 here.
     */
    @Test
    void p10_aGroupSendZeroesSiPidForEveryMemberAfterOneThatCannotSeeTheSender() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                   // T1 = 2
        r.value(1, BLOCK);
        r.value(1, new ProcessCall.Setpgid());                  // group 2
        r.value(1, FORK_NEWPID);                            // T2 = 3, init of N, in group 2
        r.value(1, new Syscall.Kill(0, Signals.SIGUSR1));   // T2 first (newest): T1 not in N
        assertEquals(0, r.value(1, SI_PID));
    }

    /**
     * P10, si_uid of a group send: send_signal_locked (kernel/signal.c) rewrites info->si_uid in
     * place for a target outside the sender's user namespace (make_kuid in the sender's, then
     * from_kuid_munged in the target's), and kill(-1) passes that one siginfo to every process in
     * turn. A target in an unmapped user namespace leaves the overflow uid behind, and a later
     * target in the sender's own namespace reads it too. Found by `nscheck conform`.
     */
    @Test
    void p10_aGroupSendCarriesSiUidRewrittenForAnEarlierTarget() {
        SpecRun r = new SpecRun(s);
        r.value(0, BLOCK);
        r.value(0, FORK);                                   // T1 = 2, blocks
        r.value(1, new Syscall.Unshare(CLONE_NEWUSER));     // T1 in U1, no maps
        r.value(0, FORK);                                   // T2 = 3, init_user_ns, blocks
        r.value(2, FORK);                                   // T3 = 4
        r.value(3, new Syscall.Kill(-1, Signals.SIGUSR1));  // T1 first (creation order), then T2
        assertEquals(UserNamespace.OVERFLOW_ID, r.value(1, new Syscall.Sigwaitinfo(true)), "uid 0 is unmapped in U1");
        assertEquals(UserNamespace.OVERFLOW_ID, r.value(2, new Syscall.Sigwaitinfo(true)), "the rewritten value reaches T2 unchanged");
    }

    /**
     * reparent_leader: a zombie child handed to the reaper notifies it, before the father's own
     * SIGCHLD, which legacy_queue then drops. Found by `nscheck conform`; without it the root
     * init reads the father (2), not the grandchild (3).
     */
    @Test
    void p10_anOrphanedZombieIsReportedToItsNewParentBeforeItsFather() {
        SpecRun r = new SpecRun(s);
        r.value(0, BLOCK);
        r.value(0, FORK);                                   // T1 = 2, blocks too
        r.value(1, FORK);                                   // T2 = 3
        r.call(2, new Syscall.Exit(0));                     // a zombie; T1's SIGCHLD queued
        r.call(1, new Syscall.Exit(0));
        assertEquals(3, r.value(0, SI_PID));
        assertEquals(0, r.k.objects().context(0).pending().size(), "the father's SIGCHLD was not queued twice");
    }

    @Test
    void p10_sigchldCarriesTheChildAsTheParentSeesIt() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(1, FORK_NEWPID);
        r.value(1, BLOCK);
        r.call(2, new Syscall.Exit(0));                     // the container's init, alone in it: a zombie at once
        assertEquals(3, r.value(1, SI_PID));
    }

    @Test
    void p10_aContainerInitSignallingItsInheritedGroupIsReportedByItsInnerNumber() {
        // prepare_kill_siginfo: task_tgid_vnr(current); send_signal_locked only clears it when invisible
        // (confirmed on Linux 6.18 by `nscheck conform`).
        SpecRun r = container();
        r.value(0, BLOCK);
        r.value(2, new Syscall.Kill(0, Signals.SIGUSR1));
        assertEquals(1, r.value(0, SI_PID));
    }

    @Test
    void processGroupsKeepTheirNumberAllocatedAfterTheLeaderIsReaped() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                   // T1 = 2
        r.value(1, new ProcessCall.Setpgid());                  // group 2
        r.value(1, FORK);                                   // T2 = 3, in group 2
        r.call(1, new Syscall.Exit(0));
        r.value(0, new Syscall.Wait(2));                    // leader reaped; group 2 lives on in T2
        assertEquals(4, r.value(0, FORK));                  // P3: 2 is still a PGID
        assertEquals(0, r.value(0, new Syscall.Kill(-2, Signals.SIGUSR1)));
        assertEquals(Signals.SIGUSR1, r.k.task(2).pendingSignal);
    }

    @Test
    void p9_anInitDropsAnUnblockedSigusr1FromInsideAndAbove() {
        SpecRun r = container();
        assertEquals(0, r.value(3, new Syscall.Kill(1, Signals.SIGUSR1)));
        assertEquals(0, r.value(0, new Syscall.Kill(3, Signals.SIGUSR1)));
        assertEquals(0, r.k.task(2).pendingSignal);
    }

    @Test
    void tgkillChecksTheTgidInTheCallersNamespace() {
        SpecRun r = container();
        assertEquals(Errno.ESRCH, r.errno(0, new Syscall.Tgkill(1, 3)));
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.Tgkill(0, 3)));
        r.value(2, BLOCK);
        assertEquals(0, r.value(0, new Syscall.Tgkill(3, 3)));
        assertEquals(0, r.value(2, SI_PID));
    }

    @Test
    void i1_i3_msgLspidIsReadInTheCallersNamespaceAndOutlivesTheSender() {
        SpecRun r = container();
        r.value(2, new Syscall.Msgget());
        r.value(3, new Syscall.Msgsnd());
        assertEquals(4, r.value(1, new Syscall.MsgStat(false)));
        assertEquals(2, r.value(2, new Syscall.MsgStat(false)));
        r.call(3, new Syscall.Exit(0));
        r.value(2, new Syscall.Wait(-1));
        assertEquals(4, r.value(1, new Syscall.MsgStat(false)));
        assertEquals(0, r.value(1, new Syscall.MsgStat(true)));
    }

    @Test
    void i8_undoAtExitRaisesTheValueBackAndRecordsTheExitingTask() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(0, new Syscall.Semget());
        r.value(1, new Syscall.Semop(1));
        assertEquals(1, r.value(0, new Syscall.SemGetval()));
        r.call(1, new Syscall.Exit(0));
        assertEquals(0, r.value(0, new Syscall.SemGetval()));
        assertEquals(2, r.value(0, new Syscall.SemGetpid()));
    }

    @Test
    void i9_aNewIpcNamespaceCannotShareAnUndoList() {
        SpecRun r = new SpecRun(s);
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.Clone(CLONE_NEWIPC | CLONE_SYSVSEM)));
        r.value(0, new Syscall.Semget());
        r.value(0, new Syscall.Semop(1));
        r.value(0, new Syscall.Unshare(CLONE_NEWIPC));       // exit_sem: the +1 is undone
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.SemGetval()));
        assertEquals(-1, r.k.objects().context(0).undoList());
    }

    @Test
    void c1_explicitCredentialsMayNameOnlyTheSendersOwnPid() {
        SpecRun r = new SpecRun(s);
        r.value(0, new Syscall.Clone(0));                   // T1 = 2
        assertEquals(3, r.value(1, new SocketCall.Socketpair(SocketCall.SOCK_STREAM)));  // fds 3 and 4
        r.value(1, new Syscall.Clone(CLONE_NEWPID));        // T2, a container's init: inherits both ends
        r.value(2, new Syscall.Clone(0));                   // T3 = 4 outside, 2 inside
        r.value(3, new Syscall.Setuid(1000));               // drops CAP_SYS_ADMIN
        assertEquals(Errno.EPERM, r.errno(3, new Syscall.SendCreds(4, 1, 1000)));
        assertEquals(Errno.EPERM, r.errno(3, new Syscall.SendCreds(4, 2, 0)));
        r.value(3, new Syscall.SendCreds(4, 2, 1000));
        assertEquals(4, r.value(1, new Syscall.RecvCreds(3, false)));
        assertEquals(2, r.value(1, new Syscall.PeerCredQuery(3, false)));  // both ends report the pair's creator, T1
        assertEquals(0, r.value(3, new Syscall.PeerCredQuery(4, false)));  // which is outside the container
    }

    @Test
    void u3_setuidAndUnshareUserMoveTheProcessCount() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(1, new Syscall.Setuid(1000));
        UCounts u = r.k.objects().ucounts();
        assertEquals(1, u.count(UserNamespace.INIT, 1000));
        assertEquals(1, u.count(UserNamespace.INIT, 0));
        r.value(1, new Syscall.Unshare(CLONE_NEWUSER));
        u = r.k.objects().ucounts();
        assertEquals(1, u.count(1, 1000));                    // (new ns, uid) and, up the chain, (init, owner 1000)
        assertEquals(1, u.count(UserNamespace.INIT, 1000));
        // K4: setuid left the task non-dumpable, its /proc/self/uid_map is root's: no map (EACCES).
        assertEquals(Errno.EACCES, r.errno(1, new Syscall.WriteIdMaps()));
        r.value(1, FORK);
        assertEquals(Errno.EAGAIN, r.errno(1, FORK));         // U5: RLIMIT_NPROC 2 at (init, 1000) up the chain
    }

    /**
     * copy_process runs copy_creds (create_user_ns) before the RLIMIT_NPROC check: a task over the
     * limit whose ids are unmapped in its user namespace gets create_user_ns' EPERM from
     * clone(CLONE_NEWUSER), not EAGAIN (found by `nscheck conform --area caps`).
     */
    @Test
    void u5_anUnmappedCreatorOverTheLimitIsEpermNotEagain() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(1, new Syscall.Setuid(1000));
        r.value(1, new Syscall.Clone(CLONE_NEWUSER | CLONE_NEWPID));  // T2: two tasks of 1000, in U1 without maps
        assertEquals(Errno.EAGAIN, r.errno(2, FORK));
        assertEquals(Errno.EPERM, r.errno(2, new Syscall.Clone(CLONE_NEWUSER | CLONE_NEWPID)));
    }
}
