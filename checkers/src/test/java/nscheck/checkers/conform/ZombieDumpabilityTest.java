package nscheck.checkers.conform;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Known divergence "zombie-dumpable-host-init": setns through the pidfd of a zombie that was not
 * dumpable when it exited asks CAP_SYS_PTRACE in the host's init_user_ns (task_still_dumpable,
 * kernel/ptrace.c), which the sandbox's root lacks and the spec's root (its init_user_ns is the
 * sandbox's) holds. Found by `nscheck conform --area caps`: ESRCH in the spec, EPERM on 6.18.
 */
class ZombieDumpabilityTest {
    private static final Semantics KERNEL_LIKE = new Semantics(Mainline.INSTANCE, new Limits(24, Limits.MAX_PID_NS_LEVEL - 1, 4194304));

    /** T1 forks T2 (3); T2 optionally drops to uid 1000 (non-dumpable, K4) and exits; then {@code caller} setns to 3. */
    private static Scenario setnsToZombie(boolean setuid, boolean callerInNewUserNs) {
        List<Scenario.Step> steps = new ArrayList<>(List.of(
                new Scenario.Step(0, new Syscall.Clone(0)),     // T1 = 2
                new Scenario.Step(1, new Syscall.Clone(0))));   // T2 = 3
        if (setuid) steps.add(new Scenario.Step(2, new Syscall.Setuid(1000)));
        steps.add(new Scenario.Step(2, new Syscall.Exit(0)));
        if (callerInNewUserNs) steps.add(new Scenario.Step(1, new Syscall.Unshare(CloneFlags.CLONE_NEWUSER)));
        steps.add(new Scenario.Step(1, new Syscall.Setns(3)));
        return new Scenario("caps", 0, steps);
    }

    @Test
    void theSandboxRootsSetnsToANonDumpableZombieIsNotGenerated() {
        assertNull(SpecReplay.predict(KERNEL_LIKE, setnsToZombie(true, false)),
                "the spec's root holds CAP_SYS_PTRACE in its init_user_ns, the sandbox's root not in the host's");
    }

    @Test
    void otherSetnsToZombiesAreStillGenerated() {
        assertNotNull(SpecReplay.predict(KERNEL_LIKE, setnsToZombie(false, false)), "a dumpable zombie: ESRCH on both");
        assertNotNull(SpecReplay.predict(KERNEL_LIKE, setnsToZombie(true, true)),
                "a caller below init_user_ns: EPERM on both, whichever user namespace is the initial one");
        assertNotNull(SpecReplay.predict(KERNEL_LIKE, setnsToZombie(false, true)), "cap_ptrace_access_check: EPERM on both");
    }
}
