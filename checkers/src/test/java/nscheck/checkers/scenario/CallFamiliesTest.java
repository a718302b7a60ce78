package nscheck.checkers.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import nscheck.model.kernel.CallMenu;
import nscheck.spec.call.Syscall;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every call the spec implements is usable from a model file and from a scenario file, in the same words both ways. */
class CallFamiliesTest {
    @Test
    void everySpecCallHasAScenarioForm() {
        for (Class<?> c : nscheck.spec.call.CallTypes.all()) {
            boolean found = false;
            for (CallSyntax.Form f : CallSyntax.FORMS) found |= f.type() == c;
            found |= List.of(Syscall.SemGetval.class, Syscall.SemRmid.class, Syscall.SendCreds.class, Syscall.FutexWake.class,
                    Syscall.FutexLockPi.class, Syscall.FutexTrylockPi.class, Syscall.FutexUnlockPi.class).contains(c);
            assertTrue(found, c.getSimpleName() + " has no scenario form");
        }
    }

    @Test
    void everyModelFamilyRoundTripsThroughTheScenarioForm() throws Exception {
        List<Class<?>> reached = new ArrayList<>();
        for (String family : CallMenu.FAMILIES.keySet()) {
            List<Syscall> calls = CallMenu.expand(List.of(family), 5);
            assertFalse(calls.isEmpty(), family);
            for (Syscall c : calls) {
                String json = ScenarioFile.JSON.writeValueAsString(CallSyntax.arguments(c));
                JsonNode args = ScenarioFile.JSON.readTree(json);
                Syscall back = CallSyntax.read(ScenarioFile.JSON.getNodeFactory().textNode(CallSyntax.name(c)), args, "trace[0]");
                assertEquals(c, back, family + ": " + json);
                if (!reached.contains(c.getClass())) reached.add(c.getClass());
            }
        }
        // every call of the spec but the historical proposals and the kernel's own steps has a family
        for (Class<?> c : nscheck.spec.call.CallTypes.all()) {
            if (List.of(Syscall.CloneWithPids.class, Syscall.Execns.class, Syscall.SignalDelivery.class, Syscall.FutexReturn.class).contains(c)) continue;
            assertTrue(reached.contains(c), c.getSimpleName() + " is not in any model family");
        }
    }

    @Test
    void clone3FamilyCoversEveryLevelAndTheEinvalBound() {
        List<Syscall> calls = CallMenu.expand(List.of("clone3-set-tid"), 4);
        assertTrue(calls.contains(new Syscall.Clone3(0, List.of(4))), "pid_max itself: EINVAL");
        assertTrue(calls.contains(new Syscall.Clone3(0, List.of(1, 3, 2))), "three levels");
        assertTrue(calls.contains(new Syscall.Clone3(nscheck.spec.call.CloneFlags.CLONE_NEWPID, List.of(1, 2))));
    }
}
