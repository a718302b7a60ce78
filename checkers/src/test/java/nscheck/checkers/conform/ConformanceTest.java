package nscheck.checkers.conform;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import nscheck.spec.variant.SeededBugs;
import nscheck.spec.rules.Semantics;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.SocketCall;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.HandlerCall;
import nscheck.spec.call.Syscall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The runner against the real kernel (needs root, as CI runs). Small budgets: the full suite runs
 * in .ci/run through `nscheck conform`.
 */
class ConformanceTest {
    private static Probe probe;

    @BeforeAll
    static void buildProbe() {
        assumeTrue(Probe.isRoot(), "conformance runs against the kernel as root");
        probe = Probe.build();
    }

    private static Semantics mainline() {
        return new Semantics(Mainline.INSTANCE, new Limits(24, Limits.MAX_PID_NS_LEVEL - probe.level(), probe.pidMax()));
    }

    private static Scenario.Step step(int actor, Syscall call) {
        return new Scenario.Step(actor, call);
    }

    /** Runs one hand-written scenario and returns the kernel's results; the spec's prediction must hold. */
    private static List<String> agrees(Scenario s) {
        Prediction p = SpecReplay.predict(mainline(), s);
        assertTrue(p != null, "the spec replays " + s);
        KernelRun run = probe.run(List.of(s), List.of(p)).get(0);
        assertNull(RunComparison.compare(s, p, run, KnownDivergences.load()), () -> "kernel " + run.results() + " vs spec " + p.steps());
        return run.results();
    }

    @Test
    void mainlineAgreesWithTheKernelInEveryArea() {
        Conformance c = new Conformance(Mainline.INSTANCE, probe);
        for (String area : Conformance.areaNames()) {
            AreaResult r = c.run(area, 12, 3);
            assertTrue(r.scenarios() >= 10, area + " generated " + r.scenarios());
            assertEquals(List.of(), r.mismatches(), area);
        }
    }

    /** The acceptance test: a spec with a wrong rule (invisible tasks named by their global PID) is caught. */
    @Test
    void aSeededWrongRuleIsCaughtWithAShortScenario() {
        AreaResult r = new Conformance(SeededBugs.LEAKY_TRANSLATE, probe).run("pidns-basic", 40, 1);
        assertFalse(r.mismatches().isEmpty(), "seeded-leaky-translate must disagree with the kernel");
        Mismatch m = r.mismatches().get(0);
        assertTrue(m.scenario().steps().size() <= 6, "minimized: " + m.scenario());
        assertTrue(m.step() >= 0, "a step differs, not only the final NSpid lines");
        // A wrong rule is deterministic: the rerun of every mismatch shows it again.
        for (Mismatch x : r.mismatches()) assertEquals(Boolean.TRUE, x.reproducible(), x.toString());
        assertTrue(r.complete(), "every scenario ran: " + r);
    }

    /** A wrong futex rule (a PI hand-off writes no TID) is caught on the word the kernel writes. */
    @Test
    void aSeededWrongFutexRuleIsCaught() {
        Scenario handOff = new Scenario("futex", 1, List.of(
                step(0, new Syscall.Clone(0)),
                step(1, new Syscall.Clone(CloneFlags.CLONE_NEWPID)),
                step(2, new Syscall.Clone(0)),
                step(2, new Syscall.FutexLockPi(0)),
                step(3, new Syscall.FutexLockPi(0)),
                step(2, new Syscall.FutexUnlockPi(0)),
                step(3, new Syscall.FutexReturn())));
        agrees(handOff);
        Semantics wrong = new Semantics(SeededBugs.ANONYMOUS_OWNER, mainline().limits);
        Prediction p = SpecReplay.predict(wrong, handOff);
        KernelRun run = probe.run(List.of(handOff), List.of(p)).get(0);
        Mismatch m = RunComparison.compare(handOff, p, run, KnownDivergences.load());
        assertTrue(m != null && m.known() == null, "seeded-anonymous-owner must disagree with the kernel");
        assertEquals(6, m.step(), "the woken waiter returns owning a word that names nobody");
    }

