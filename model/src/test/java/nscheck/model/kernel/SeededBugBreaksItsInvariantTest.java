package nscheck.model.kernel;

import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import nscheck.model.Reachable;
import nscheck.model.Reachable.Judgement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kernel-model invariant can fail and holds where it should: within the few steps its seeded
 * bug needs (checkers' SeededBugsTest proves them shortest over the whole model), the bug breaks
 * it first at exactly that step, while mainline, over the same states, keeps it and does not keep
 * it only vacuously. The rows whose walks take seconds are left to SeededBugsTest.
 */
class SeededBugBreaksItsInvariantTest {

    @ParameterizedTest(name = "{1} breaks {2} of {0} in {3} steps")
    @CsvSource({
            "pidns-basic,      seeded-no-in-use-check,     pid-unique,                 2",
            "pidns-init-death, seeded-flat-levels,         pid-visibility,             2",
            "pidns-init-death, seeded-global-lookup,       pid-round-trip,             1",
            "pidns-init-death, seeded-leaky-translate,     isolation,                  2",
            "pidns-init-death, seeded-shallow-zap,         init-kills-namespace,       3",
            "pidns-init-death, seeded-global-reaper,       orphan-reaper,              4",
            "signals-siginfo,  seeded-leaky-siginfo,       reported-pid,               4",
            "signals-siginfo,  seeded-global-lookup,       reported-pid-reaches,       4",
            "ipc-msg,          seeded-raw-stored-pid,      reported-pid,               4",
            "ipc-sem,          seeded-raw-stored-pid,      reported-pid-reaches,       4",
            "ipc-sem,          seeded-undo-crosses-ipcns,  undo-own-namespace,         3",
            "ipc-shm,          seeded-raw-stored-pid,      reported-pid,               3",
            "unix-creds,       seeded-raw-stored-pid,      reported-pid,               3",
            "unix-creds,       seeded-peercred-frozen,     reported-pid,               3",
            "userns-nproc,     seeded-stuck-nproc,         nproc-exact,                1",
            "userns-ids,       seeded-raw-uids,            uid-mapping,                4",
            "userns-ids,       seeded-overflow-uids,       uid-mapping,                3",
            "socket-uids,      seeded-raw-uids,            uid-mapping,                3",
            "caps-pid-choice,  seeded-ns-last-pid-nocap,   no-unprivileged-pid-choice, 2",
            "async-io-owner,   seeded-fown-global,         reported-pid,               3",
            "async-io-owner,   seeded-sigio-writer-pid,    reported-pid,               3",
            "nsfs-files,       seeded-ns-parent-unchecked, ns-file-scope,              3",
            "nsfs-names,       seeded-ns-inum-freed-early, ns-names-unique,            3",
            "signals-forged,   seeded-forged-pid-kept,     reported-pid,               4",
            "kthreads-host,    seeded-kthread-killable,    kernel-threads-live,        1",
            "sessions,         seeded-raw-stored-pid,      reported-pid,               2",
            "wait-status,      seeded-raw-waitid-pid,      reported-pid,               7",
            "proc-views,       seeded-proc-self-global,    reported-pid,               3",
            "proc-views,       seeded-nspid-reader-level,  reported-pid,               2",
    })
    void theBugBreaksItFirstAtThatStepAndMainlineKeepsIt(String model, String bug, String invariant, int steps) {
        assertBreaks(ModelCatalog.find(model), bug, invariant, steps);
    }

    /**
     * D2: pidfd-basic's bug needs five steps over a large menu (seconds); the same trace in a menu of
     * just its calls: T1 opens a pidfd of T2, T2 exits, init reaps it, T1 forks a child that gets
     * T2's number, T1 signals through the pidfd.
     */
    @ParameterizedTest(name = "seeded-pidfd-by-number breaks pidfd-stable in 5 steps")
    @CsvSource("5")
    void aPidfdOfAReapedProcessReachesItsNumbersNextHolderOnlyUnderTheBug(int steps) {
        ModelDefinition def = new ModelDefinition(ModelDefinition.FORMAT, "pidfd-reuse", null, null,
                Map.of("tasks", 3, "depth", 1, "pid_max", 4, "initial_tasks", 2),
                List.of("clone", "pidfd-open", "pidfd-send-signal", "exit"), List.of("wait"), List.of("pidfd-stable"));
        assertBreaks(new KernelModelSource(def), "seeded-pidfd-by-number", "pidfd-stable", steps);
    }

    private static void assertBreaks(nscheck.model.ModelSource source, String bug, String invariant, int steps) {
        Model<?, ?> buggy = source.build(Map.of(), bug);
        Judgement broken = Reachable.judge(buggy, steps).get(invariant);
        assertEquals(steps, broken.firstViolation(), bug + " must break " + invariant + " first after " + steps + " steps");
        Judgement kept = Reachable.judge(source.build(Map.of(), "mainline"), steps).get(invariant);
        assertFalse(kept.violated(), "mainline breaks " + invariant + " after " + kept.firstViolation() + " steps");
        assertTrue(kept.held() > 0, invariant + " only ever vacuous under mainline");
    }
}
