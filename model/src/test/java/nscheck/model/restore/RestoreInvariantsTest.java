package nscheck.model.restore;

import nscheck.model.ModelCatalog;
import nscheck.model.Property;
import nscheck.model.Transition;
import nscheck.model.Verdict;
import nscheck.spec.call.Errno;
import nscheck.spec.call.Outcome;
import nscheck.spec.call.Syscall;
import nscheck.spec.restore.Checkpoint;
import nscheck.spec.restore.Restore;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.NsNames;
import nscheck.spec.state.PidNamespace;
import nscheck.spec.state.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static nscheck.model.restore.RestoreTransitions.first;
import static nscheck.model.restore.RestoreTransitions.model;
import static nscheck.model.restore.RestoreTransitions.successors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each migration invariant judged on single steps whose answer follows from the invariant's
 * statement: a restore that gives one task another number at one level, another nesting depth, or
 * a futex word naming another owner breaks pids-preserved-on-restore; a failed restore that left
 * the target different in anything but its allocation cursors breaks restore-fails-cleanly; and a
 * step outside an invariant's premise says nothing (vacuous) rather than holding.
 */
class RestoreInvariantsTest {
    private static Verdict judge(RestoreModel m, String invariant, RestoreState pre, RestoreStep step, RestoreState post) {
        for (Property<RestoreState, RestoreStep> p : m.properties())
            if (p.name().equals(invariant)) return ((Property.AlwaysStep<RestoreState, RestoreStep>) p).check().check(pre, step, post);
        throw new AssertionError("no invariant " + invariant);
    }

    private static Verdict judge(RestoreModel m, String invariant, Transition<RestoreState, RestoreStep> t, RestoreState pre) {
        return judge(m, invariant, pre, t.action(), t.next());
    }

    private static Verdict judgeState(RestoreModel m, String invariant, RestoreState s) {
        for (Property<RestoreState, RestoreStep> p : m.properties())
            if (p.name().equals(invariant)) return ((Property.Always<RestoreState, RestoreStep>) p).check().check(s);
        throw new AssertionError("no invariant " + invariant);
    }

    // ---- pids-preserved-on-restore ---------------------------------------------------------

    /** The image restored by the manager onto {@code s}'s target, as if the image had been {@code image}: a restore that went wrong in one known way. */
    private static Verdict pidsPreservedAfterRestoring(RestoreModel m, RestoreState s, Checkpoint image) {
        Restore.Result r = Restore.run(m.semantics(), s.target(), RestoreModel.MANAGER, image);
        assertTrue(r.ok(), "the altered image restores: " + r.errno());
        RestoreState post = new RestoreState(r.kernel(), s.freed(), s.starts(), RestoreState.RESTORED, r.slots()[0]);
        return judge(m, "pids-preserved-on-restore", s, new RestoreStep(RestoreModel.MANAGER, "restore", null, null, r, true), post);
    }

    private static Checkpoint withTask(Checkpoint image, int i, Checkpoint.Entry e) {
        List<Checkpoint.Entry> tasks = new ArrayList<>(image.tasks());
        tasks.set(i, e);
        return new Checkpoint(tasks, image.words(), image.nsIds());
    }

    @Test
    void theImageTheModelRestoresIsTheContainerSeenFromInside() {
        Checkpoint image = model(Map.of(), null).image();
        // C (init of the container), E (init of a nested one: 2 in C's namespace, 1 in its own), D (3), and D's PI futex word
        assertEquals(List.of(new Checkpoint.Entry(-1, true, 0, List.of(1)), new Checkpoint.Entry(0, true, 1, List.of(2, 1)),
                new Checkpoint.Entry(0, false, 0, List.of(3))), image.tasks());
        assertEquals(List.of(new Checkpoint.Word(3, 2)), image.words());
    }

    @Test
    void aRestoreThatKeepsEveryNumberKeepsThePids() {
        RestoreModel m = model(Map.of(), null);
        RestoreState s = m.initialStates().get(0);
        assertEquals(Verdict.HOLDS, pidsPreservedAfterRestoring(m, s, m.image()));
        assertEquals(Verdict.HOLDS, judge(m, "pids-preserved-on-restore", first(m, s, "restore"), s));
    }

