package nscheck.model.kernel;

import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import nscheck.model.Reachable;
import nscheck.model.Reachable.Judgement;
import nscheck.model.Property;
import nscheck.model.Transition;
import nscheck.model.Verdict;
import nscheck.spec.state.Kernel;
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
 * it only vacuously. The rows whose walks take seconds are left to SeededBugsTest, but for
 * pidfd-stable's, whose one trace is followed here step by step.
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
     * D2: pidfd-basic's bug needs five steps over a large menu (seconds to walk); its trace, step by
     * step: T1 opens a pidfd of T2 (PID 3), T2 exits, init reaps it, T1 forks a child that gets
     * PID 3 again, T1 sends SIGKILL through the pidfd: the bug reaches the newcomer, mainline fails ESRCH.
     */
    @ParameterizedTest(name = "{0}: pidfd-stable {1}")
    @CsvSource({"seeded-pidfd-by-number, VIOLATED, = 0", "mainline, HOLDS, = -1 ESRCH"})
    void aPidfdOfAReapedProcessReachesItsNumbersNextHolderOnlyUnderTheBug(String variant, Verdict verdict, String seen) {
        KernelModel m = (KernelModel) ModelCatalog.find("pidfd-basic").build(Map.of(), variant);
        Kernel k = m.initialStates().get(0);
        String[][] trace = {{"1", "pidfd_open(3, 0)"}, {"2", "exit(0)"}, {"0", "waitpid(-1)"}, {"1", "clone(0)"}};
        for (String[] step : trace) k = only(m, k, Integer.parseInt(step[0]), step[1]).next();
        assertEquals(3, k.task(k.holderOf(Kernel.ROOT_NS, 3)).numberAtLevel(0), "PID 3 is taken again");
        Transition<Kernel, KernelStep> send = only(m, k, 1, "pidfd_send_signal(3, SIGKILL, NULL, 0)");
        assertEquals(seen, send.action().result().toString());
        Property.AlwaysStep<Kernel, KernelStep> stable = (Property.AlwaysStep<Kernel, KernelStep>) m.properties().get(0);
        assertEquals("pidfd-stable", stable.name());
        assertEquals(verdict, stable.check().check(k, send.action(), send.next()));
        // before the reap the pidfd still names T2's process: nothing to judge
        Kernel early = only(m, m.initialStates().get(0), 1, "pidfd_open(3, 0)").next();
        Transition<Kernel, KernelStep> live = only(m, early, 1, "pidfd_send_signal(3, 0, NULL, 0)");
        assertEquals(Verdict.VACUOUS, stable.check().check(early, live.action(), live.next()));
    }

    private static Transition<Kernel, KernelStep> only(KernelModel m, Kernel k, int actor, String call) {
        List<Transition<Kernel, KernelStep>> out = new java.util.ArrayList<>();
        m.successors(k, t -> { if (t.action().actor() == actor && t.action().call().toString().equals(call)) out.add(t); });
        assertEquals(1, out.size(), () -> "T" + actor + " " + call + " in " + k);
        return out.get(0);
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