    /** docs/semantics.md, "Settled on the kernel": setns through the pidfd of a zombie is ESRCH. */
    @Test
    void setnsThroughTheKernelOfAZombieIsEsrch() {
        List<String> got = agrees(new Scenario("settle", 0, List.of(
                step(0, new Syscall.Clone(0)),                 // T1 = 2
                step(1, new Syscall.Clone(0)),                 // T2 = 3
                step(2, new Syscall.Exit(0)),                  // a zombie
                step(1, new Syscall.Setns(3)))));
        assertEquals("= -1 ESRCH", got.get(3));
    }

    /**
     * Found by conform: validate_nsset ptrace-checks a zombie before it finds no nsproxy, and
     * cap_ptrace_access_check refuses a caller from a new user namespace though its uid is the
     * zombie's (docs/semantics.md K4).
     */
    @Test
    void setnsThroughThePidfdOfAZombieFromANewUserNamespaceIsEperm() {
        List<String> got = agrees(new Scenario("settle", 0, List.of(
                step(0, new Syscall.Clone(0)),                             // T1 = 2
                step(1, new Syscall.Clone(0)),                             // T2 = 3
                step(2, new Syscall.Exit(0)),                              // a zombie
                step(1, new Syscall.Unshare(CloneFlags.CLONE_NEWUSER)),    // T1: no CAP_SYS_PTRACE in the sandbox's user namespace
                step(1, new Syscall.Setns(3)))));
        assertEquals("= -1 EPERM", got.get(4));
    }

    /** docs/semantics.md, "Settled on the kernel" (P7): a setns'd father's orphans go to the init of the father's namespace. */
    @Test
    void orphansOfASetnsFatherGoToTheInitOfTheFathersNamespace() {
        List<String> got = agrees(new Scenario("settle", 0, List.of(
                step(0, new Syscall.Clone(0)),                             // T1 = 2
                step(1, new Syscall.Clone(CloneFlags.CLONE_NEWPID)),       // T2 = 3, init of N
                step(1, new Syscall.Setns(3)),                             // T1 numbers its children in N
                step(1, new Syscall.Clone(0)),                             // T3 = 4, 2 in N
                step(1, new Syscall.Exit(0)),
                step(3, new Syscall.GetPpid()))));
        assertEquals("= 0", got.get(5), "adopted by the root init, which N cannot see");
    }

    /**
     * Found by conform: kernel/pid.c alloc_pid's `tid != 1 && !tmp->child_reaper` (EINVAL) passes
     * a namespace whose init was reaped, since child_reaper is never cleared; the per-level
     * idr_alloc then says EEXIST, and with every number free the PIDNS_ADDING test says ENOMEM
     * (docs/semantics.md S3).
     */
    @Test
    void setTidIntoANamespaceWhoseInitWasReapedIsNotEinval() {
        List<String> got = agrees(new Scenario("settle", 0, List.of(
                step(0, new Syscall.Clone(0)),                                      // T1 = 2
                step(1, new Syscall.Clone3(CloneFlags.CLONE_NEWPID, List.of(1))),   // T2 = 3, init of N
                step(1, new Syscall.Setns(3)),                                      // T1 numbers its children in N
                step(2, new Syscall.Clone(0)),                                      // T3, 2 in N
                step(2, new Syscall.Exit(0)),                                       // N's init dies: T3 is killed
                step(3, new Syscall.SignalDelivery()),
                step(1, new Syscall.Wait(-1)),                                      // N's init is reaped
                step(1, new Syscall.Clone3(0, List.of(5, 2))),
                step(1, new Syscall.Clone3(0, List.of(5, 9))))));
        assertEquals("= 3", got.get(6));
        assertEquals("= -1 EEXIST", got.get(7), "5 is free in N, 2 (T1) is taken in the sandbox's namespace");
        assertEquals("= -1 ENOMEM", got.get(8), "both free: no PIDNS_ADDING");
    }