    @Test
    void aNestedTaskGivenAnotherNumberInTheContainerBreaksPidsPreserved() {
        RestoreModel m = model(Map.of(), null);
        // E restored as 4 in the container's namespace (1 in its own, as before): one level of two wrong
        Checkpoint moved = withTask(m.image(), 1, new Checkpoint.Entry(0, true, 1, List.of(4, 1)));
        assertEquals(Verdict.VIOLATED, pidsPreservedAfterRestoring(m, m.initialStates().get(0), moved));
        // D restored as 5: its only level wrong
        Checkpoint d = withTask(m.image(), 2, new Checkpoint.Entry(0, false, 0, List.of(5)));
        assertEquals(Verdict.VIOLATED, pidsPreservedAfterRestoring(m, m.initialStates().get(0), d));
    }

    @Test
    void aTaskRestoredAtAnotherDepthBreaksPidsPreserved() {
        RestoreModel m = model(Map.of(), null);
        // E restored as 2 in the container but without its own namespace: the right outer number, one level short
        Checkpoint flat = withTask(m.image(), 1, new Checkpoint.Entry(0, false, 0, List.of(2)));
        assertEquals(Verdict.VIOLATED, pidsPreservedAfterRestoring(m, m.initialStates().get(0), flat));
    }

    @Test
    void aFutexWordNamingAnotherTaskBreaksPidsPreserved() {
        RestoreModel m = model(Map.of(), null);
        // every number right, but the PI futex word holds TID 1 (the container's init) where D (3) owned it
        Checkpoint image = m.image();
        Checkpoint word = new Checkpoint(image.tasks(), List.of(new Checkpoint.Word(1, 2)), image.nsIds());
        assertEquals(Verdict.VIOLATED, pidsPreservedAfterRestoring(m, m.initialStates().get(0), word));
    }

    @Test
    void underAGlobalFutexLookupTheRestoredWordNamesTheHostsTask() {
        // seeded-global-lookup reads a TID as a host PID: on the source D's word (TID 3) named C, host PID 3.
        RestoreModel m = model(Map.of(), "seeded-global-lookup");
        assertEquals(new Checkpoint.Word(3, 0), m.image().words().get(0));
        RestoreState s = m.initialStates().get(0);
        // onto an empty target C gets host PID 3 again: the word still names it
        assertEquals(Verdict.HOLDS, judge(m, "pids-preserved-on-restore", first(m, s, "restore"), s));
        // once a container holds host PID 3, the restored word names that container's root instead
        RestoreState started = first(m, s, "start-container").next();
        assertEquals(Verdict.VIOLATED, judge(m, "pids-preserved-on-restore", first(m, started, "restore"), started));
    }

    @Test
    void aCallOrARestoreWithoutRoomSaysNothingAboutPids() {
        RestoreModel m = model(Map.of(), null);
        RestoreState s = m.initialStates().get(0);
        assertEquals(Verdict.VACUOUS, judge(m, "pids-preserved-on-restore", first(m, s, "start-container"), s));
        RestoreModel small = model(Map.of("tasks", 5), null);
        RestoreState full = first(small, small.initialStates().get(0), "start-container").next();
        Transition<RestoreState, RestoreStep> noRoom = first(small, full, "restore");
        assertFalse(noRoom.action().room());
        assertEquals(Verdict.VACUOUS, judge(small, "pids-preserved-on-restore", noRoom, full));
    }

    // ---- restore-fails-cleanly --------------------------------------------------------------

    private static Verdict failsCleanly(RestoreModel m, Kernel before, Kernel after) {
        Restore.Result failed = new Restore.Result(after, Errno.EAGAIN, new int[] {-1, -1, -1}, 0, 0);
        RestoreState pre = new RestoreState(before, FreedNames.NONE, 1, RestoreState.NOT_YET, -1);
        RestoreState post = new RestoreState(after, FreedNames.NONE, 1, RestoreState.FAILED, -1);
        return judge(m, "restore-fails-cleanly", pre, new RestoreStep(RestoreModel.MANAGER, "restore", null, null, failed, false), post);
    }

