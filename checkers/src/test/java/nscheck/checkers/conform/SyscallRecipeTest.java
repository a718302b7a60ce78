package nscheck.checkers.conform;

import nscheck.checkers.engine.Bfs;
import nscheck.checkers.engine.CheckOptions;
import nscheck.checkers.engine.CheckResult;
import nscheck.checkers.engine.Progress;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import nscheck.model.kernel.CallMenu;
import nscheck.spec.call.Outcome;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/extending.md, "A syscall", walked end to end with tgkill, the most recent call type added the
 * way the recipe says. Tests cannot add a record to the sealed Syscall, so this test cannot add a
 * call; that a forgotten piece fails the build is the compiler's job (SyscallTable) and
 * CallCoverageTest's (a menu family and a probe operation, or a stated reason, for every call type).
 * Here each piece the recipe names is shown doing its part for one call.
 */
class SyscallRecipeTest {
    @Test
    void tgkillHasEveryPieceTheRecipeNames(@TempDir Path dir) throws Exception {
        Syscall call = new Syscall.Tgkill(1, 1);
        // 2. its family, which model files name, and the menu that expands the family into calls
        assertEquals("tgkill", call.family());
        assertTrue(CallMenu.expand(List.of("tgkill"), 4).contains(call));
        // 3. its rule: the root init blocks SIGUSR1, signals itself, and reads its own pid back as si_pid
        Semantics s = new Semantics(Mainline.INSTANCE, new Limits(4, 2, 4));
        Kernel k = only(s.step(s.boot(), 0, new Syscall.SigBlock())).next();
        Outcome sent = only(s.step(k, 0, call));
        assertEquals("= 0", sent.observation().toString());
        assertEquals("= 1", only(s.step(sent.next(), 0, new Syscall.Sigwaitinfo(false))).observation().toString());
        // 4. the probe's operation, so that conform runs it on the kernel
        assertEquals("tgkill", ProbeCall.of(call, 1).op());
        // 5. a model file that names the family: the call fires and the signal invariants hold
        Path file = dir.resolve("tgkill.json");
        Files.writeString(file, """
                {"format": "nscheck-model/1", "name": "tgkill", "description": "tgkill across a child PID namespace",
                 "bounds": {"tasks": 3, "depth": 1, "pid_max": 4, "steps": 5},
                 "calls": ["clone", "clone-newpid", "sigblock", "tgkill", "sigwaitinfo"],
                 "invariants": ["isolation", "reported-pid", "reported-pid-reaches"]}
                """);
        Model<?, ?> m = ModelCatalog.find(file.toString()).build(Map.of(), null);
        CheckResult<?, ?> r = new Bfs<>(m, CheckOptions.defaults().quiet(), Progress.NONE).run();
        assertFalse(r.violated(), "tgkill's si_pid is translated like every other signal's");
        assertTrue(r.coverage().counts().getOrDefault("tgkill", 0L) > 0, "the call fired");
    }

    private static Outcome only(List<Outcome> outcomes) {
        assertEquals(1, outcomes.size(), outcomes::toString);
        return outcomes.get(0);
    }
}