    /** Found by conform: an init with a living thread hands child_reaper over; its child's parent is named by TGID. */
    @Test
    void anInitsThreadInheritsItsNamespace() {
        List<String> got = agrees(new Scenario("settle", 0, List.of(
                step(0, new Syscall.Clone(0)),                             // T1 = 2
                step(1, new Syscall.Clone(CloneFlags.CLONE_NEWPID)),       // T2 = 3, init of N
                step(2, new Syscall.Clone(CloneFlags.CLONE_THREAD)),       // T3 = 2 in N, a thread of the init
                step(2, new Syscall.Clone(0)),                             // T4 = 3 in N
                step(2, new Syscall.Exit(0)),                              // the init's leader exits; N lives on
                step(4, new Syscall.GetPpid()),
                step(4, new Syscall.GetPid()))));
        assertEquals("= 1", got.get(5), "adopted by the init's thread, named by its TGID");
        assertEquals("= 3", got.get(6), "still alive");
    }

    /** Found by conform: SIGKILL to a thread's TID kills its whole process. */
    @Test
    void killingAThreadKillsItsProcess() {
        List<String> got = agrees(new Scenario("settle", 0, List.of(
                step(0, new Syscall.Clone(0)),                             // T1 = 2
                step(1, new Syscall.Clone(CloneFlags.CLONE_THREAD)),       // T2 = TID 3
                step(0, new Syscall.Kill(3, 9)),
                step(1, new Syscall.SignalDelivery()),
                step(2, new Syscall.SignalDelivery()),
                step(0, new Syscall.Wait(-1)))));
        assertEquals("= 2", got.get(5), "the whole process is dead and reaped");
    }

    /**
     * Found by conform (P23): a SIGCHLD queued at a leader that blocks it is taken by its thread
     * that does not (complete_signal), whose get_signal drops it (SIG_DFL: ignore); nothing is
     * left pending for the leader, unless the thread blocks it too.
     */
    @Test
    void aThreadThatDoesNotBlockSigchldTakesItFromItsLeader() {
        List<String> got = agrees(new Scenario("signals", 0, List.of(
                step(0, new Syscall.Clone(0)),                             // T1 = 2
                step(1, new Syscall.Clone(CloneFlags.CLONE_THREAD)),       // T2 = TID 3
                step(1, new Syscall.Clone(0)),                             // T3 = 4
                step(1, new Syscall.SigBlock()),
                step(1, new Syscall.Kill(4, 9)),
                step(3, new Syscall.SignalDelivery()),
                step(1, new HandlerCall.Sigpending()),
                step(1, new Syscall.Clone(0)),                             // T4 = 5
                step(2, new Syscall.SigBlock()),
                step(1, new Syscall.Kill(5, 9)),
                step(4, new Syscall.SignalDelivery()),
                step(1, new HandlerCall.Sigpending()))));
        assertEquals("= 0", got.get(6), "T2 took and dropped the first SIGCHLD");
        assertEquals("= 65536", got.get(11), "with both blocking it, the second stays pending");
    }

    /**
     * Signals area, P10 (signals-pgrp counterexample): kill(0, SIGUSR1) by the init of a child PID
     * namespace reaches its parent outside, in the same process group, with si_pid = 1, the
     * sender's own number (prepare_kill_siginfo: task_tgid_vnr(current), not translated).
     */
    @Test
    void aContainerInitSignallingItsGroupIsReportedByItsOwnNumber() {
        List<String> got = agrees(new Scenario("signals", 0, List.of(
                step(0, new Syscall.Clone(0)),                             // T1 = 2
                step(1, new Syscall.SigBlock()),
                step(1, new ProcessCall.Setpgid()),                            // group 2
                step(1, new Syscall.Clone(CloneFlags.CLONE_NEWPID)),       // T2 = 3, 1 in N, in group 2
                step(2, new Syscall.Kill(0, 10)),
                step(1, new Syscall.Sigwaitinfo(false)),
                step(2, new Syscall.Sigqueue(1)),                          // to itself: blocked, queued
                step(2, new Syscall.Sigwaitinfo(false)),
                step(2, new Syscall.Exit(0)),
                step(1, new Syscall.Sigwaitinfo(false)))));                // SIGCHLD
        assertEquals("= 1", got.get(5), "si_pid of kill(0) from the container init: its own number");
        assertEquals("= 1", got.get(7), "sigqueue to itself: glibc's getpid() in its namespace");
        assertEquals("= 3", got.get(9), "SIGCHLD names the child in the parent's namespace");
    }