    @Test
    void aFailedRestoreThatMovedOnlyCursorsFailsCleanly() {
        RestoreModel small = model(Map.of("tasks", 5), null);
        RestoreState full = first(small, small.initialStates().get(0), "start-container").next();
        Transition<RestoreState, RestoreStep> failed = first(small, full, "restore");
        assertFalse(failed.action().restore().ok());
        assertEquals(Verdict.HOLDS, judge(small, "restore-fails-cleanly", failed, full));

        Kernel k = full.target();
        int container = k.nsSlots() - 1;
        assertEquals(Verdict.HOLDS, failsCleanly(small, k, k));
        assertEquals(Verdict.HOLDS, failsCleanly(small, k, k.withNamespace(Kernel.ROOT_NS, k.ns(Kernel.ROOT_NS).withCursor(6))));
        assertEquals(Verdict.HOLDS, failsCleanly(small, k, k.withNamespace(container, k.ns(container).withCursor(5))));
    }

    @Test
    void aFailedRestoreThatLeftAnythingElseBehindIsNotClean() {
        RestoreModel small = model(Map.of("tasks", 5), null);
        Kernel k = first(small, small.initialStates().get(0), "start-container").next().target();
        int container = 2, free = k.freeTaskSlot();
        assertNotNull(k.task(container));
        assertNull(k.task(free));
        Task made = k.task(container).withParent(container);
        // a task left behind in a slot that was free
        assertEquals(Verdict.VIOLATED, failsCleanly(small, k, k.withTask(free, made)));
        // a task of the target gone, or changed
        assertEquals(Verdict.VIOLATED, failsCleanly(small, k, k.withTask(container, null)));
        assertEquals(Verdict.VIOLATED, failsCleanly(small, k, k.withTask(container, made)));
        // a namespace left behind, gone, or changed in more than its cursor
        int ns = k.nsSlots() - 1;
        PidNamespace extra = PidNamespace.fresh(ns, k.ns(ns).level() + 1, k.ns(ns).pidMax(), k.ns(ns).userNs());
        assertEquals(Verdict.VIOLATED, failsCleanly(small, k, k.addNamespace(extra)));
        assertEquals(Verdict.VIOLATED, failsCleanly(small, k.addNamespace(extra), k));
        assertEquals(Verdict.VIOLATED, failsCleanly(small, k, k.withNamespace(ns, null)));
        assertEquals(Verdict.VIOLATED, failsCleanly(small, k.withNamespace(ns, null), k));
        assertEquals(Verdict.VIOLATED, failsCleanly(small, k, k.withNamespace(ns, k.ns(ns).withChildReaper(-1))));
        assertEquals(Verdict.VIOLATED, failsCleanly(small, k, k.withNamespace(ns, k.ns(ns).closed().withCursor(3))));
        // a futex word changed
        assertEquals(Verdict.VIOLATED, failsCleanly(small, k, k.withWord(0, 7)));
    }

    @Test
    void aCallOrASuccessfulRestoreSaysNothingAboutCleanFailure() {
        RestoreModel m = model(Map.of(), null);
        RestoreState s = m.initialStates().get(0);
        assertEquals(Verdict.VACUOUS, judge(m, "restore-fails-cleanly", first(m, s, "start-container"), s));
        assertEquals(Verdict.VACUOUS, judge(m, "restore-fails-cleanly", first(m, s, "restore"), s));
    }

    // ---- ns-id-stable and ns-id-survives-migration -------------------------------------------

    @Test
    void nsIdStableSaysSomethingOnlyOnceANamespaceIsLiveAndAnotherFreed() {
        RestoreModel m = model(Map.of(), null);
        RestoreState s = m.initialStates().get(0);
        assertEquals(Verdict.VACUOUS, judgeState(m, "ns-id-stable", s));
        // a container's namespaces live, none freed yet
        RestoreState started = first(m, s, "start-container").next();
        assertEquals(0, started.freed().names().length);
        assertEquals(Verdict.VACUOUS, judgeState(m, "ns-id-stable", started));
        // freed, none live
        RestoreState reaped = first(m, first(m, started, "stop-container").next(), "reap").next();
        assertTrue(reaped.freed().names().length > 0);
        assertEquals(Verdict.VACUOUS, judgeState(m, "ns-id-stable", reaped));
        // a second container under fresh ids after the first one's were freed
        assertEquals(Verdict.HOLDS, judgeState(m, "ns-id-stable", first(m, reaped, "start-container").next()));
    }

