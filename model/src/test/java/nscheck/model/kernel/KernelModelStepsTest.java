package nscheck.model.kernel;

import nscheck.model.ModelCatalog;
import nscheck.model.TraceStep;
import nscheck.model.Transition;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Kernel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may do what in a kernel model: every running task any call of its menu, the root init its
 * own menu, a task with a fatal signal pending only its death, a dead task nothing; a model with
 * futex calls maps one shared word and lets a woken call return first.
 */
class KernelModelStepsTest {

    private static KernelModel model(List<String> calls, List<String> initCalls, Map<String, Integer> bounds) {
        ModelDefinition def = new ModelDefinition(ModelDefinition.FORMAT, "steps", "a test model", null, bounds, calls, initCalls, null);
        return (KernelModel) new KernelModelSource(def).build(Map.of(), null);
    }

    private static KernelModel model(List<String> calls, List<String> initCalls) {
        return model(calls, initCalls, null);
    }

    private static List<Transition<Kernel, KernelStep>> successors(KernelModel m, Kernel k) {
        List<Transition<Kernel, KernelStep>> out = new ArrayList<>();
        m.successors(k, out::add);
        return out;
    }

    /** actor:family of every step, in the order the model offers them. */
    private static List<String> steps(KernelModel m, Kernel k) {
        return successors(m, k).stream().map(t -> t.action().actor() + ":" + m.family(t.action())).toList();
    }

    private static Kernel after(KernelModel m, Kernel k, int actor, String call) {
        for (Transition<Kernel, KernelStep> t : successors(m, k))
            if (t.action().actor() == actor && t.action().call().toString().equals(call)) return t.next();
        throw new AssertionError("T" + actor + " cannot make " + call + " in " + k);
    }

    private static KernelStep step(KernelModel m, Kernel k, int actor, String call) {
        for (Transition<Kernel, KernelStep> t : successors(m, k))
            if (t.action().actor() == actor && t.action().call().toString().equals(call)) return t.action();
        throw new AssertionError("T" + actor + " cannot make " + call + " in " + k);
    }

    @Test
    void theRootInitRunsItsOwnMenuAndTheOtherTasksTheModels() {
        KernelModel m = model(List.of("getppid", "clone"), List.of("getpid"));
        Kernel k = m.initialStates().get(0);
        assertEquals(List.of("0:getpid", "1:getppid", "1:clone"), steps(m, k));
        Kernel two = after(m, k, 1, "clone(0)");
        assertEquals(List.of("0:getpid", "1:getppid", "1:clone", "2:getppid", "2:clone"), steps(m, two));
    }

    @Test
    void aTaskWithAFatalSignalPendingMayOnlyDieAndADeadTaskDoesNothing() {
        KernelModel m = model(List.of("getpid", "kill", "exit"), List.of("getpid"));
        Kernel k = m.initialStates().get(0);
        Kernel killed = after(m, k, 1, "kill(2, SIGKILL)");
        assertNotEquals(0, killed.task(1).pendingSignal);
        assertEquals(List.of("0:getpid", "1:signal-delivery"), steps(m, killed));
        Kernel zombie = after(m, k, 1, "exit(0)");
        assertFalse(zombie.task(1).alive());
        assertEquals(List.of("0:getpid"), steps(m, zombie));
    }

    @Test
    void aStepNamesItsActorItsCallAndWhatItSaw() {
        KernelModel m = model(List.of("getpid", "kill"), List.of("wait"));
        Kernel k = m.initialStates().get(0);
        Transition<Kernel, KernelStep> getpid = successors(m, k).get(0);
        assertEquals(new KernelStep(1, new Syscall.GetPid(), getpid.action().result()), getpid.action());
        assertEquals("= 2", getpid.action().result().toString());
        TraceStep d = m.describe(k, getpid.action(), getpid.next());
        assertEquals(new TraceStep("T1", "NSpid 2", "getpid", Map.of(), "getpid()", "= 2"), d);
        Transition<Kernel, KernelStep> kill = successors(m, k).get(2);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("pid", 1);
        args.put("sig", 9);
        assertEquals(new TraceStep("T1", "NSpid 2", "kill", args, "kill(1, SIGKILL)", "= 0"), m.describe(k, kill.action(), kill.next()));
        assertEquals(args, KernelModel.arguments(new Syscall.Kill(1, 9)));
        assertEquals(k.toString(), m.describeState(k));
        // a call the menu did not make (equal, not the same object) still has its family
        assertEquals("kill", m.family(new KernelStep(1, new Syscall.Kill(1, 9), kill.action().result())));
        assertEquals("getpid", m.family(new KernelStep(1, new Syscall.GetPid(), kill.action().result())));
    }

    @Test
    void signalDeliveryIsAFamilyExactlyWhenSomeCallCanLeaveAFatalSignalPending() {
        for (String f : List.of("kill", "kill-term", "exit", "kill-usr1", "sigqueue", "tgkill", "kill-pgrp")) {
            assertEquals(List.of(f, "getpid", "signal-delivery"), model(List.of(f), List.of("getpid")).actionFamilies(), f);
            if (!f.equals("exit")) // the root init never exits
                assertEquals(List.of("getpid", f, "signal-delivery"), model(List.of("getpid"), List.of(f)).actionFamilies(), f + " in init_calls");
        }
        assertEquals(List.of("getpid", "getppid"), model(List.of("getpid", "getppid", "getpid"), List.of("getppid")).actionFamilies());
        assertEquals(List.of("setpgid", "wait"), model(List.of("setpgid"), List.of("wait")).actionFamilies());
    }

