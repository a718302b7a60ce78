package nscheck.checkers.scenario;

import nscheck.checkers.cex.Counterexample;
import nscheck.spec.call.Syscall;

import java.util.List;
import java.util.Map;

/**
 * A scenario file (format version 2) as read: calls made by tasks the author names, each bound to
 * a task slot by the tool when it is created. Everything but the trace is optional: without a
 * model the scenario runs on {@link #DEFAULT_BOUNDS}, without a property nothing is judged but the
 * expected results, and a step without {@code result} only shows what the call returns.
 *
 * @param model    a shipped model's name or a model file, whose bounds, variant and invariants apply; or null
 * @param bounds   bounds replacing the model's (or the defaults)
 * @param tasks    names of the tasks that exist at the start: the root init first, then the model's initial tasks
 * @param property the property a counterexample is about, or null
 * @param expect   {@code violates} or {@code holds} with a property; null without
 */
public record Script(String description, String model, String variant, Map<String, Integer> bounds, List<String> tasks,
                     Counterexample.PropertyRef property, Counterexample.FoundBy foundBy, String expect, List<Step> steps) {
    public static final String FORMAT = "nscheck-scenario";
    public static final int VERSION = 2;

    /** Bounds of a scenario that names no model: room for any hand-written trace, kernel-sized PIDs. */
    public static final Map<String, Integer> DEFAULT_BOUNDS = Map.of("tasks", 24, "depth", 8, "pid_max", 32768, "initial_tasks", 1);

    /**
     * One step.
     *
     * @param task   the acting task's name
     * @param child  the name a successful clone's child gets; null for the tool's own ({@code t<N>}, the N-th task made)
     * @param result what the call must return, as strace prints it ({@code = 3}, {@code = -1 EPERM}); null for anything
     * @param path   the step's JSON path, for messages
     */
    public record Step(String task, Syscall call, String child, String result, String path) {}

    public Script {
        steps = List.copyOf(steps);
        tasks = List.copyOf(tasks);
    }

    /**
     * Whether the kernel's own steps are taken as soon as they are due: in a scenario that names
     * none of them. A counterexample (a script with a property) is taken exactly as written.
     */
    public boolean kernelStepsAutomatic() {
        return property == null && !explicitKernelSteps();
    }

    /** The same calls as a plain scenario: no property, no expectation (what the kernel runs). */
    public Script asScenario() {
        return new Script(description, model, variant, bounds, tasks, null, null, null, steps);
    }

    /** Whether the trace spells out the kernel's own steps (fatal signal deliveries, woken futex calls returning). */
    public boolean explicitKernelSteps() {
        for (Step s : steps)
            if (s.call() instanceof Syscall.SignalDelivery || s.call() instanceof Syscall.FutexReturn) return true;
        return false;
    }
}