    @Test
    void nsIdSurvivesSaysNothingAboutACallOrAFailedRestore() {
        RestoreModel m = model(Map.of(), "proc-inode");
        RestoreState s = m.initialStates().get(0);
        assertEquals(Verdict.VACUOUS, judge(m, "ns-id-survives-migration", first(m, s, "start-container"), s));
        assertEquals(Verdict.HOLDS, judge(m, "ns-id-survives-migration", first(m, s, "restore"), s));
        RestoreModel small = model(Map.of("tasks", 5), null);
        RestoreState full = first(small, small.initialStates().get(0), "start-container").next();
        assertEquals(Verdict.VACUOUS, judge(small, "ns-id-survives-migration", first(small, full, "restore"), full));
    }

    /**
     * The source named a namespace before the container's (its manager's IPC namespace), so on an
     * idle target the checkpointed inode numbers are free but not the lowest: proc-inode's restorer
     * asks for them as it makes the namespaces and gets them (lowest-free allocation alone would
     * give the outer namespace the first number); once a container on the target holds them the
     * request is refused. Mainline's ids cannot be asked for, and the source's counter had moved on.
     */
    @Test
    void aRestorerThatMayAskForANameGetsItWhereItIsFree() {
        RestoreModel m = model(Map.of(), "proc-inode");
        RestoreState idle = m.initialStates().get(0);
        List<Long> asked = m.image().nsIds();
        assertTrue(asked.get(0) > NsNames.DYNAMIC_FIRST, "not the number an idle target hands out first: " + asked);
        Transition<RestoreState, RestoreStep> restore = first(m, idle, "restore");
        Kernel k = restore.next().target();
        for (int i : new int[] {0, 2})
            assertEquals(asked.get(m.image().tasks().get(i).nsIndex()), k.names().ino(NsNames.PID, k.task(restore.action().restore().slots()[i]).activeNs()));
        assertEquals(Verdict.HOLDS, judge(m, "ns-id-survives-migration", restore, idle));
        RestoreState busy = first(m, idle, "start-container").next();
        assertEquals(Verdict.VIOLATED, judge(m, "ns-id-survives-migration", first(m, busy, "restore"), busy));
        RestoreModel mainline = model(Map.of(), "mainline");
        RestoreState s = mainline.initialStates().get(0);
        assertEquals(Verdict.VIOLATED, judge(mainline, "ns-id-survives-migration", first(mainline, s, "restore"), s));
    }

    // ---- no-unprivileged-pid-choice ----------------------------------------------------------

    @Test
    void onlyAChoosePidCallThatChoseANumberIsJudged() {
        RestoreModel m = model(Map.of(), "clone-with-pids-2009");
        RestoreState s = m.initialStates().get(0);
        String inv = "no-unprivileged-pid-choice";
        // the restore and the manager's calls choose nothing; a reap with no child fails and still chose nothing
        assertEquals(Verdict.VACUOUS, judge(m, inv, first(m, s, "restore"), s));
        assertEquals(Verdict.VACUOUS, judge(m, inv, first(m, s, "start-container"), s));
        Transition<RestoreState, RestoreStep> reap = first(m, s, "reap");
        assertTrue(reap.action().result().failed());
        assertEquals(Verdict.VACUOUS, judge(m, inv, reap, s));
        // a container's root that asks for no number at any level chose nothing, though its clone succeeded
        RestoreState started = first(m, s, "start-container").next();
        int root = first(m, s, "start-container").action().result().about();
        Syscall none = new Syscall.CloneWithPids(0, List.of(0, 0));
        Outcome o = m.semantics().step(started.target(), root, none).get(0);
        assertFalse(o.observation().failed());
        RestoreState post = new RestoreState(o.next(), started.freed(), started.starts(), started.restore(), started.restoredInit());
        assertEquals(Verdict.VACUOUS, judge(m, inv, started, new RestoreStep(root, "choose-pid", none, o.observation(), null, false), post));
        // and one that chose the host's numbers without the privilege breaks it
        assertTrue(successors(m, started).stream().filter(t -> t.action().family().equals("choose-pid") && !t.action().result().failed())
                .anyMatch(t -> judge(m, inv, t, started) == Verdict.VIOLATED));
    }
}
