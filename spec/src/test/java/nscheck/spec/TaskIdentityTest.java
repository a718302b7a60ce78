package nscheck.spec;

import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.RobustList;
import nscheck.spec.state.Task;
import nscheck.spec.state.TaskState;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A task's identity is every field the rules read: its numbers at each level, parent, state,
 * namespace for children, pending fatal signal, group leader, subreaper flag, robust list, exit
 * code, /proc namespace and job-control flags. Two states whose one task differs in a single
 * field differ in equality and fingerprint; a task needs one number per level, at least one; and
 * the text a trace prints names what differs from a plain running task.
 */
class TaskIdentityTest {
    private static Map<String, Task> oneFieldAway(Task base) {
        Map<String, Task> m = new LinkedHashMap<>();
        m.put("base", base);
        m.put("number", new Task(new int[] {0}, new int[] {5}, base.parent, base.state, base.nsForChildren, base.subreaper, base.pendingSignal));
        m.put("another level", new Task(new int[] {0, 1}, new int[] {2, 1}, base.parent, base.state, base.nsForChildren, base.subreaper, base.pendingSignal));
        m.put("parent", base.withParent(base.parent + 1));
        m.put("state", base.withState(TaskState.ZOMBIE));
        m.put("exiting", base.withState(TaskState.EXITING));
        m.put("nsForChildren", base.withNsForChildren(base.nsForChildren + 1));
        m.put("subreaper", base.withSubreaper(!base.subreaper));
        m.put("pending", base.withPendingSignal(Signals.SIGKILL));
        m.put("leader", new Task(new int[] {0}, new int[] {2}, base.parent, base.state, base.nsForChildren, base.subreaper, base.pendingSignal,
                3, base.robustList));
        m.put("robust list", base.withRobustList(base.robustList.add(0, false)));
        m.put("exit code", base.withExitCode(base.exitCode + 1));
        m.put("procNs", base.withProcNs(base.procNs + 1));
        m.put("jobctl", base.withJobctl(base.jobctl ^ Task.STOPPED));
        return m;
    }

    private static void allDistinct(Kernel k, Map<String, Task> tasks) {
        List<String> names = new ArrayList<>(tasks.keySet());
        List<Kernel> states = new ArrayList<>();
        for (Task t : tasks.values()) states.add(k.withTask(1, t));
        for (int i = 0; i < states.size(); i++)
            for (int j = i + 1; j < states.size(); j++) {
                String what = names.get(i) + " / " + names.get(j);
                assertNotEquals(states.get(i), states.get(j), what);
                assertNotEquals(states.get(i).fingerprint(), states.get(j).fingerprint(), what + ": same fingerprint");
            }
    }

    private static Kernel forked() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, new Syscall.Clone(0));
        return r.k;
    }

    @Test
    void everyFieldOfAPlainTaskCounts() {
        Kernel k = forked();
        allDistinct(k, oneFieldAway(k.task(1)));
    }

    @Test
    void everyFieldOfAnotherTaskCounts() {
        Kernel k = forked();
        Task other = k.task(1).withExitCode(3).withJobctl(Task.STOP_UNREPORTED).withSubreaper(true).withRobustList(RobustList.EMPTY.add(1, true));
        allDistinct(k, oneFieldAway(other));
    }

    @Test
    void equalTasksAreEqualHoweverMade() {
        Kernel k = forked();
        Task a = k.task(1).withSubreaper(true).withExitCode(2);
        Task b = k.task(1).withExitCode(2).withSubreaper(true);
        k.withTask(1, a).fingerprint(); // a's digest known, b's not
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(k.withTask(1, a).fingerprint(), k.withTask(1, b).fingerprint());
        Task c = k.task(1).withSubreaper(true);
        k.withTask(1, c).fingerprint();
        assertNotEquals(a, c, "both digests known and different");
    }

    @Test
    void aTaskHasOneNumberPerLevel() {
        assertThrows(IllegalArgumentException.class, () -> new Task(new int[0], new int[0], 0, TaskState.RUNNING, 0, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new Task(new int[] {0, 1}, new int[] {2}, 0, TaskState.RUNNING, 0, false, 0));
    }

    @Test
    void aTaskPrintsWhatSetsItApart() {
        Task plain = forked().task(1);
        assertEquals("[2]", plain.toString());
        assertEquals("[2] zombie", plain.withState(TaskState.ZOMBIE).toString());
        assertEquals("[2] stopped +SIGKILL subreaper", plain.withJobctl(Task.STOPPED).withPendingSignal(Signals.SIGKILL).withSubreaper(true).toString());
        assertEquals("[2] /proc of ns1", plain.withProcNs(1).toString());
        Task thread = new Task(new int[] {0}, new int[] {3}, 0, TaskState.RUNNING, 0, false, 0, 1, RobustList.EMPTY);
        assertEquals("[3] thread of T1", thread.toString());
        assertEquals("[3] thread of T0", new Task(new int[] {0}, new int[] {3}, 0, TaskState.RUNNING, 0, false, 0, 0, RobustList.EMPTY).toString());
        assertEquals("[2] " + RobustList.EMPTY.add(0, false), plain.withRobustList(RobustList.EMPTY.add(0, false)).toString());
    }
}