    @Test
    void futexCallsMapOneSharedWordAndAWokenCallReturnsFirst() {
        KernelModel plain = model(List.of("getpid", "exit"), List.of("wait"));
        assertEquals(0, plain.words());
        assertEquals("[getpid(), exit(0), waitpid(-1), <fatal signal delivered>]", plain.menu().toString());
        for (List<String> calls : List.of(List.of("futex-wake"), List.of("getpid"))) {
            List<String> init = calls.contains("futex-wake") ? List.of("wait") : List.of("futex-wake");
            KernelModel m = model(calls, init);
            assertEquals(1, m.words(), calls + " / " + init);
            assertTrue(m.actionFamilies().contains("futex-return"));
            assertEquals(0, m.initialStates().get(0).memory().word(0));
        }
        KernelModel futex = model(List.of("futex-wake"), List.of("wait"));
        assertEquals(1, futex.menu().stream().filter(c -> c instanceof Syscall.FutexReturn).count(), "once, though three menus have it");
    }

    @Test
    void theFirstTasksAreForkedByTheRootInitAndTheBoundsAreKept() {
        Map<String, Integer> b = Map.of("tasks", 4, "pid_max", 5, "initial_tasks", 3, "steps", 7);
        KernelModel m = model(List.of("getpid"), List.of("getpid"), b);
        Kernel k = m.initialStates().get(0);
        assertEquals(4, k.taskCount());
        for (int slot = 1; slot <= 3; slot++) assertEquals(Kernel.ROOT_INIT, k.task(slot).parent);
        assertEquals(7, m.maxDepth());
        assertEquals(Map.of("tasks", 4, "depth", 2, "pid_max", 5, "steps", 7, "initial_tasks", 3), m.bounds());
        assertThrows(UnsupportedOperationException.class, () -> m.bounds().put("tasks", 9));
        assertEquals("steps", m.name());
        assertEquals("a test model", m.description());
        assertEquals("mainline", m.variant());
        assertEquals(5, m.semantics().limits.pidMax());
        // the root init takes PID 1: three more tasks need pid_max 5 (PIDs 2..4)
        ModelDefinition tight = new ModelDefinition(ModelDefinition.FORMAT, "tight", null, null,
                Map.of("tasks", 4, "pid_max", 4, "initial_tasks", 3), List.of("getpid"), null, null);
        assertThrows(nscheck.model.ModelException.class, () -> new KernelModelSource(tight).build(Map.of(), null).initialStates());
    }

    @Test
    void theSymmetryReductionIsOffUntilAskedFor() {
        KernelModel m = (KernelModel) ModelCatalog.find("pidns-basic").build(Map.of(), null);
        assertNull(m.symmetry());
        assertSame(m, m.withSymmetry(false));
        KernelModel sym = m.withSymmetry(true);
        assertEquals(KernelModel.SYMMETRY, sym.symmetry());
        assertSame(sym, sym.withSymmetry(true));
        assertNull(sym.withSymmetry(false).symmetry());
        assertEquals(m.actionFamilies(), sym.actionFamilies());
        assertEquals(m.menu(), sym.menu());
        assertEquals(m.bounds(), sym.bounds());
        assertEquals(m.properties(), sym.properties());
        assertEquals(m.maxDepth(), sym.maxDepth());
        assertEquals(m.words(), sym.words());
        assertSame(m.semantics(), sym.semantics());
        assertEquals(m.name(), sym.name());
        assertEquals(m.description(), sym.description());

        // A child (pid_max 4: no room for a second), and the same state with it in another slot.
        Kernel k = m.initialStates().get(0);
        Kernel a = after(m, k, 1, "clone(0)");
        Kernel b = nscheck.spec.state.TaskSymmetry.relabelled(a, new int[] {0, 1, 3, 2});
        assertNotEquals(a, b);
        assertFalse(m.sameClass(a, b));
        assertSame(a, m.canonical(a));
        assertTrue(sym.sameClass(a, b));
        assertTrue(sym.sameClass(a, a));
        assertEquals(sym.canonical(a), sym.canonical(b));
        assertFalse(sym.sameClass(a, k));

        // The same step in the two states: the child with PID 3 asking for its parent, whichever slot it is in.
        KernelStep inA = step(sym, a, 2, "getppid()"), inB = step(sym, b, 3, "getppid()");
        assertNotEquals(inA, inB);
        assertTrue(sym.sameAction(a, inA, b, inB));
        assertFalse(m.sameAction(a, inA, b, inB));
        assertTrue(m.sameAction(a, inA, a, inA));
        assertFalse(sym.sameAction(a, inA, b, step(sym, b, 1, "getppid()")), "another task");
        assertFalse(sym.sameAction(a, inA, b, step(sym, b, 3, "getpid()")), "another call");
        // a result about a task (the child a clone made) is matched by that task's number too
        KernelStep cloneA = step(sym, a, 1, "clone(0)"), cloneB = step(sym, b, 1, "clone(0)");
        assertTrue(sym.sameAction(a, cloneA, b, cloneB));
        assertFalse(sym.sameAction(a, cloneA, b, step(sym, b, 1, "getpid()")));
    }
}
