package nscheck.spec;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.ProcCall;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.state.OpenFile;
import nscheck.spec.state.PidAllocation;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.SigInfo;
import nscheck.spec.state.UserNamespace;
import nscheck.spec.variant.HandlerBugs;
import nscheck.spec.variant.KthreadBugs;
import nscheck.spec.variant.Mainline;
import nscheck.spec.variant.NsNameBugs;
import nscheck.spec.variant.SeededBugs;
import nscheck.spec.variant.Variant;
import nscheck.spec.variant.Variants;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each seeded bug changes the one answer it is named for, and only where it matters: in a state
 * with a container and a namespace nested in it, mainline and the bug answer the question
 * differently, and alike where the bug's shortcut happens to be right. A seeded bug that
 * answered as mainline everywhere could not show its invariant failing.
 *
 * <p>The state: T1 (slot 1, PID 2) on the host; T2 (slot 2, 3 outside) the container's init;
 * T3 (slot 3, 4 outside, 2 inside, its own /proc mounted); T4 (slot 4) the init of a namespace
 * inside the container (5 on the host, 3 in the container, 1 in its own).
 */
class SeededBugAnswersTest {
    private static final Mainline M = Mainline.INSTANCE;
    private static Kernel k;
    private static int container, nested;

    @BeforeAll
    static void containerWithANestedNamespace() {
        SpecRun r = SpecRun.container(new Semantics(M, new Limits(6, 2, 10)));
        r.value(2, new Syscall.Clone(CloneFlags.CLONE_NEWPID));
        r.call(3, new ProcCall.MountProc());
        k = r.k;
        container = k.task(2).activeNs();
        nested = k.task(4).activeNs();
        assertEquals("5 3 1", k.task(4).nsPid());
        assertEquals("4 2", k.task(3).nsPid());
    }

    @Test
    void everySeededBugSaysSoAndNamesTheInvariantItBreaks() {
        for (Variant v : Variants.all()) {
            boolean seeded = SeededBugs.ALL.contains(v);
            assertEquals(seeded, v.seededBug(), v.name());
            assertEquals(seeded, v.name().startsWith("seeded-"), v.name());
            assertEquals(seeded, v.summary().startsWith("seeded bug: ") && v.summary().contains("(breaks "), v.summary());
        }
    }

    @Test
    void allocationBugs() {
        Kernel wrapped = k.withNamespace(Kernel.ROOT_NS, k.ns(Kernel.ROOT_NS).withCursor(1));
        assertEquals(6, M.allocateAt(wrapped, Kernel.ROOT_NS));
        assertEquals(1, SeededBugs.NO_IN_USE_CHECK.allocateAt(wrapped, Kernel.ROOT_NS), "takes the cursor's number, in use");
        PidAllocation good = M.allocPid(k, nested), flat = SeededBugs.FLAT_LEVELS.allocPid(k, nested);
        assertArrayEquals(new int[] {Kernel.ROOT_NS, container, nested}, good.upidNs());
        assertArrayEquals(new int[] {Kernel.ROOT_NS, nested, nested}, flat.upidNs(), "the container's level recorded in the nested namespace");
        assertArrayEquals(good.upidNr(), flat.upidNr());
    }

    @Test
    void lookupAndTranslationBugs() {
        assertEquals(2, M.lookup(k, container, 1));
        assertEquals(Kernel.ROOT_INIT, SeededBugs.GLOBAL_LOOKUP.lookup(k, container, 1), "1 looked up on the host");
        assertEquals(0, M.translate(k, 1, container));
        assertEquals(2, SeededBugs.LEAKY_TRANSLATE.translate(k, 1, container), "the host task leaks its global PID");
        assertEquals(2, SeededBugs.LEAKY_TRANSLATE.translate(k, 3, container), "a visible task keeps its number");
        assertEquals(0, SeededBugs.LEAKY_TRANSLATE.translate(k, 5, container), "no task, no number");
    }

