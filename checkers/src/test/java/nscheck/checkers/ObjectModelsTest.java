package nscheck.checkers;

import nscheck.checkers.engine.Bfs;
import nscheck.checkers.engine.CheckOptions;
import nscheck.checkers.engine.CheckResult;
import nscheck.checkers.trace.Violation;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs BFS on the models of signals, SysV IPC, socket credentials and user namespaces: each
 * verifies clean under mainline with every invariant exercised, except signals-pgrp, whose
 * counterexample under mainline is the point of the model. The seeded bugs that break each
 * invariant are in {@link SeededBugsTest}.
 */
class ObjectModelsTest {

    private static CheckResult<?, ?> check(String model, String variant) {
        Model<?, ?> m = ModelCatalog.find(model).build(Map.of(), variant);
        return new Bfs<>(m, CheckOptions.defaults().quiet().continuing(), s -> {}).run();
    }

    private static Map<String, Integer> violations(CheckResult<?, ?> r) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Violation<?, ?> v : r.violations()) out.put(v.property(), v.trace().length());
        return out;
    }

    // Each walks its model's whole state space: tagged so the mutation profile, which reruns every
    // test covering a mutant for each one that survives, leaves it out (checkers/pom.xml).
    @Tag("whole-model")
    @ParameterizedTest(name = "{0} verifies clean under mainline")
    @ValueSource(strings = {"signals-siginfo", "ipc-msg", "ipc-sem", "ipc-shm", "unix-creds", "userns-nproc", "userns-ids", "socket-uids"})
    void verifiesCleanWithEveryInvariantExercised(String model) {
        CheckResult<?, ?> r = check(model, null);
        assertEquals(Map.of(), violations(r), model);
        assertTrue(r.complete(), model + " ended " + r.ending());
        assertEquals(List.of(), r.vacuous(), model + ": every invariant must have been exercised");
    }

    @Test
    void aContainerInitSignallingItsInheritedGroupIsReportedByItsInnerPid() {
        // T1 makes a container; its init (PID 3 outside, 1 inside) is still in the boot process
        // group and sends kill(0, SIGUSR1). The root init, which blocks SIGUSR1, reads si_pid 1:
        // its own PID, not the 3 it knows the sender by (P10: si_pid is the sender's own vnr and
        // is cleared only when the sender is invisible).
        Map<String, Integer> v = violations(check("signals-pgrp", null));
        assertEquals(4, v.get("reported-pid"));
        assertEquals(4, v.get("isolation"));
        assertEquals(4, v.get("reported-pid-reaches"));
    }
}
