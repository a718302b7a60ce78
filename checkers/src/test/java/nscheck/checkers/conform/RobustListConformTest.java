package nscheck.checkers.conform;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * set_robust_list and an owner's death on the kernel (F5, kernel/futex/core.c exit_robust_list and
 * handle_futex_death), and the PI deadlock walk conform found (F3): hand-written scenarios, each
 * checked against the spec's prediction and then pinned to what the kernel did. Needs root.
 */
class RobustListConformTest {
    private static final long WAITERS = 0x80000000L, OWNER_DIED = 0x40000000L;
    private static Probe probe;

    @BeforeAll
    static void buildProbe() {
        assumeTrue(Probe.isRoot(), "conformance runs against the kernel as root");
        probe = Probe.build();
    }

    private static Scenario.Step step(int actor, Syscall call) {
        return new Scenario.Step(actor, call);
    }

    private static KernelRun agrees(Scenario s) {
        Semantics mainline = new Semantics(Mainline.INSTANCE, new Limits(24, Limits.MAX_PID_NS_LEVEL - probe.level(), probe.pidMax()));
        Prediction p = SpecReplay.predict(mainline, s);
        assertTrue(p != null, "the spec replays " + s);
        KernelRun run = probe.run(List.of(s), List.of(p)).get(0);
        assertNull(RunComparison.compare(s, p, run, KnownDivergences.load()), () -> "kernel " + run.results() + " " + run.words() + " vs spec " + p.steps());
        return run;
    }

    /** The first processes of every scenario here: T1 (2), T2 the init of N (3), T3 in N (4 in the root namespace, 2 in N). */
    private static final List<Scenario.Step> TWO_NAMESPACES = List.of(
            step(0, new Syscall.Clone(0)),
            step(1, new Syscall.Clone(CloneFlags.CLONE_NEWPID)),
            step(2, new Syscall.Clone(0)));

    private static Scenario scenario(int words, List<Scenario.Step> more) {
        List<Scenario.Step> steps = new java.util.ArrayList<>(TWO_NAMESPACES);
        steps.addAll(more);
        return new Scenario("futex-robust", words, steps);
    }

    @Test
    void aPendingNonPiEntryOnAFreeWordWakesASleeperAtExit() {
        KernelRun run = agrees(scenario(1, List.of(
                step(3, new Syscall.FutexWait(0, 0)),
                step(1, new Syscall.SetRobustList(List.of(), 0, false)),
                step(1, new Syscall.Exit(0)),
                step(3, Syscall.FUTEX_RETURN))));
        assertEquals("<unfinished ...>", run.results().get(3));
        assertEquals("= 0", run.results().get(6), "handle_futex_death's futex_wake for list_op_pending");
    }

    @Test
    void aPiEntryHeldAtDeathHandsTheLockOnWithOwnerDied() {
        KernelRun run = agrees(new Scenario("futex-robust", 1, List.of(
                step(0, new Syscall.Clone(0)),                                  // T1 = 2
                step(0, new Syscall.Clone(0)),                                  // T2 = 3
                step(1, new Syscall.SetRobustList(List.of(0), -1, true)),
                step(1, new Syscall.FutexLockPi(0)),
                step(2, new Syscall.FutexLockPi(0)),
                step(1, new Syscall.Exit(0)),
                step(2, Syscall.FUTEX_RETURN))));
        assertEquals(String.valueOf(WAITERS | OWNER_DIED | 3), run.words().get(6), "handle_futex_death's FUTEX_OWNER_DIED, then fixup_pi_state_owner's TID");
        assertEquals("= 0", run.results().get(6), "FUTEX_LOCK_PI never returns EOWNERDEAD");
    }

    /** F6 in F5: the dying thread compares the word's TID with its own number in its own namespace. */
    @Test
    void aDeathMarksAWordHeldByAnotherNamespacesTaskOfTheSameNumber() {
        KernelRun run = agrees(scenario(1, List.of(
                step(3, new Syscall.FutexLockPi(0)),                            // word 2: T3 as N numbers it
                step(1, new Syscall.SetRobustList(List.of(0), -1, false)),      // T1 is 2 in the root namespace
                step(1, new Syscall.Exit(0)),
                step(3, new Syscall.FutexUnlockPi(0)))));
        assertEquals(String.valueOf(OWNER_DIED), run.words().get(5), "T1's death marked T3's lock");
        assertEquals("= -1 EPERM", run.results().get(6), "the holder no longer owns the word");
    }