    @Test
    void namespaceLifecycleBugs() {
        assertTrue(M.zapReaches(k, container, 4));
        assertFalse(SeededBugs.SHALLOW_ZAP.zapReaches(k, container, 4), "the nested init is spared");
        assertTrue(SeededBugs.SHALLOW_ZAP.zapReaches(k, container, 3));
        assertEquals(2, M.reaper(k, 3));
        assertEquals(Kernel.ROOT_INIT, SeededBugs.GLOBAL_REAPER.reaper(k, 3), "orphans go to the root init");
        assertFalse(M.nsParentVisible(k, Kernel.ROOT_NS, container));
        assertTrue(SeededBugs.NS_PARENT_UNCHECKED.nsParentVisible(k, Kernel.ROOT_NS, container));
        assertTrue(M.nsParentVisible(k, container, Kernel.ROOT_NS), "a namespace below the caller's is visible");
        assertFalse(M.nsInumFreedWithInit());
        assertTrue(NsNameBugs.INUM_FREED_WITH_INIT.nsInumFreedWithInit());
        OpenFile.Pidfd reaped = new OpenFile.Pidfd(PidRef.of(k, 3), false, false, true);
        assertEquals(-1, M.pidfdTask(k, reaped));
        assertEquals(3, SeededBugs.PIDFD_BY_NUMBER.pidfdTask(k, reaped), "the numbers' holder, not the pidfd's process");
    }

    /**
     * seeded-global-reaper is wrong about the namespace only: a living thread of the father's group
     * still takes its children first (find_alive_thread, P7), as in mainline and as before PID
     * namespaces; only with no such thread do the orphans go to the root init.
     */
    @Test
    void theGlobalReaperStillHandsOrphansToALiveThreadFirst() {
        SpecRun r = SpecRun.container(new Semantics(M, new Limits(6, 2, 10)));
        assertEquals(3, r.pid(3, new Syscall.Clone(CloneFlags.CLONE_THREAD)), "T3's thread T4, 3 in the container");
        assertEquals(3, r.k.task(4).leader);
        assertEquals(4, M.reaper(r.k, 3));
        assertEquals(4, SeededBugs.GLOBAL_REAPER.reaper(r.k, 3), "the thread, as in mainline");
        assertEquals(Kernel.ROOT_INIT, SeededBugs.GLOBAL_REAPER.reaper(r.k, 2), "the container's init, no thread: the root init");
    }

    @Test
    void signalPidBugs() {
        assertEquals(0, M.siginfoPid(k, 1, 3));
        assertEquals(2, SeededBugs.LEAKY_SIGINFO.siginfoPid(k, 1, 3), "an invisible sender's own number");
        assertEquals(0, M.siginfoClaimedPid(k, 1, 3, 7));
        assertEquals(7, SeededBugs.FORGED_PID_KEPT.siginfoClaimedPid(k, 1, 3, 7));
        assertEquals(7, SeededBugs.FORGED_PID_KEPT.siginfoClaimedPid(k, 3, 2, 7));
        assertEquals(0, M.sigioPid(k, 3, 2));
        assertEquals(2, SeededBugs.SIGIO_WRITER_PID.sigioPid(k, 3, 2), "the writer as the owner sees it");
        assertEquals(2, M.mqNotifyPid(k, 3, 2));
        assertEquals(4, SeededBugs.MQ_GLOBAL_PID.mqNotifyPid(k, 3, 2));
        assertEquals(2, M.stoppedChildPid(k, 3, container));
        assertEquals(4, SeededBugs.CLDSTOP_GLOBAL_PID.stoppedChildPid(k, 3, container));
        assertEquals(0, M.orphanSignalPid(k, 3, 2));
        assertEquals(2, SeededBugs.ORPHAN_SIGNAL_PID.orphanSignalPid(k, 3, 2), "the exiting task as the member sees it");
        SigInfo queued = new SigInfo(Signals.SIGUSR1, 2, 0, PidRef.of(k, 3), 0, UserNamespace.INIT, true);
        assertEquals(2, M.handlerSiPid(k, queued));
        assertEquals(4, HandlerBugs.GLOBAL_PID.handlerSiPid(k, queued));
        SigInfo kernelMade = new SigInfo(Signals.SIGUSR1, 0, 0, null, 0, UserNamespace.INIT, true);
        assertEquals(0, HandlerBugs.GLOBAL_PID.handlerSiPid(k, kernelMade));
        SigInfo claimed = new SigInfo(Signals.SIGUSR1, 9, 0, PidRef.of(k, 3), 0, UserNamespace.INIT, true, 0, 9);
        assertEquals(9, HandlerBugs.GLOBAL_PID.handlerSiPid(k, claimed), "a claimed si_pid is what was queued");
        assertFalse(M.kthreadTakesSignal(Signals.SIGKILL));
        assertTrue(KthreadBugs.KILLABLE.kthreadTakesSignal(Signals.SIGKILL));
        assertFalse(KthreadBugs.KILLABLE.kthreadTakesSignal(Signals.SIGTERM));
    }