    /** Signals area: a sender the receiver's namespace cannot see is reported as si_pid 0. */
    @Test
    void aSenderFromAboveIsSiPidZero() {
        List<String> got = agrees(new Scenario("signals", 0, List.of(
                step(0, new Syscall.Clone(0)),                             // T1 = 2
                step(1, new Syscall.SigBlock()),
                step(1, new Syscall.Clone(CloneFlags.CLONE_NEWPID)),       // T2 = 3, 1 in N
                step(2, new Syscall.Clone(0)),                             // T3 = 4, 2 in N
                step(1, new Syscall.Tgkill(4, 4)),
                step(3, new Syscall.Sigwaitinfo(false)),
                step(3, new Syscall.Kill(1, 10)),                          // to N's init, which blocks
                step(2, new Syscall.Sigwaitinfo(false)))));
        assertEquals("= 0", got.get(5), "the sender has no number in N");
        assertEquals("= 2", got.get(7), "a sender inside N by its number there");
    }

    /** IPC area (I1, I2, I8): PIDs recorded by msgsnd, semop's undo at exit and shmat, read from either side of a PID namespace. */
    @Test
    void sysvObjectsReportPidsInTheReadersNamespace() {
        List<String> got = agrees(new Scenario("ipc", 0, List.of(
                step(0, new Syscall.Clone(0)),                             // T1 = 2
                step(1, new Syscall.Clone(CloneFlags.CLONE_NEWPID)),       // T2 = 3, 1 in N
                step(2, new Syscall.Msgget()),
                step(2, new Syscall.Msgsnd()),
                step(2, new Syscall.Msgsnd()),                             // full: one message
                step(1, new Syscall.MsgStat(false)),
                step(2, new Syscall.Semget()),
                step(2, new Syscall.Semop(1)),
                step(2, new Syscall.Shmget()),
                step(1, new Syscall.ShmAttach()),
                step(2, new Syscall.ShmStat(true)),
                step(2, new Syscall.Exit(0)),                              // undo: value back to 0, sempid = T2
                step(1, new Syscall.SemGetval()),
                step(1, new Syscall.SemGetpid()),
                step(1, new Syscall.ShmStat(false)))));
        assertEquals("= -1 EAGAIN", got.get(4));
        assertEquals("= 3", got.get(5), "msg_lspid: the sender by its number in the reader's namespace");
        assertEquals("= 0", got.get(10), "shm_lpid: T1 has no number in N");
        assertEquals("= 0", got.get(12), "exit_sem undid the +1");
        assertEquals("= 3", got.get(13), "the exiting task's undo set sempid");
        assertEquals("= 3", got.get(14), "shm_cpid of a dead creator still reads its number while the pid lives");
    }

