package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import nscheck.spec.state.PiState;
import nscheck.spec.rules.Semantics;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.TaskState;

import org.junit.jupiter.api.Test;

import java.util.List;

import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static nscheck.spec.state.FutexWordLayout.OWNER_DIED;
import static nscheck.spec.state.FutexWordLayout.WAITERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Threads and futexes, rule by rule against docs/semantics.md (P12, F1-F6). */
class FutexTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(8, 2, 16));

    private static Syscall thread() { return new Syscall.Clone(CLONE_THREAD); }

    private static Syscall fork() { return new Syscall.Clone(0); }

    /** T1 = P (root pid 2), T2 = Q (root 3, container init 1), T3 = Q's thread (root 4, inside 2). */
    private SpecRun containerWithThread() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, fork());
        r.value(1, new Syscall.Clone(CLONE_NEWPID));
        assertEquals(2, r.value(2, thread()));
        assertEquals("4 2", r.k.task(3).nsPid());
        return r;
    }

    /**
     * Found by the conformance runner on Linux 6.18: the container's init owns a PI futex that a
     * task inside waits for, and dies. exit_pi_state_list hands the lock to the waiter before
     * zap_pid_ns_processes sends it SIGKILL, and the waiter takes the lock (FUTEX_WAITERS |
     * FUTEX_OWNER_DIED | its TID) before it acts on the signal. It may not die first.
     */
    @Test
    void aWokenPiWaiterTakesTheLockBeforeItActsOnAFatalSignal() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, fork());                                              // T1: P
        r.value(1, new Syscall.Clone(CLONE_NEWPID));                     // T2: container init, 1 inside
        assertEquals(2, r.value(2, fork()));                             // T3: 2 inside
        assertEquals(0, r.value(2, new Syscall.FutexLockPi(0)));
        r.blocks(3, new Syscall.FutexLockPi(0));
        r.call(2, new Syscall.Exit(0));                                  // hands the lock over, then zaps T3
        assertTrue(r.k.task(3).pendingSignal != 0);
        assertTrue(!r.canCall(3, new Syscall.SignalDelivery()), "a woken waiter returns from the futex call first");
        r.call(3, new Syscall.FutexReturn());
        assertEquals(WAITERS | OWNER_DIED | 2, r.word(0));
        assertTrue(!r.last.returns(), "the lock is taken, but user space never sees the call return");
        r.call(3, new Syscall.SignalDelivery());
        assertEquals(WAITERS | OWNER_DIED | 2, r.word(0));
    }

    // ---- threads and signals (found by `nscheck conform` on Linux 6.18) ---------------------

    /**
     * zap_pid_ns_processes when the init is a thread (its leader already dead): it waits for
     * init_pids = 2, not 1, then reaps itself; the leader stays a zombie for its parent.
     */
    @Test
    void anInitThreadFinishesItsZapWhileItsLeaderIsAZombie() {
        SpecRun r = containerWithThread();                                   // T2 init (leader), T3 its thread
        r.call(2, new Syscall.Exit(0));                                  // T3 inherits child_reaper
        r.call(3, new Syscall.Exit(0));                                  // nothing left to kill
        assertNull(r.k.task(3), "the thread has reaped itself");
        assertEquals(TaskState.ZOMBIE, r.k.task(2).state);
        assertEquals(3, r.value(1, new Syscall.Wait(-1)), "P reaps the container's init");
    }

    /** do_wait: a thread reaps the children of any thread of its group. */
    @Test
    void aThreadReapsTheChildrenOfItsGroup() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, fork());                                              // T1: pid 2
        assertEquals(3, r.value(1, fork()));                             // T2: T1's child
        r.call(2, new Syscall.Exit(0));
        assertEquals(4, r.value(1, thread()));                           // T3: T1's thread
        assertEquals(3, r.value(3, new Syscall.Wait(-1)));
    }

    /** pidfd_open without PIDFD_THREAD: setns through a thread's TID is ENOENT (Linux 6.18). */
    @Test
    void setnsThroughAThreadsTidIsEnoent() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, fork());                                              // T1: pid 2
        assertEquals(3, r.value(1, thread()));
        assertEquals(Errno.ENOENT, r.errno(1, new Syscall.Setns(3)));
        assertEquals(0, r.value(1, new Syscall.Setns(2)));
    }

    /** complete_signal: SIGKILL to a thread's TID takes down its whole group, the sender too if it is in it. */
    @Test
    void aFatalSignalToAThreadKillsTheWholeGroup() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, fork());                                              // T1: pid 2
        assertEquals(3, r.value(1, thread()));                           // T2: TID 3
        assertEquals(4, r.value(1, fork()));                             // T3: another process
        r.call(3, new Syscall.Kill(3, Signals.SIGKILL));
        assertTrue(r.k.task(1).pendingSignal != 0 && r.k.task(2).pendingSignal != 0, "leader and thread both die");
        SpecRun self = new SpecRun(s).withSharedWords(2);
        self.value(0, fork());
        self.value(1, thread());
        self.call(1, new Syscall.Kill(3, Signals.SIGKILL));             // the leader kills its own thread's TID
        assertTrue(!self.last.returns(), "the caller's own group dies: the call never returns");
    }

    /** kill_something_info walks processes: kill(-1) reaches each group once and spares the caller's threads. */
    @Test
    void killMinusOneSparesTheCallersOwnThreads() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, fork());                                              // T1: pid 2
        r.value(1, thread());                                            // T2: TID 3
        assertEquals(Errno.ESRCH, r.errno(1, new Syscall.Kill(-1, Signals.SIGKILL)), "nobody else to signal");
        assertEquals(0, r.k.task(2).pendingSignal);
    }

    /** SIGNAL_UNKILLABLE belongs to the signal_struct: a namespace init's threads are unkillable from inside too. */
    @Test
    void theThreadsOfANamespaceInitCannotBeKilledFromInside() {
        SpecRun r = containerWithThread();                                   // T2 init, T3 its thread (2 inside)
        assertEquals(3, r.value(2, fork()));                             // T4: 3 inside
        assertEquals(0, r.value(4, new Syscall.Kill(2, Signals.SIGKILL)));
        assertEquals(0, r.k.task(3).pendingSignal);
        assertEquals(0, r.k.task(2).pendingSignal);
    }

    /** find_child_reaper (P6): an init whose thread lives hands it child_reaper; nothing is zapped. */
    @Test
    void anInitWithALivingThreadHandsOverInsteadOfKillingItsNamespace() {
        SpecRun r = containerWithThread();                                   // T2 init (leader), T3 its thread
        assertEquals(3, r.value(2, fork()));                             // T4: child of T2, 3 inside
        r.call(2, new Syscall.Exit(0));
        assertEquals(0, r.k.task(4).pendingSignal, "the namespace lives on");
        assertEquals(3, r.k.ns(r.k.task(3).activeNs()).childReaper(), "the thread is the reaper now");
        assertEquals(3, r.k.task(4).parent, "the init's child goes to the living thread");
        assertEquals(1, r.value(4, new Syscall.GetPpid()), "whose TGID is still 1");
    }

    // ---- threads ------------------------------------------------------------------------------

    @Test
    void threadsHaveTheirOwnTidAndShareTheLeadersTgid() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, fork());                                              // T1: pid 2
        assertEquals(3, r.value(1, thread()));                           // T2: TID 3
        assertEquals(3, r.value(2, new Syscall.GetTid()));
        assertEquals(2, r.value(2, new Syscall.GetPid()));               // getpid() is the TGID
        assertEquals(4, r.value(2, thread()));                           // a thread's thread joins the same group
        assertEquals(1, r.k.task(3).leader);
        assertEquals(r.k.task(1).parent, r.k.task(2).parent);           // threads share the group's parent
    }

    @Test
    void p12_cloneThreadAfterUnshareNewpidOrWithNewpidIsEinval() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, fork());
        assertEquals(Errno.EINVAL, r.errno(1, new Syscall.Clone(CLONE_THREAD | CLONE_NEWPID)));
        r.value(1, new Syscall.Unshare(CLONE_NEWPID));
        assertEquals(Errno.EINVAL, r.errno(1, thread()));
    }

    @Test
    void aThreadReapsItselfAndIsNeverWaitedFor() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, fork());
        r.value(1, thread());
        r.call(2, new Syscall.Exit(0));
        assertNull(r.k.task(2));                                         // autoreaped: its TID is free
        r.call(1, new Syscall.Exit(0));
        assertEquals(2, r.value(0, new Syscall.Wait(-1)));               // the leader is the one reaped
    }

    @Test
    void p7_aDeadThreadsChildrenGoToALiveThreadOfItsGroup() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, fork());                                              // T1
        r.value(1, thread());                                            // T2
        r.value(2, fork());                                              // T3, child of T2
        r.call(2, new Syscall.Exit(0));
        assertEquals(1, r.k.task(3).parent);
    }

    // ---- FUTEX_WAIT / FUTEX_WAKE ---------------------------------------------------------------

    @Test
    void f1_waitIsEagainWhenTheWordDiffersAndSleepsWhenItMatches() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, fork());
        assertEquals(Errno.EAGAIN, r.errno(1, new Syscall.FutexWait(0, 2)));
        r.blocks(1, new Syscall.FutexWait(0, 0));
        assertTrue(!r.canCall(1, new Syscall.GetPid()));                // asleep: no call is enabled
        assertTrue(!r.canCall(1, new Syscall.FutexReturn()));           // not woken yet
    }

    @Test
    void f2_wakeWakesInArrivalOrderAndReturnsTheCount() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, fork());
        r.value(1, thread());
        r.value(1, thread());
        r.blocks(3, new Syscall.FutexWait(0, 0));
        r.blocks(2, new Syscall.FutexWait(0, 0));
        assertEquals(1, r.value(1, new Syscall.FutexWake(0, 0)));       // nr_wake 0 still wakes one: the first to sleep
        assertTrue(r.canCall(3, new Syscall.FutexReturn()));
        assertTrue(!r.canCall(2, new Syscall.FutexReturn()));
        assertEquals(1, r.value(1, new Syscall.FutexWake(0, 5)));
        assertEquals(0, r.value(3, new Syscall.FutexReturn()));
        assertEquals(0, r.value(1, new Syscall.FutexWake(0, 1)));
    }

    @Test
    void f2_wakeOnAWordWithPiWaitersIsEinval() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, fork());
        r.value(1, thread());
        r.value(1, new Syscall.FutexLockPi(0));
        r.blocks(2, new Syscall.FutexLockPi(0));
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.FutexWake(0, 1)));
    }

    // ---- PI futexes ----------------------------------------------------------------------------

    @Test
    void f3_lockPiTakesAFreeWordKeepingOwnerDiedAndRefusesItsOwnTid() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, fork());
        r.k = r.k.withWord(0, OWNER_DIED);
        assertEquals(0, r.value(1, new Syscall.FutexLockPi(0)));
        assertEquals(OWNER_DIED | 2, r.word(0));
        assertEquals(Errno.EDEADLK, r.errno(1, new Syscall.FutexLockPi(0)));
    }

    @Test
    void f3_aTidThatNamesNoLiveTaskIsEsrchAndLeavesTheWaitersBit() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, fork());
        r.k = r.k.withWord(0, 7);
        assertEquals(Errno.ESRCH, r.errno(1, new Syscall.FutexLockPi(0)));
        assertEquals(WAITERS | 7, r.word(0));
    }

    @Test
    void f3_f4_sameNamespaceContentionHandsTheLockToTheWaiter() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, fork());                                              // T1 TID 2
        r.value(1, thread());                                            // T2 TID 3
        r.k = r.k.withWord(0, 2);                                        // T1 took it in user space
        r.blocks(2, new Syscall.FutexLockPi(0));
        assertEquals(WAITERS | 2, r.word(0));
        assertEquals(1, r.k.memory().piState(0).owner());
        assertEquals(Errno.EPERM, r.errno(0, new Syscall.FutexUnlockPi(0))); // the root init (TID 1) is not the owner
        assertEquals(0, r.value(1, new Syscall.FutexUnlockPi(0)));
        assertEquals(WAITERS | 3, r.word(0));
        assertEquals(0, r.value(2, new Syscall.FutexReturn()));
        assertNull(r.k.memory().piState(0));                             // the last waiter dropped the pi_state
        assertEquals(0, r.value(2, new Syscall.FutexUnlockPi(0)));      // no waiters: the word is cleared
        assertEquals(0, r.word(0));
    }

    @Test
    void f3_trylockNeverSleeps() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, fork());
        r.value(1, thread());
        r.value(1, new Syscall.FutexLockPi(0));
        assertEquals(Errno.EAGAIN, r.errno(2, new Syscall.FutexTrylockPi(0)));
        assertEquals(WAITERS | 2, r.word(0));
        assertTrue(r.k.memory().waiters().isEmpty());
    }

    @Test
    void f3_f6_theOwnerTidIsLookedUpInTheCallersNamespace() {
        SpecRun r = containerWithThread();
        r.value(3, new Syscall.FutexLockPi(0));                          // the container thread writes its TID 2
        assertEquals(2, r.word(0));
        // To the host process P that number is P itself: EDEADLK although P holds nothing.
        assertEquals(Errno.EDEADLK, r.errno(1, new Syscall.FutexLockPi(0)));
        // The container's init: 2 is the real owner, so it sleeps on the right pi_state.
        r.blocks(2, new Syscall.FutexLockPi(0));
        assertEquals(3, r.k.memory().piState(0).owner());
    }

    @Test
    void f3_f6_aHostOwnerLooksLikeAContainerThreadFromInside() {
        SpecRun r = containerWithThread();
        r.value(1, new Syscall.FutexLockPi(0));                          // P writes its TID 2
        assertEquals(Errno.EDEADLK, r.errno(3, new Syscall.FutexLockPi(0))); // 2 inside is the thread itself
        r.blocks(2, new Syscall.FutexLockPi(0));                         // the init attaches to the wrong owner
        assertEquals(3, r.k.memory().piState(0).owner());
        // The real owner cannot hand over: the kernel's owner is someone else.
        assertEquals(Errno.EINVAL, r.errno(1, new Syscall.FutexUnlockPi(0)));
    }

    @Test
    void f3_aWordThatDisagreesWithThePiStateOwnerIsEinval() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, fork());
        r.value(1, thread());
        r.value(1, thread());
        r.value(1, new Syscall.FutexLockPi(0));
        r.blocks(2, new Syscall.FutexLockPi(0));
        r.k = r.k.withWord(0, WAITERS | 4);                              // user space scribbles a TID
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.FutexLockPi(0)));
    }

    /**
     * Found by conform (futex-robust): the host owner P dies robust while the container's init
     * sleeps on a pi_state it attached to the thread T3 (2 inside), leaving FUTEX_WAITERS |
     * FUTEX_OWNER_DIED with TID 0. T3 then attaches to its own pi_state (attach_to_pi_state [6]):
     * FUTEX_LOCK_PI returns 0 without touching the word (rt_mutex_cleanup_proxy_lock finds T3 the
     * rt_mutex owner), FUTEX_TRYLOCK_PI is EAGAIN and writes T3's TID (fixup_pi_state_owner).
     */
    private SpecRun ownerDiedWordOwnedByTheContainerThread() {
        SpecRun r = containerWithThread();
        r.value(1, new Syscall.SetRobustList(List.of(0), -1, true));
        r.value(1, new Syscall.FutexLockPi(0));                          // P writes its TID 2
        r.blocks(2, new Syscall.FutexLockPi(0));                         // the init attaches to T3
        r.call(1, new Syscall.Exit(0));                                  // handle_futex_death
        assertEquals(WAITERS | OWNER_DIED, r.word(0));
        assertEquals(3, r.k.memory().piState(0).owner());
        return r;
    }

    @Test
    void f3_f5_lockPiOnAnOwnerDiedWordWhosePiStateTheCallerOwnsTakesItAsItIs() {
        SpecRun r = ownerDiedWordOwnedByTheContainerThread();
        assertEquals(0, r.value(3, new Syscall.FutexLockPi(0)));
        assertEquals(WAITERS | OWNER_DIED, r.word(0));
        assertNull(r.k.memory().waiterOf(3), "not queued: task_blocks_on_rt_mutex refused before enqueueing");
        assertEquals(3, r.k.memory().piState(0).owner());
        assertEquals(Errno.EPERM, r.errno(3, new Syscall.FutexUnlockPi(0)), "the word still names nobody");
    }

    @Test
    void f3_f5_trylockPiOnAnOwnerDiedWordWhosePiStateTheCallerOwnsWritesItsTid() {
        SpecRun r = ownerDiedWordOwnedByTheContainerThread();
        assertEquals(Errno.EAGAIN, r.errno(3, new Syscall.FutexTrylockPi(0)));
        assertEquals(WAITERS | OWNER_DIED | 2, r.word(0));
        assertNull(r.k.memory().waiterOf(3));
        assertEquals(0, r.value(3, new Syscall.FutexUnlockPi(0)));      // now its own TID: handed to the init
        assertEquals(WAITERS | 1, r.word(0));
    }

    // ---- robust lists --------------------------------------------------------------------------

    private static Kernel robust(Kernel k, int slot, int word, boolean pi) {
        return k.withTask(slot, k.task(slot).withRobustList(k.task(slot).robustList.add(word, pi)));
    }

    @Test
    void f5_exitMarksOwnerDiedOnlyWhereTheTidIsTheDyingThreadsOwn() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, fork());
        r.value(1, thread());                                            // T2 TID 3
        r.k = robust(robust(r.k.withWord(0, 3).withWord(1, 2), 2, 0, false), 2, 1, false);
        r.call(2, new Syscall.Exit(0));
        assertEquals(OWNER_DIED, r.word(0));
        assertEquals(2, r.word(1));                                      // someone else's TID: skipped
    }

    @Test
    void f5_robustNonPiDeathWakesOneWaiter() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, fork());
        r.value(1, thread());                                            // T2 TID 3
        r.k = robust(r.k.withWord(0, WAITERS | 3), 2, 0, false);
        r.blocks(1, new Syscall.FutexWait(0, WAITERS | 3));
        r.call(2, new Syscall.Exit(0));
        assertEquals(WAITERS | OWNER_DIED, r.word(0));
        assertEquals(0, r.value(1, new Syscall.FutexReturn()));
    }

    @Test
    void f5_piOwnerDeathPassesTheLockWithOwnerDied() {
        SpecRun r = new SpecRun(s).withSharedWords(2);
        r.value(0, fork());
        r.value(1, thread());                                            // T2 TID 3
        r.value(2, new Syscall.FutexLockPi(0));
        r.k = robust(r.k, 2, 0, true);
        r.blocks(1, new Syscall.FutexLockPi(0));
        r.call(2, new Syscall.Exit(0));
        assertEquals(WAITERS | OWNER_DIED, r.word(0));                   // robust list: TID cleared
        assertEquals(PiState.NO_OWNER, r.k.memory().piState(0).owner()); // exit_pi_state_list
        assertEquals(0, r.value(1, new Syscall.FutexReturn()));
        assertEquals(WAITERS | OWNER_DIED | 2, r.word(0));               // fixup_pi_state_owner
    }

    @Test
    void f5_f6_aTidWrittenInAnotherNamespaceIsNotMarkedAtExit() {
        SpecRun r = containerWithThread();
        r.k = robust(r.k.withWord(0, 4), 3, 0, true);                    // the host's number for the thread
        r.call(3, new Syscall.Exit(0));
        assertEquals(4, r.word(0));                                      // compared with its own TID 2: skipped
    }
}