    @Test
    void storedPidBugs() {
        PidRef t3 = PidRef.of(k, 3);
        assertEquals(2, M.pidVnr(k, t3, container));
        assertEquals(4, SeededBugs.RAW_STORED_PID.pidVnr(k, t3, container));
        assertEquals(0, SeededBugs.RAW_STORED_PID.pidVnr(k, null, container));
        assertEquals(2, M.fownNr(k, t3, container));
        assertEquals(4, SeededBugs.FOWN_GLOBAL.fownNr(k, t3, container));
        assertEquals(4, M.peercredPid(k, t3, Kernel.ROOT_NS));
        assertEquals(2, SeededBugs.PEERCRED_FROZEN.peercredPid(k, t3, Kernel.ROOT_NS), "frozen as the creator saw itself");
        assertEquals(0, SeededBugs.PEERCRED_FROZEN.peercredPid(k, null, Kernel.ROOT_NS));
        assertEquals(2, M.waitidPid(k, 3, container));
        assertEquals(4, SeededBugs.RAW_WAITID_PID.waitidPid(k, 3, container));
    }

    @Test
    void procBugs() {
        assertEquals(2, M.procSelfPid(k, 3, false));
        assertEquals(4, SeededBugs.PROC_SELF_GLOBAL.procSelfPid(k, 3, false), "/proc/self by the global PID");
        assertEquals(4, SeededBugs.PROC_SELF_GLOBAL.procSelfPid(k, 3, true));
        assertEquals(0, M.nspidStartLevel(k, 4), "T4 reads the host's /proc");
        assertEquals(2, SeededBugs.NSPID_READER_LEVEL.nspidStartLevel(k, 4));
    }

    @Test
    void credentialAndIpcBugs() {
        assertEquals(1000, M.fromKernelId(k, UserNamespace.INIT, 1000, false));
        assertEquals(UserNamespace.OVERFLOW_ID, SeededBugs.OVERFLOW_UIDS.fromKernelId(k, UserNamespace.INIT, 1000, false));
        assertEquals(0, SeededBugs.OVERFLOW_UIDS.fromKernelId(k, UserNamespace.INIT, 0, false), "root stays root");
        SpecRun r = new SpecRun(M);
        r.call(0, new Syscall.Unshare(CloneFlags.CLONE_NEWUSER));
        int unmapped = r.k.objects().context(0).cred().userNs();
        assertEquals(UserNamespace.OVERFLOW_ID, M.fromKernelId(r.k, unmapped, 0, false));
        assertEquals(0, SeededBugs.RAW_UIDS.fromKernelId(r.k, unmapped, 0, false), "the kernel uid, unmapped");
        assertTrue(M.newIpcDropsUndo());
        assertFalse(SeededBugs.UNDO_CROSSES_IPC_NS.newIpcDropsUndo());
        assertTrue(M.credChangeMovesNproc());
        assertFalse(SeededBugs.STUCK_NPROC.credChangeMovesNproc());
        assertTrue(M.nsLastPidChecksCapability());
        assertFalse(SeededBugs.NS_LAST_PID_NOCAP.nsLastPidChecksCapability());
    }

    @Test
    void futexBugs() {
        assertFalse(M.futexWaitSleeps(1, 0));
        assertTrue(SeededBugs.WAIT_WITHOUT_COMPARE.futexWaitSleeps(1, 0));
        assertEquals(2, M.futexEncodeOwner(k, 3, 2));
        assertEquals(0, SeededBugs.ANONYMOUS_OWNER.futexEncodeOwner(k, 3, 2), "the owner is anonymous to others");
        assertEquals(2, SeededBugs.ANONYMOUS_OWNER.futexEncodeOwner(k, 3, 3), "but not to itself");
    }
}
