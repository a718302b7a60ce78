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
 * clone3's set_tid errors on the kernel, by every route the clone3 area generates (S1-S3, K1;
 * kernel/pid.c alloc_pid): EPERM without CAP_CHECKPOINT_RESTORE in the user namespace owning a
 * chosen level, after setuid or from a user namespace that owns no level it chooses in, and
 * EINVAL for an array longer than the levels. Needs root.
 */
class SetTidPermissionConformTest {
    private static Probe probe;

    @BeforeAll
    static void buildProbe() {
        assumeTrue(Probe.isRoot(), "conformance runs against the kernel as root");
        probe = Probe.build();
    }

    private static Scenario.Step step(int actor, Syscall call) {
        return new Scenario.Step(actor, call);
    }

    private static List<String> agrees(Scenario.Step... steps) {
        Scenario s = new Scenario("clone3", 0, List.of(steps));
        Semantics mainline = new Semantics(Mainline.INSTANCE, new Limits(24, Limits.MAX_PID_NS_LEVEL - probe.level(), probe.pidMax()));
        Prediction p = SpecReplay.predict(mainline, s);
        assertTrue(p != null, "the spec replays " + s);
        KernelRun run = probe.run(List.of(s), List.of(p)).get(0);
        assertNull(RunComparison.compare(s, p, run, KnownDivergences.load()), () -> "kernel " + run.results() + " vs spec " + p.steps());
        return run.results();
    }

    @Test
    void afterSetuidChoosingAPidIsEperm() {
        List<String> got = agrees(
                step(0, new Syscall.Clone(0)),
                step(1, new Syscall.Setuid(1000)),
                step(1, new Syscall.Clone3(0, List.of(7))));
        assertEquals("= -1 EPERM", got.get(2));
    }

    @Test
    void aNewUserNamespaceOwnsNoLevelItsCallerChoosesIn() {
        List<String> got = agrees(
                step(0, new Syscall.Clone(0)),
                step(1, new Syscall.Unshare(CloneFlags.CLONE_NEWUSER)),
                step(1, new Syscall.Clone3(0, List.of(7))));
        assertEquals("= -1 EPERM", got.get(2), "full capabilities, but in a user namespace that does not own the PID namespace");
    }

    @Test
    void theOwnerOfANewNamespaceChoosesInItButNotAbove() {
        List<String> got = agrees(
                step(0, new Syscall.Clone(0)),
                step(1, new Syscall.Clone(CloneFlags.CLONE_NEWUSER | CloneFlags.CLONE_NEWPID)),   // T2, init of N, owned by its user namespace
                step(2, new Syscall.Clone3(0, List.of(4))),
                step(2, new Syscall.Clone3(0, List.of(5, 9))));
        assertEquals("= 4", got.get(2), "its own level");
        assertEquals("= -1 EPERM", got.get(3), "the level above is owned by the initial user namespace");
    }

    @Test
    void anArrayLongerThanTheLevelsIsEinval() {
        List<String> got = agrees(
                step(0, new Syscall.Clone(0)),
                step(1, new Syscall.Clone3(0, List.of(7, 1, 1))));
        assertEquals("= -1 EINVAL", got.get(1));
    }
}
