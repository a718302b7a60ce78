package nscheck.checkers.conform;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.SiCode;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import nscheck.spec.variant.SeededBugs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * rt_sigqueueinfo with a caller-made siginfo on the kernel (P10b; kernel/signal.c
 * do_rt_sigqueueinfo, send_signal_locked): hand-written scenarios checked against the spec's
 * prediction and pinned to what the kernel did. Needs root.
 */
class RtSigqueueinfoConformTest {
    private static Probe probe;

    @BeforeAll
    static void buildProbe() {
        assumeTrue(Probe.isRoot(), "conformance runs against the kernel as root");
        probe = Probe.build();
    }

    private static Semantics semantics(nscheck.spec.variant.Variant v) {
        return new Semantics(v, new Limits(24, Limits.MAX_PID_NS_LEVEL - probe.level(), probe.pidMax()));
    }

    private static Scenario.Step step(int actor, Syscall call) {
        return new Scenario.Step(actor, call);
    }

    /** T1 (2) with the default mask; the root init blocks SIGUSR1 and SIGCHLD and starts T2 (3) as the init of N with that mask. */
    private static Scenario scenario(Scenario.Step... more) {
        List<Scenario.Step> steps = new java.util.ArrayList<>(List.of(
                step(0, new Syscall.Clone(0)),
                step(0, new Syscall.SigBlock()),
                step(0, new Syscall.Clone(CloneFlags.CLONE_NEWPID))));
        steps.addAll(List.of(more));
        return new Scenario("sigqueueinfo", 0, steps);
    }

    private static List<String> agrees(Scenario s) {
        Prediction p = SpecReplay.predict(semantics(Mainline.INSTANCE), s);
        assertTrue(p != null, "the spec replays " + s);
        KernelRun run = probe.run(List.of(s), List.of(p)).get(0);
        assertNull(RunComparison.compare(s, p, run, KnownDivergences.load()), () -> "kernel " + run.results() + " vs spec " + p.steps());
        return run.results();
    }

    @Test
    void aCallerMadeSiPidIsKeptFromAVisibleSender() {
        List<String> got = agrees(scenario(
                step(2, new Syscall.Clone(0)),                                              // T3: 2 in N, blocks too
                step(3, new Syscall.RtSigqueueinfo(1, SiCode.SI_QUEUE, 4242, 777)),        // to N's init, seen by it
                step(2, new Syscall.Sigwaitinfo(false))));
        assertEquals("= 4242", got.get(5));
    }

    @Test
    void fromAnInvisibleSenderItIsZero() {
        List<String> got = agrees(scenario(
                step(1, new Syscall.RtSigqueueinfo(3, SiCode.SI_QUEUE, 4242, 5)),
                step(2, new Syscall.Sigwaitinfo(false))));
        assertEquals("= 0", got.get(4));
    }

    @Test
    void siUserAndSiTkillGoOnlyToTheCallerItself() {
        List<String> got = agrees(scenario(
                step(2, new Syscall.RtSigqueueinfo(3, SiCode.SI_USER, 5, 0)),              // 3 is not T2's own number (1 in N)
                step(2, new Syscall.RtSigqueueinfo(1, SiCode.SI_TKILL, 5, 0)),
                step(2, new Syscall.RtSigqueueinfo(1, SiCode.SI_USER, 31337, 0)),          // to itself: anything goes
                step(2, new Syscall.Sigwaitinfo(false))));
        assertEquals("= -1 EPERM", got.get(3));
        assertEquals("= 0", got.get(4), "SI_TKILL to itself");
        assertEquals("= 5", got.get(6), "the first queued SIGUSR1 is read; the second merged into it (legacy_queue)");
    }

    @Test
    void aSiUidFromAnUnmappedUserNamespaceArrivesAsTheOverflowUid() {
        List<String> got = agrees(scenario(
                step(2, new Syscall.Clone(0)),                                              // T3 in N
                step(3, new Syscall.Unshare(CloneFlags.CLONE_NEWUSER)),
                step(3, new Syscall.RtSigqueueinfo(1, SiCode.SI_QUEUE, 7, 5)),
                step(2, new Syscall.Sigwaitinfo(true))));
        assertEquals("= 65534", got.get(6), "si_uid 5 of the new user namespace maps to no kernel uid");
    }

    /** The seeded bug keeps a forged si_pid from an invisible sender; the kernel writes 0. */
    @Test
    void theSeededForgedPidBugDisagreesWithTheKernel() {
        Scenario s = scenario(
                step(1, new Syscall.RtSigqueueinfo(3, SiCode.SI_QUEUE, 4242, 5)),
                step(2, new Syscall.Sigwaitinfo(false)));
        Prediction p = SpecReplay.predict(semantics(SeededBugs.FORGED_PID_KEPT), s);
        KernelRun run = probe.run(List.of(s), List.of(p)).get(0);
        Mismatch m = RunComparison.compare(s, p, run, KnownDivergences.load());
        assertTrue(m != null && m.step() == 4, "the read differs: spec 4242, kernel 0");
    }
}
