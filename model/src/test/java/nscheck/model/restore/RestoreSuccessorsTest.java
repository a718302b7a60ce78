package nscheck.model.restore;

import nscheck.model.ModelCatalog;
import nscheck.model.ModelException;
import nscheck.model.Transition;
import nscheck.spec.call.Errno;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static nscheck.model.restore.RestoreTransitions.first;
import static nscheck.model.restore.RestoreTransitions.model;
import static nscheck.model.restore.RestoreTransitions.successors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The target host's answers on small states worked out by hand: whether there is room for the
 * image's three tasks (a free slot and a free host PID each), a start that fails is no start, the
 * tasks a dying container's init killed die, and the bounds the model is built with.
 */
class RestoreSuccessorsTest {
    /** After the manager started {@code n} containers: whether the restore found room. */
    private static boolean roomAfterStarts(int tasks, int pidMax, int n) {
        RestoreModel m = model(Map.of("tasks", tasks, "pid_max", pidMax, "containers", Math.max(n, 2)), null);
        RestoreState s = m.initialStates().get(0);
        for (int i = 0; i < n; i++) s = first(m, s, "start-container").next();
        return first(m, s, "restore").action().room();
    }

    @Test
    void thereIsRoomWhenExactlyAsManySlotsAndHostPidsAreFreeAsTheImageHasTasks() {
        // slots: root init, manager and two containers of 7 leave 3; host PIDs 1..4 of 1..11 taken leave 7
        assertTrue(roomAfterStarts(7, 12, 2));
        assertFalse(roomAfterStarts(6, 12, 2));
        // host PIDs: 1..5 of pid_max 6, the root init's and the manager's taken, leave 3; slots 8 of 10
        assertTrue(roomAfterStarts(10, 6, 0));
        assertFalse(roomAfterStarts(10, 6, 1));
        // both exactly three
        assertTrue(roomAfterStarts(7, 8, 2));
    }

    @Test
    void aStartThatFailsIsNoStart() {
        // five slots: the restored container fills the three the root init and the manager left
        RestoreModel m = model(Map.of("tasks", 5), null);
        RestoreState restored = first(m, m.initialStates().get(0), "restore").next();
        assertEquals(RestoreState.RESTORED, restored.restore());
        Transition<RestoreState, RestoreStep> start = first(m, restored, "start-container");
        assertEquals(Errno.EAGAIN, start.action().result().errno());
        assertEquals(0, start.next().starts());
        assertTrue(successors(m, start.next()).stream().anyMatch(t -> t.action().family().equals("start-container")));
    }

    @Test
    void theTasksADyingContainerInitKilledDie() {
        // clone-with-pids-2009 lets the container's root choose its child's PIDs: the child is in the container
        RestoreModel m = model(Map.of(), "clone-with-pids-2009");
        Transition<RestoreState, RestoreStep> start = first(m, m.initialStates().get(0), "start-container");
        int root = start.action().result().about();
        RestoreState started = start.next();
        assertFalse(successors(m, started).stream().anyMatch(t -> t.action().family().equals("signal-delivery")));
        Transition<RestoreState, RestoreStep> chose = successors(m, started).stream()
                .filter(t -> t.action().family().equals("choose-pid") && !t.action().result().failed()).findFirst().orElseThrow();
        int child = chose.action().result().about();
        RestoreState stopped = first(m, chose.next(), "stop-container").next();
        // zap_pid_ns_processes: the init's exit sent SIGKILL to the child, which alone has a step for it
        List<String> deliveries = successors(m, stopped).stream().filter(t -> t.action().family().equals("signal-delivery"))
                .map(t -> String.valueOf(t.action().actor())).toList();
        assertEquals(List.of(String.valueOf(child)), deliveries);
        RestoreState dead = first(m, stopped, "signal-delivery").next();
        assertTrue(dead.target().task(child) == null || !dead.target().task(child).alive());
        assertTrue(successors(m, dead).stream().noneMatch(t -> t.action().family().equals("signal-delivery")));
        assertTrue(root != child);
    }

    @Test
    void theBoundsAreTheModelsOwn() {
        assertEquals(Map.of("tasks", 7, "pid_max", 7, "containers", 2, "steps", 0), RestoreModelSource.migration().defaultBounds());
        assertEquals(4, model(Map.of("steps", 4), null).maxDepth());
        // the source host needs host PIDs 1..5 (root init, manager, C, E, D): pid_max 5 leaves four,
        // refused with the range like any bound out of it, not by a setup call failing
        ModelException e = assertThrows(ModelException.class, () -> model(Map.of("pid_max", 5), null));
        assertEquals("bound pid_max must be within 6..12", e.getMessage());
        assertEquals(6, model(Map.of("pid_max", 6), null).bounds().get("pid_max"), "the smallest that builds");
    }
}