    /** Found by conform (futex-robust): a TID read in the wrong namespace builds a lock cycle, and the chain walk refuses it. */
    @Test
    void aLockCycleThroughACrossNamespaceOwnerIsEdeadlk() {
        KernelRun run = agrees(scenario(2, List.of(
                step(1, new Syscall.Clone(CloneFlags.CLONE_THREAD)),            // T4, a thread of T1
                step(3, new Syscall.Clone(CloneFlags.CLONE_THREAD)),            // T5, a thread of T3 (3 in N)
                step(5, new Syscall.FutexLockPi(0)),                            // w0 = 3
                step(1, new Syscall.FutexLockPi(1)),                            // w1 = 2, T1 in the root namespace
                step(5, new Syscall.FutexLockPi(1)),                            // 2 in N is T3: T3 becomes w1's kernel owner
                step(3, new Syscall.FutexLockPi(0)))));                         // T3 -> w0 (T5) -> w1 (T3)
        assertEquals("= -1 EDEADLK", run.results().get(8));
    }

    /**
     * Found by conform (futex-robust): T2 reads T1's TID 2 in N, where it is T3, so T3 becomes the
     * kernel owner of w0; T1's robust death leaves the word FUTEX_WAITERS | FUTEX_OWNER_DIED with TID
     * 0. T3's FUTEX_LOCK_PI attaches to its own pi_state (attach_to_pi_state [6]): the rt_mutex
     * refuses it EDEADLK, rt_mutex_cleanup_proxy_lock finds T3 the owner, and futex_lock_pi returns 0
     * without writing the word.
     */
    private static List<Scenario.Step> ownerDiedWordOwnedByTheCaller(Syscall lock) {
        return List.of(
                step(1, new Syscall.SetRobustList(List.of(0), -1, true)),
                step(1, new Syscall.FutexLockPi(0)),                            // w0 = 2, T1 in the root namespace
                step(2, new Syscall.FutexLockPi(0)),                            // 2 in N is T3: T3 becomes w0's kernel owner
                step(1, new Syscall.Exit(0)),                                   // handle_futex_death: WAITERS | OWNER_DIED
                step(3, lock));
    }

    @Test
    void lockPiOnAnOwnerDiedWordWhosePiStateTheCallerOwnsReturnsZero() {
        List<Scenario.Step> more = new java.util.ArrayList<>(ownerDiedWordOwnedByTheCaller(new Syscall.FutexLockPi(0)));
        more.add(step(3, new Syscall.Exit(0)));                                 // exit_pi_state_list wakes T2
        more.add(step(2, Syscall.FUTEX_RETURN));
        KernelRun run = agrees(scenario(1, more));
        assertEquals("= 0", run.results().get(7), "rt_mutex_cleanup_proxy_lock: the caller owns the rt_mutex");
        assertEquals(String.valueOf(WAITERS | OWNER_DIED), run.words().get(7), "fixup_pi_owner writes nothing");
        assertEquals(String.valueOf(WAITERS | OWNER_DIED | 1), run.words().get(9), "T2 (1 in N) takes it from the dead T3");
    }

    @Test
    void trylockPiOnAnOwnerDiedWordWhosePiStateTheCallerOwnsWritesItsTid() {
        List<Scenario.Step> more = new java.util.ArrayList<>(ownerDiedWordOwnedByTheCaller(new Syscall.FutexTrylockPi(0)));
        more.add(step(3, new Syscall.FutexUnlockPi(0)));                        // now T3's TID: it hands w0 to T2
        more.add(step(2, Syscall.FUTEX_RETURN));
        KernelRun run = agrees(scenario(1, more));
        assertEquals("= -1 EAGAIN", run.results().get(7), "rt_mutex_futex_trylock fails: EWOULDBLOCK");
        assertEquals(String.valueOf(WAITERS | OWNER_DIED | 2), run.words().get(7), "fixup_pi_state_owner writes T3's TID 2");
        assertEquals("= 0", run.results().get(8));
        assertEquals(String.valueOf(WAITERS | 1), run.words().get(8), "wake_futex_pi: T2 as T3 numbers it");
    }
}
