package nscheck.spec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static nscheck.spec.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.CloneFlags.CLONE_THREAD;
import static nscheck.spec.FutexWord.OWNER_DIED;
import static nscheck.spec.FutexWord.WAITERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Threads and futexes, rule by rule against shared/SEMANTICS.md (P12, F1-F6). */
class FutexTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(8, 2, 16));

    private final class Run {
        Kernel k = s.boot().withMemory(SharedMemory.zeroed(2));
        Observation last;

        Run call(int actor, Syscall c) {
            List<Outcome> outs = s.step(k, actor, c);
            assertEquals(1, outs.size(), "expected exactly one outcome of " + c + " by T" + actor);
            k = outs.get(0).next();
            last = outs.get(0).observation();
            return this;
        }

        long value(int actor, Syscall c) {
            call(actor, c);
            assertNull(last.errno(), () -> c + " failed: " + last);
            return last.value();
        }

        Errno errno(int actor, Syscall c) {
            call(actor, c);
            return last.errno();
        }

        void blocks(int actor, Syscall c) {
            call(actor, c);
            assertEquals(Observation.BLOCKED, last, c + " should sleep");
        }

        boolean canCall(int actor, Syscall c) {
            return !s.step(k, actor, c).isEmpty();
        }

        int word(int i) {
            return k.memory().word(i);
        }
    }

    private static Syscall thread() { return new Syscall.Clone(CLONE_THREAD); }

    private static Syscall fork() { return new Syscall.Clone(0); }

    /** T1 = P (root pid 2), T2 = Q (root 3, container init 1), T3 = Q's thread (root 4, inside 2). */
    private Run containerWithThread() {
        Run r = new Run();
        r.value(0, fork());
        r.value(1, new Syscall.Clone(CLONE_NEWPID));
        assertEquals(2, r.value(2, thread()));
        assertEquals("4 2", r.k.task(3).nsPid());
        return r;
    }

    // ---- threads ------------------------------------------------------------------------------

    @Test
    void threadsHaveTheirOwnTidAndShareTheLeadersTgid() {
        Run r = new Run();
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
        Run r = new Run();
        r.value(0, fork());
        assertEquals(Errno.EINVAL, r.errno(1, new Syscall.Clone(CLONE_THREAD | CLONE_NEWPID)));
        r.value(1, new Syscall.Unshare(CLONE_NEWPID));
        assertEquals(Errno.EINVAL, r.errno(1, thread()));
    }

    @Test
    void aThreadReapsItselfAndIsNeverWaitedFor() {
        Run r = new Run();
        r.value(0, fork());
        r.value(1, thread());
        r.call(2, new Syscall.Exit(0));
        assertNull(r.k.task(2));                                         // autoreaped: its TID is free
        r.call(1, new Syscall.Exit(0));
        assertEquals(2, r.value(0, new Syscall.Wait(-1)));               // the leader is the one reaped
    }

    @Test
    void p7_aDeadThreadsChildrenGoToALiveThreadOfItsGroup() {
        Run r = new Run();
        r.value(0, fork());                                              // T1
        r.value(1, thread());                                            // T2
        r.value(2, fork());                                              // T3, child of T2
        r.call(2, new Syscall.Exit(0));
        assertEquals(1, r.k.task(3).parent);
    }

    // ---- FUTEX_WAIT / FUTEX_WAKE ---------------------------------------------------------------

    @Test
    void f1_waitIsEagainWhenTheWordDiffersAndSleepsWhenItMatches() {
        Run r = new Run();
        r.value(0, fork());
        assertEquals(Errno.EAGAIN, r.errno(1, new Syscall.FutexWait(0, 2)));
        r.blocks(1, new Syscall.FutexWait(0, 0));
        assertTrue(!r.canCall(1, new Syscall.GetPid()));                // asleep: no call is enabled
        assertTrue(!r.canCall(1, new Syscall.FutexReturn()));           // not woken yet
    }

    @Test
    void f2_wakeWakesInArrivalOrderAndReturnsTheCount() {
        Run r = new Run();
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
        Run r = new Run();
        r.value(0, fork());
        r.value(1, thread());
        r.value(1, new Syscall.FutexLockPi(0));
        r.blocks(2, new Syscall.FutexLockPi(0));
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.FutexWake(0, 1)));
    }

    // ---- PI futexes ----------------------------------------------------------------------------

    @Test
    void f3_lockPiTakesAFreeWordKeepingOwnerDiedAndRefusesItsOwnTid() {
        Run r = new Run();
        r.value(0, fork());
        r.k = r.k.withWord(0, OWNER_DIED);
        assertEquals(0, r.value(1, new Syscall.FutexLockPi(0)));
        assertEquals(OWNER_DIED | 2, r.word(0));
        assertEquals(Errno.EDEADLK, r.errno(1, new Syscall.FutexLockPi(0)));
    }

    @Test
    void f3_aTidThatNamesNoLiveTaskIsEsrchAndLeavesTheWaitersBit() {
        Run r = new Run();
        r.value(0, fork());
        r.k = r.k.withWord(0, 7);
        assertEquals(Errno.ESRCH, r.errno(1, new Syscall.FutexLockPi(0)));
        assertEquals(WAITERS | 7, r.word(0));
    }

    @Test
    void f3_f4_sameNamespaceContentionHandsTheLockToTheWaiter() {
        Run r = new Run();
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
        Run r = new Run();
        r.value(0, fork());
        r.value(1, thread());
        r.value(1, new Syscall.FutexLockPi(0));
        assertEquals(Errno.EAGAIN, r.errno(2, new Syscall.FutexTrylockPi(0)));
        assertEquals(WAITERS | 2, r.word(0));
        assertTrue(r.k.memory().waiters().isEmpty());
    }

    @Test
    void f3_f6_theOwnerTidIsLookedUpInTheCallersNamespace() {
        Run r = containerWithThread();
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
        Run r = containerWithThread();
        r.value(1, new Syscall.FutexLockPi(0));                          // P writes its TID 2
        assertEquals(Errno.EDEADLK, r.errno(3, new Syscall.FutexLockPi(0))); // 2 inside is the thread itself
        r.blocks(2, new Syscall.FutexLockPi(0));                         // the init attaches to the wrong owner
        assertEquals(3, r.k.memory().piState(0).owner());
        // The real owner cannot hand over: the kernel's owner is someone else.
        assertEquals(Errno.EINVAL, r.errno(1, new Syscall.FutexUnlockPi(0)));
    }

    @Test
    void f3_aWordThatDisagreesWithThePiStateOwnerIsEinval() {
        Run r = new Run();
        r.value(0, fork());
        r.value(1, thread());
        r.value(1, thread());
        r.value(1, new Syscall.FutexLockPi(0));
        r.blocks(2, new Syscall.FutexLockPi(0));
        r.k = r.k.withWord(0, WAITERS | 4);                              // user space scribbles a TID
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.FutexLockPi(0)));
    }

    // ---- robust lists --------------------------------------------------------------------------

    private static Kernel robust(Kernel k, int slot, int word, boolean pi) {
        return k.withTask(slot, k.task(slot).withRobustList(k.task(slot).robustList.add(word, pi)));
    }

    @Test
    void f5_exitMarksOwnerDiedOnlyWhereTheTidIsTheDyingThreadsOwn() {
        Run r = new Run();
        r.value(0, fork());
        r.value(1, thread());                                            // T2 TID 3
        r.k = robust(robust(r.k.withWord(0, 3).withWord(1, 2), 2, 0, false), 2, 1, false);
        r.call(2, new Syscall.Exit(0));
        assertEquals(OWNER_DIED, r.word(0));
        assertEquals(2, r.word(1));                                      // someone else's TID: skipped
    }

    @Test
    void f5_robustNonPiDeathWakesOneWaiter() {
        Run r = new Run();
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
        Run r = new Run();
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
        Run r = containerWithThread();
        r.k = robust(r.k.withWord(0, 4), 3, 0, true);                    // the host's number for the thread
        r.call(3, new Syscall.Exit(0));
        assertEquals(4, r.word(0));                                      // compared with its own TID 2: skipped
    }
}
