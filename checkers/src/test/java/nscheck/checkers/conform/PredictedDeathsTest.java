package nscheck.checkers.conform;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deaths each step makes, as the probe is told them (settle_deaths in nsprobe.c waits until
 * the kernel has finished them): an init that finishes zap_pid_ns_processes with its last victim's
 * death is named at that step, not at its own exit.
 */
class PredictedDeathsTest {
    private static final Semantics KERNEL_LIKE = new Semantics(Mainline.INSTANCE, new Limits(24, Limits.MAX_PID_NS_LEVEL - 1, 4194304));

    private static List<String> deaths(Scenario s) {
        Prediction p = SpecReplay.predict(KERNEL_LIKE, s);
        assertTrue(p != null, "the spec replays " + s);
        List<String> out = new ArrayList<>();
        for (Prediction.StepPrediction st : p.steps()) out.add(st.deaths());
        return out;
    }

    @Test
    void anInitLeavesZapWithItsLastVictimsDeath() {
        List<String> got = deaths(new Scenario("pidns-init-death", 0, List.of(
                new Scenario.Step(0, new Syscall.Clone(CloneFlags.CLONE_NEWPID)), // T1, init of N
                new Scenario.Step(1, new Syscall.Clone(0)),                       // T2 in N
                new Scenario.Step(1, new Syscall.Exit(0)),                        // T1 enters zap, T2 gets SIGKILL
                new Scenario.Step(2, new Syscall.SignalDelivery()),               // T2 dies, T1 reaps it and leaves zap
                new Scenario.Step(0, new Syscall.Wait(2)))));                    // the root init reaps T1
        assertEquals(List.of("", "", "", "1z,2r", "1r"), got);
    }

    @Test
    void aPlainExitMakesAZombie() {
        List<String> got = deaths(new Scenario("pidns-basic", 0, List.of(
                new Scenario.Step(0, new Syscall.Clone(0)),
                new Scenario.Step(1, new Syscall.Exit(0)))));
        assertEquals(List.of("", "1z"), got);
    }

    @Test
    void theProbesScriptCarriesTheDeathsBeforeTheExpectedResult() {
        Scenario s = new Scenario("pidns-basic", 0, List.of(
                new Scenario.Step(0, new Syscall.Clone(0)),
                new Scenario.Step(1, new Syscall.Exit(0))));
        String script = Probe.script(0, s, SpecReplay.predict(KERNEL_LIKE, s));
        assertTrue(script.contains(" ~1z |= ?\n"), script);
    }
}
