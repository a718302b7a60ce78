package nscheck.model.restore;

import nscheck.model.ModelCatalog;
import nscheck.model.ModelException;
import nscheck.model.TraceStep;
import nscheck.model.Transition;
import nscheck.spec.state.Kernel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static nscheck.model.restore.RestoreTransitions.first;
import static nscheck.model.restore.RestoreTransitions.model;
import static nscheck.model.restore.RestoreTransitions.successors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The target host's steps: its manager starts containers (up to the bound) and reaps them, each
 * container's root may stop it or try to choose its child's PIDs at every pair of levels, a task
 * with a fatal signal pending dies, and the image is restored once, by the manager, at any point.
 */
class RestoreStepsTest {
    private static List<String> families(RestoreModel m, RestoreState s) {
        return successors(m, s).stream().map(t -> t.action().actor() + ":" + m.family(t.action())).distinct().toList();
    }

    private static RestoreState after(RestoreModel m, RestoreState s, String family) {
        for (var t : successors(m, s)) if (t.action().family().equals(family)) return t.next();
        throw new AssertionError("no " + family + " from " + m.describeState(s));
    }

    @Test
    void fromTheStartTheManagerStartsAContainerReapsOrRestores() {
        RestoreModel m = model(Map.of(), null);
        RestoreState s = m.initialStates().get(0);
        assertEquals(List.of("1:start-container", "1:reap", "1:restore"), families(m, s));
        assertEquals(List.of("start-container", "stop-container", "reap", "choose-pid", "restore"), m.actionFamilies());
        assertEquals(0, m.maxDepth());
        assertEquals("restore-migration", m.name());
        assertEquals("mainline", m.variant());
        assertTrue(m.description().startsWith("Checkpoint a container"));
    }

    @Test
    void aContainersRootStopsItOrTriesEveryPairOfPids() {
        RestoreModel m = model(Map.of(), null);
        RestoreState started = after(m, m.initialStates().get(0), "start-container");
        assertEquals(1, started.starts());
        int root = successors(m, m.initialStates().get(0)).get(0).action().result().value() > 0 ? 2 : -1;
        List<Transition<RestoreState, RestoreStep>> steps = successors(m, started);
        long choices = steps.stream().filter(t -> t.action().family().equals("choose-pid")).count();
        assertEquals(6 * 6, choices, "host PID and container PID each in 1..pid_max-1");
        // (the manager's wait blocks while its container runs: no step)
        assertEquals(List.of("1:start-container", root + ":stop-container", root + ":choose-pid", "1:restore"), families(m, started));
        // the bound on started containers: two, then no more
        RestoreState two = after(m, started, "start-container");
        assertEquals(2, two.starts());
        assertFalse(families(m, two).contains("1:start-container"));
        RestoreModel three = model(Map.of("containers", 3), null), none = model(Map.of("containers", 0), null);
        assertTrue(families(three, after(three, started, "start-container")).contains("1:start-container"));
        assertFalse(families(none, none.initialStates().get(0)).contains("1:start-container"));
        // a container that stopped is the manager's to reap, and its root chooses nothing more
        RestoreState stopped = after(m, started, "stop-container");
        assertFalse(families(m, stopped).contains(root + ":choose-pid"));
    }

    @Test
    void theImageIsRestoredOnceAndTheRestoredInitIsNoContainerOfTheManagers() {
        RestoreModel m = model(Map.of(), null);
        RestoreState restored = after(m, m.initialStates().get(0), "restore");
        assertEquals(RestoreState.RESTORED, restored.restore());
        assertTrue(restored.restoredInit() > 0);
        List<String> f = families(m, restored);
        assertFalse(f.contains("1:restore"));
        assertFalse(f.stream().anyMatch(x -> x.equals(restored.restoredInit() + ":stop-container") || x.equals(restored.restoredInit() + ":choose-pid")), f.toString());
        assertTrue(m.describeState(restored).endsWith("; restored"));
        assertFalse(m.describeState(m.initialStates().get(0)).contains("restore"));
        RestoreStep step = successors(m, m.initialStates().get(0)).stream().filter(t -> t.action().family().equals("restore")).findFirst().orElseThrow().action();
        assertTrue(step.room());
        TraceStep d = m.describe(m.initialStates().get(0), step, restored);
        assertEquals("T1", d.actor());
        assertEquals("restore", d.call());
        assertTrue(d.text().startsWith("restore([1], "), d.text());
        assertTrue(d.observation().startsWith("= restored as T"), d.observation());
    }

    @Test
    void aRestoreThatFailsSaysWhereAndIsNotTriedAgain() {
        // five task slots: the root init, the manager, a container started, and no room for the image's three tasks
        RestoreModel m = model(Map.of("tasks", 5), null);
        RestoreState full = after(m, m.initialStates().get(0), "start-container");
        Transition<RestoreState, RestoreStep> restore = successors(m, full).stream()
                .filter(t -> t.action().family().equals("restore")).findFirst().orElseThrow();
        assertFalse(restore.action().room());
        assertFalse(restore.action().restore().ok());
        assertEquals(RestoreState.FAILED, restore.next().restore());
        assertEquals(-1, restore.next().restoredInit());
        assertTrue(m.describeState(restore.next()).endsWith("; restore failed"));
        assertTrue(m.describe(full, restore.action(), restore.next()).observation().contains(", cleaned up"));
        assertFalse(families(m, restore.next()).contains("1:restore"));
    }

    @Test
    void aCallStepReadsAsTheCallAndItsResult() {
        RestoreModel m = model(Map.of(), null);
        RestoreState s = m.initialStates().get(0);
        Transition<RestoreState, RestoreStep> start = successors(m, s).get(0);
        TraceStep d = m.describe(s, start.action(), start.next());
        assertEquals(new TraceStep("T1", "NSpid 2", "start-container", Map.of(), start.action().call().toString(), start.action().result().toString()), d);
        assertEquals(start.action().result(), RestoreModel.result(start.action()));
        assertNotEquals(m.fingerprint(s), m.fingerprint(start.next()));
        assertEquals(m.fingerprint(s), m.fingerprint(m.initialStates().get(0)));
    }

    @Test
    void boundsOutsideTheirRangesAreRefused() {
        assertThrows(ModelException.class, () -> model(Map.of("tasks", 4), null));
        assertThrows(ModelException.class, () -> model(Map.of("tasks", 11), null));
        assertThrows(ModelException.class, () -> model(Map.of("pid_max", 4), null));
        assertThrows(ModelException.class, () -> model(Map.of("pid_max", 13), null));
        assertThrows(ModelException.class, () -> model(Map.of("containers", 4), null));
        assertEquals(Map.of("tasks", 7, "pid_max", 7, "containers", 2, "steps", 0), model(Map.of(), null).bounds());
        assertEquals("mainline", RestoreModelSource.migration().defaultVariant());
        assertEquals(9, RestoreModelSource.migration().invariants().size());
        assertThrows(ModelException.class, () -> RestoreInvariants.named("no-such", model(Map.of(), null)));
    }
}
