package nscheck.spec;

import nscheck.spec.call.AsyncIoCall;
import nscheck.spec.call.Errno;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.ProcCall;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.SiCode;
import nscheck.spec.call.Signals;
import nscheck.spec.call.SocketCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Referents;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.state.PidRef;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;
import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The invariants' ground truth (rules/Referents): for each call that reports a PID or a uid, the
 * struct pid (or kernel uid) it reads and the namespace the number is to be read in. Each test
 * checks the referent against what the call then reports, as reported-pid and uid-mapping do.
 */
class ReferentsTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(8, 2, 16));

    private static final Syscall FORK = new Syscall.Clone(0);
    private static final Syscall SI_PID = new Syscall.Sigwaitinfo(false);
    private static final Syscall SI_UID = new Syscall.Sigwaitinfo(true);

    /** The referent of {@code c} by {@code actor} is the task in {@code slot}, and the call reports its number in the reader's namespace. */
    private static void reportsTask(SpecRun r, int actor, Syscall c, int slot) {
        PidRef ref = Referents.pid(r.k, actor, c);
        assertEquals(PidRef.of(r.k, slot), ref, () -> c + " by T" + actor);
        int ns = Referents.readerNs(r.k, actor, c, ref);
        long expected = ns < 0 ? 0 : ref.numberIn(ns);
        assertEquals(expected, Referents.reportedNumber(c, r.value(actor, c)), () -> c + " by T" + actor);
    }

    @Test
    void sigwaitinfoReadsTheSenderOfTheFirstPendingSiginfo() {
        SpecRun r = SpecRun.container(s);
        r.value(2, new Syscall.SigBlock());
        assertNull(Referents.pid(r.k, 2, SI_PID), "nothing pending");
        assertNull(Referents.uid(r.k, 2, SI_UID));
        r.value(3, new Syscall.Kill(1, Signals.SIGUSR1));
        assertNull(Referents.pid(r.k, 2, SI_UID), "a uid read names no PID");
        assertNull(Referents.uid(r.k, 2, SI_PID), "a PID read names no uid");
        assertEquals(new Referents.Uid(0, 0), Referents.uid(r.k, 2, SI_UID));
        assertEquals(-1, Referents.claimedPid(r.k, 2, SI_PID), "the kernel wrote this si_pid");
        reportsTask(r, 2, SI_PID, 3);
        r.value(0, new Syscall.Kill(3, Signals.SIGUSR1));
        reportsTask(r, 2, SI_PID, 0);                                   // reads 0: the root init is invisible inside
    }

    @Test
    void aSiPidTheSenderWroteIsClaimedAndItsUidNotJudged() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(1, new Syscall.SigBlock());
        r.value(0, new Syscall.RtSigqueueinfo(2, SiCode.SI_QUEUE, 7, 0));
        assertEquals(7, Referents.claimedPid(r.k, 1, SI_PID));
        assertEquals(-1, Referents.claimedPid(r.k, 1, SI_UID));
        assertEquals(-1, Referents.claimedPid(r.k, 1, FORK));
        assertNull(Referents.uid(r.k, 1, SI_UID), "a si_uid the sender wrote names no one");
        assertEquals(7, r.value(1, SI_PID));
        assertEquals(-1, Referents.claimedPid(r.k, 1, SI_PID), "nothing pending");
    }

    @Test
    void rtSigqueueinfoChecksTheCodeThePidAndThePermission() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                                 // T1 = 2
        r.value(0, FORK);                                                 // T2 = 3
        r.value(2, new Syscall.Setuid(1000));
        assertEquals(Errno.EPERM, r.errno(0, new Syscall.RtSigqueueinfo(2, SiCode.SI_TKILL, 1, 0)), "SI_TKILL to another");
        assertEquals(Errno.ESRCH, r.errno(0, new Syscall.RtSigqueueinfo(0, SiCode.SI_QUEUE, 1, 0)));
        assertEquals(Errno.ESRCH, r.errno(0, new Syscall.RtSigqueueinfo(9, SiCode.SI_QUEUE, 1, 0)));
        assertEquals(Errno.EPERM, r.errno(2, new Syscall.RtSigqueueinfo(2, SiCode.SI_QUEUE, 3, 1000)), "uid 1000 to root's task");
        r.value(0, new Syscall.SigBlock());
        r.value(1, new Syscall.RtSigqueueinfo(1, SiCode.SI_QUEUE, 5, 0));      // to the root init, in slot 0
        assertEquals(5, r.value(0, SI_PID));
        r.call(1, new Syscall.Exit(0));
        assertEquals(0, r.value(0, new Syscall.RtSigqueueinfo(2, SiCode.SI_QUEUE, 1, 0)), "a zombie: success, nothing queued");
        assertTrue(r.k.objects().context(1) == null || r.k.objects().context(1).pending().isEmpty());
    }

    @Test
    void fGetownReadsTheOwnerAndReportsAGroupNegated() {
        SpecRun r = SpecRun.container(s);
        assertEquals(PidRef.NONE, Referents.pid(r.k, 0, new AsyncIoCall.Getown()), "no owner: nobody, read as 0");
        r.value(0, new AsyncIoCall.Setown(2));
        reportsTask(r, 0, new AsyncIoCall.Getown(), 1);
        reportsTask(r, 3, new AsyncIoCall.Getown(), 1);                  // 0 inside the container
        r.value(1, new ProcessCall.Setpgid());
        r.value(0, new AsyncIoCall.Setown(-2));
        assertEquals(-2, r.value(0, new AsyncIoCall.Getown()));
        assertEquals(2, Referents.reportedNumber(new AsyncIoCall.Getown(), -2));
        assertEquals(-2, Referents.reportedNumber(SI_PID, -2), "only F_GETOWN negates");
    }

    @Test
    void aKernelSentSigioNamesNobodyAndOtherFieldsNoPid() {
        SpecRun r = SpecRun.container(s);
        Syscall pid = new AsyncIoCall.SigwaitSigio(AsyncIoCall.SI_PID);
        assertNull(Referents.pid(r.k, 0, pid), "nothing pending");
        r.value(0, new AsyncIoCall.Setown(1));
        r.value(3, new AsyncIoCall.PipeWrite());
        assertNull(Referents.pid(r.k, 0, new AsyncIoCall.SigwaitSigio(AsyncIoCall.SI_CODE)));
        assertEquals(PidRef.NONE, Referents.pid(r.k, 0, pid));
        assertEquals(0, r.value(0, pid));
        r.value(0, new AsyncIoCall.Setsig(Signals.SIGIO));
        r.value(3, new AsyncIoCall.PipeWrite());
        assertNull(Referents.pid(r.k, 0, pid), "POLL_IN: si_pid is si_band, no PID");
    }

    @Test
    void getsidAndGetpgidReadTheNamedTasksSessionAndGroup() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                                 // T1 = 2
        r.value(1, new ProcessCall.Setsid());
        r.value(1, FORK);                                                 // T2 = 3, session 2
        r.value(2, new ProcessCall.Setpgid());                            // group 3
        assertEquals(r.k.objects().context(2).session(), Referents.pid(r.k, 0, new ProcessCall.Getsid(3)));
        assertEquals(2, r.value(0, new ProcessCall.Getsid(3)));
        assertEquals(r.k.objects().context(2).pgrp(), Referents.pid(r.k, 2, new ProcessCall.Getpgid(0)));
        assertEquals(3, r.value(2, new ProcessCall.Getpgid(0)));
        assertEquals(r.k.objects().context(1).pgrp(), Referents.pid(r.k, 2, new ProcessCall.Getpgid(2)));
        assertEquals(r.k.objects().context(0).session(), Referents.pid(r.k, 0, new ProcessCall.Getsid(0)));
        assertNull(Referents.pid(r.k, 0, new ProcessCall.Getsid(9)));
        assertNull(Referents.pid(r.k, 0, new ProcessCall.Getpgid(9)));
    }

    @Test
    void socketCredentialsNameTheSenderAndThePeer() {
        SpecRun r = new SpecRun(s);
        assertNull(Referents.pid(r.k, 0, new Syscall.RecvCreds(3, false)), "no socket");
        assertNull(Referents.uid(r.k, 0, new Syscall.PeerCredQuery(3, true)));
        r.value(0, FORK);                                                   // T1 = 2
        r.value(1, new SocketCall.Socketpair(SocketCall.SOCK_STREAM));      // fds 3 and 4
        r.value(1, new Syscall.Clone(CLONE_NEWPID));                        // T2 = 3, a container's init: inherits both
        r.value(2, FORK);                                                   // T3 = 4, 2 inside
        r.value(3, new Syscall.Setuid(1000));
        r.value(3, new Syscall.SendCreds(4, 2, 1000));
        assertNull(Referents.pid(r.k, 1, new Syscall.RecvCreds(3, true)));
        assertNull(Referents.pid(r.k, 1, new Syscall.PeerCredQuery(3, true)));
        assertNull(Referents.uid(r.k, 1, new Syscall.RecvCreds(3, false)));
        assertNull(Referents.uid(r.k, 1, new Syscall.PeerCredQuery(3, false)));
        assertNull(Referents.pid(r.k, 1, new Syscall.RecvCreds(5, false)), "no such fd");
        assertEquals(new Referents.Uid(1000, 0), Referents.uid(r.k, 1, new Syscall.RecvCreds(3, true)));
        assertEquals(new Referents.Uid(0, 0), Referents.uid(r.k, 1, new Syscall.PeerCredQuery(3, true)), "the creator's euid");
        assertEquals(new Referents.Uid(0, 0), Referents.uid(r.k, 3, new Syscall.PeerCredQuery(4, true)));
        reportsTask(r, 3, new Syscall.PeerCredQuery(4, false), 1);          // 0: the creator is outside
        reportsTask(r, 1, new Syscall.PeerCredQuery(3, false), 1);
        reportsTask(r, 1, new Syscall.RecvCreds(3, false), 3);
    }

    /** A uid read through a user namespace is read in the reader's current one. */
    @Test
    void aUidIsReadInTheReadersUserNamespace() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(1, new Syscall.Unshare(CLONE_NEWUSER));
        r.value(1, new Syscall.SigBlock());
        r.value(0, new Syscall.Kill(2, Signals.SIGUSR1));
        Referents.Uid u = Referents.uid(r.k, 1, SI_UID);
        assertEquals(0, u.kuid());
        assertEquals(r.k.objects().context(1).cred().userNs(), u.readerUserNs());
    }

    @Test
    void waitidOnAPidfdNamesOnlyAReapableZombie() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                                 // T1 = 2
        int fd = r.pid(0, new FdCalls.PidfdOpen(2, 0));
        Syscall waitid = new FdCalls.WaitidPidfd(fd, true);
        assertNull(Referents.pid(r.k, 0, new FdCalls.WaitidPidfd(9, true)), "no such fd");
        assertNull(Referents.pid(r.k, 0, waitid), "alive");
        r.value(1, new Syscall.Clone(CLONE_THREAD));                      // T2 = 3
        r.call(1, new Syscall.Exit(0));
        assertNull(Referents.pid(r.k, 0, waitid), "a zombie leader with a live thread");
        r.call(2, new Syscall.Exit(0));
        reportsTask(r, 0, waitid, 1);
        assertNull(Referents.pid(r.k, 0, waitid), "reaped");
    }

    @Test
    void procViewsAreReadInTheProcsNamespace() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                                 // T1 = 2
        r.value(1, new Syscall.Clone(CLONE_NEWPID));                      // T2 = 3, 1 inside
        assertEquals(2, r.value(2, new Syscall.Clone(CLONE_THREAD)));     // T3 = TID 2 inside, 4 outside
        Syscall self = new ProcCall.ReadlinkSelf(false), threadSelf = new ProcCall.ReadlinkSelf(true);
        assertEquals(0, Referents.readerNs(r.k, 3, self, PidRef.of(r.k, 2)), "the root's proc, inherited");
        assertEquals(r.k.task(3).activeNs(), Referents.readerNs(r.k, 3, SI_PID, null), "other calls: the active namespace");
        reportsTask(r, 3, self, 2);
        reportsTask(r, 3, threadSelf, 3);
        r.value(3, new ProcCall.MountProc());
        reportsTask(r, 3, self, 2);
        reportsTask(r, 3, threadSelf, 3);
        reportsTask(r, 3, new ProcCall.StatusNspid(2, 0), 3);
        reportsTask(r, 3, new ProcCall.StatusNspid(1, 0), 2);
        Syscall beyond = new ProcCall.StatusNspid(1, 1);
        assertEquals(-1, Referents.readerNs(r.k, 3, beyond, PidRef.of(r.k, 2)), "the init has no level below");
        assertEquals(0, r.value(3, beyond));
    }

    @Test
    void onlyWaitidsSiPidNamesTheReapedChild() {
        assertTrue(Referents.reportsReapedChild(new ProcessCall.Waitid(ProcessCall.Waitid.P_ALL, 0, ProcessCall.Waitid.Field.SI_PID)));
        assertFalse(Referents.reportsReapedChild(new ProcessCall.Waitid(ProcessCall.Waitid.P_ALL, 0, ProcessCall.Waitid.Field.SI_CODE)));
        assertFalse(Referents.reportsReapedChild(new Syscall.Wait(-1)));
        assertNull(Referents.pid(new SpecRun(s).k, 0, new Syscall.Wait(-1)), "waitpid's child is named by its outcome");
        assertNull(Referents.uid(new SpecRun(s).k, 0, new Syscall.Wait(-1)));
    }
}