    /**
     * userns area (U3-U5, P10): RLIMIT_NPROC per (user namespace, uid) with the probe's limit 2,
     * an unmapped uid refused by setuid, the uid_map a non-dumpable creator cannot open (K4), and si_uid of SIGUSR1 and SIGCHLD
     * from a task whose root is kuid 1000 read in init_user_ns.
     */
    @Test
    void mainlineAgreesOnUserNamespacesAndNproc() {
        List<String> got = agrees(new Scenario("userns", 0, List.of(
                step(0, new Syscall.Clone(0)),                             // T1 = 2
                step(0, new Syscall.SigBlock()),
                step(0, new Syscall.Clone(0)),                             // T2 = 3, blocks
                step(2, new Syscall.Setuid(1000)),
                step(2, new Syscall.Clone(0)),                             // T3 = 4: two tasks of 1000
                step(2, new Syscall.Clone(0)),                             // a third: over RLIMIT_NPROC
                step(3, new Syscall.Unshare(CloneFlags.CLONE_NEWUSER)),
                step(3, new Syscall.Setuid(0)),                            // no map yet
                step(3, new Syscall.WriteIdMaps()),                        // non-dumpable since setuid: EACCES (K4)
                step(3, new Syscall.WriteIdMaps()),
                step(3, new Syscall.Setuid(0)),
                step(3, new Syscall.Kill(3, 10)),
                step(2, new Syscall.Sigwaitinfo(true)),
                step(3, new Syscall.Exit(0)),
                step(2, new Syscall.Sigwaitinfo(true)),                    // SIGCHLD
                step(2, new Syscall.Wait(-1)))));
        assertEquals("= -1 EAGAIN", got.get(5), "copy_process: is_rlimit_overlimit, not INIT_USER");
        assertEquals("= -1 EINVAL", got.get(7), "__sys_setuid: 0 has no mapping yet");
        assertEquals("= -1 EACCES", got.get(8), "commit_creds left T2, and so its child, non-dumpable: /proc/self/uid_map is root's (K4)");
        assertEquals("= -1 EACCES", got.get(9));
        assertEquals("= 65534", got.get(12), "U1 maps nobody: the sender's own namespace writes its uid as the overflow uid");
        assertEquals("= 1000", got.get(14), "do_notify_parent maps the child's uid into the parent's namespace");
    }

    /**
     * docs/semantics.md, "Settled on the kernel" (P10): si_uid from a sender whose own user namespace
     * does not map its uid goes through that namespace first (from_kuid_munged, then make_kuid in
     * send_signal_locked) and arrives as 65534, though the receiver's namespace maps kuid 0.
     */
    @Test
    void anUnmappedSenderArrivesAsTheOverflowUid() {
        List<String> got = agrees(new Scenario("userns", 0, List.of(
                step(0, new Syscall.Clone(0)),                             // T1 = 2
                step(0, new Syscall.SigBlock()),
                step(0, new Syscall.Clone(0)),                             // T2 = 3, blocks
                step(1, new Syscall.Unshare(CloneFlags.CLONE_NEWUSER)),    // kuid 0, unmapped in U1
                step(1, new Syscall.Kill(3, 10)),
                step(2, new Syscall.Sigwaitinfo(true)))));
        assertEquals("= 65534", got.get(5));
    }

    /**
     * userns area (U4): a fork is charged up the chain, and an ancestor's count is held to the
     * RLIMIT_NPROC its child namespace recorded at creation (is_rlimit_overlimit, kernel/ucount.c:
     * max = get_userns_rlimit_max(iter->ns) for the next level up), here the probe's 2.
     */
    @Test
    void nprocIsCheckedAtEveryLevelUpTheChain() {
        List<String> got = agrees(new Scenario("userns", 0, List.of(
                step(0, new Syscall.Clone(0)),                             // T1 = 2
                step(1, new Syscall.Setuid(1000)),
                step(1, new Syscall.Clone(0)),                             // T2 = 3: (init, 1000) = 2
                step(2, new Syscall.Unshare(CloneFlags.CLONE_NEWUSER)),    // (U1, 1000) = 1
                step(2, new Syscall.WriteIdMaps()),
                step(2, new Syscall.Clone(0)),                             // U1 allows it, init_user_ns does not
                step(1, new Syscall.Exit(0)),
                step(0, new Syscall.Wait(-1)),                             // (init, 1000) = 1
                step(2, new Syscall.Clone(0)))));
        assertEquals("= -1 EAGAIN", got.get(5), "the count in init_user_ns would be 3");
        assertEquals("= 2", got.get(7));
        assertEquals("= 4", got.get(8), "after the reaping, both levels allow it");
    }

