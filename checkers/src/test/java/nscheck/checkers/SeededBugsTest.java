package nscheck.checkers;

import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every invariant can fail: each seeded bug is caught, by the invariant it was built to break,
 * on a trace that is the shortest one (the same search bounded one step shorter finds nothing).
 */
class SeededBugsTest {

    @ParameterizedTest(name = "{1} breaks {2} in {3} steps")
    @CsvSource({
            "pidns-init-death, seeded-no-in-use-check, pid-unique,           5",
            "pidns-basic,      seeded-no-in-use-check, pid-unique,           2",
            "pidns-init-death, seeded-flat-levels,     pid-visibility,       2",
            "pidns-init-death, seeded-global-lookup,   pid-round-trip,       1",
            "pidns-init-death, seeded-leaky-translate, isolation,            2",
            "pidns-init-death, seeded-shallow-zap,     init-kills-namespace, 3",
            "pidns-init-death, seeded-global-reaper,   orphan-reaper,        4",
            // signals, SysV IPC, socket credentials, user namespaces
            "signals-siginfo,  seeded-leaky-siginfo,      reported-pid,         4",
            "signals-siginfo,  seeded-global-lookup,      reported-pid-reaches, 4",
            "ipc-msg,          seeded-raw-stored-pid,     reported-pid,         4",
            "ipc-sem,          seeded-raw-stored-pid,     reported-pid-reaches, 4",
            "ipc-sem,          seeded-undo-crosses-ipcns, undo-own-namespace,   3",
            "ipc-shm,          seeded-raw-stored-pid,     reported-pid,         3",
            "unix-creds,       seeded-raw-stored-pid,     reported-pid,         4",
            "userns-nproc,     seeded-stuck-nproc,        nproc-exact,          1",
            "userns-ids,       seeded-raw-uids,           uid-mapping,          4",
    })
    void seededBugIsFoundOnAShortestTrace(String model, String variant, String invariant, int length) {
        Model<?, ?> m = ModelCatalog.find(model).build(Map.of(), variant);
        Violation<?, ?> v = firstViolationOf(m, invariant, -1);
        assertTrue(v != null, variant + " must break " + invariant);
        assertEquals(length, v.trace().length(), () -> "trace: " + v.trace());
        assertEquals(null, firstViolationOf(m, invariant, length - 1), "a shorter trace exists");
    }

    /** The first violation of {@code invariant} within {@code depth} steps (-1: the model's own bound). */
    private static <S, A> Violation<S, A> firstViolationOf(Model<S, A> m, String invariant, int depth) {
        // Only the one invariant, stopping at its first violation: a seeded bug can make the rest of
        // the state space far larger than the sound one (duplicate PIDs multiply states).
        CheckOptions o = CheckOptions.defaults().quiet().withMaxDepth(depth);
        CheckResult<S, A> r = new Bfs<>(new SingleProperty<>(m, invariant), o, Progress.NONE).run();
        return r.violations().stream().filter(x -> x.property().equals(invariant)).findFirst().orElse(null);
    }
}