    /**
     * creds area (C4, C5): a socketpair made by T1 is inherited by a child namespace's tasks.
     * SO_PEERCRED of both ends holds T1's struct pid, read with pid_vnr in the reader's namespace
     * (0 inside the child namespace, where T1 has no number); SCM_CREDENTIALS likewise: implicit
     * from the child-namespace sender, and explicit naming the receiver by the sender's number
     * for it. An end lives while any table names it: T1's close leaves the children's copies.
     */
    @Test
    void mainlineAgreesOnPeerCredAcrossPidNamespaces() {
        List<String> got = agrees(new Scenario("creds", 0, List.of(
                step(0, new Syscall.Clone(0)),                             // T1 = 2
                step(1, new SocketCall.Socketpair(SocketCall.SOCK_STREAM)), // fds 3 and 4
                step(1, new Syscall.Clone(CloneFlags.CLONE_NEWPID)),       // T2 = 3, 1 inside
                step(2, new Syscall.Clone(0)),                             // T3 = 4, 2 inside
                step(1, new Syscall.PeerCredQuery(3, false)),
                step(3, new Syscall.PeerCredQuery(4, false)),
                step(3, new Syscall.Send(4)),                              // implicit: T3's own
                step(1, new Syscall.RecvCreds(3, false)),
                step(1, new Syscall.SendCreds(3, 4, 0)),                   // explicit: T3 by T1's number
                step(3, new Syscall.RecvCreds(4, false)),
                step(1, new FdCalls.Close(3)),
                step(3, new Syscall.Send(4)))));
        assertEquals("= 3", got.get(1));
        assertEquals("= 2", got.get(4), "the creator reads itself");
        assertEquals("= 0", got.get(5), "pid_vnr: the creator has no pid in the reader's namespace");
        assertEquals("= 4", got.get(7), "scm_recv: pid_vnr of the implicit pid in the parent-namespace reader");
        assertEquals("= 2", got.get(9), "the explicit pid, found in the sender's namespace, read in the receiver's");
        assertEquals("= 0", got.get(11), "end 0 is still open in T2 and T3");
    }

    /**
     * Clean-up: a scenario the kernel blocks in (a wrong prediction) times out, and nothing of it is
     * left running. Its probe is built in a directory of this JVM's own: the shared cache's binary
     * may be running another conform at the same moment (a user's, a second build's), whose actors
     * are not this run's leftovers.
     */
    @Test
    void aTimedOutScenarioLeavesNoProcessBehind() {
        Probe own = privateProbe();
        Scenario s = new Scenario("cleanup", 0, List.of(step(0, new Syscall.Clone(0)), step(0, new Syscall.Wait(2))));
        Prediction wrong = new Prediction(List.of(
                new Prediction.StepPrediction("= 2", null, 'r', 1),
                new Prediction.StepPrediction("= 2", null, 'r', 0)), Map.of(1, "2"));
        KernelRun run = own.run(List.of(s), List.of(wrong)).get(0);
        assertEquals(List.of("= 2", "<unfinished ...>"), run.results());
        assertEquals(List.of(), probeProcesses(own), "every actor is gone");
    }

    private static Probe privateProbe() {
        String shared = System.getProperty("nscheck.cache");
        System.setProperty("nscheck.cache", Path.of("target", "probe-of-" + ProcessHandle.current().pid()).toAbsolutePath().toString());
        try {
            return Probe.build();
        } finally {
            if (shared == null) System.clearProperty("nscheck.cache");
            else System.setProperty("nscheck.cache", shared);
        }
    }

    private static List<Long> probeProcesses(Probe probe) {
        Path bin = probe.binary();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> Path.of(c).equals(bin)).orElse(false))
                .map(ProcessHandle::pid).toList();
    }
}
