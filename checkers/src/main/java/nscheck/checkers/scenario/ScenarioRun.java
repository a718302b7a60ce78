package nscheck.checkers.scenario;

import nscheck.checkers.trace.PropertyCheck;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import nscheck.model.ModelException;
import nscheck.model.Property;
import nscheck.model.kernel.KernelModel;
import nscheck.model.kernel.KernelStep;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.SharedMemory;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Task;
import nscheck.spec.variant.Variant;
import nscheck.spec.variant.Variants;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link Script} on the spec: binds each name to the task slot the spec gives it (the root
 * init and the initial tasks at the start, a clone's child when it is made), takes each step, and
 * compares what it returns with the step's expected result. Unless the trace spells out the
 * kernel's own steps, they are taken as soon as they are due (a pending fatal signal acted on, a
 * woken futex call returning), as the kernel takes them.
 */
public final class ScenarioRun {
    private ScenarioRun() {}

    /** The bounds a scenario file may set. */
    public static final List<String> BOUNDS = List.of("tasks", "depth", "pid_max", "initial_tasks", "futex_words", "kthreads", "ns_names");

    /**
     * Where a scenario runs: the spec with its limits, the kernel state it starts from, the
     * names of the tasks in it, and the model whose invariants apply (null without a model).
     */
    public record Setting(Semantics semantics, Kernel initial, List<String> names, KernelModel model, Map<String, Integer> bounds, int words) {
        public Setting withLimits(Limits limits) {
            return settingFor(semantics.withLimits(limits), names, words, model, bounds);
        }
    }

    /** One step taken: by a task of the file ({@code index} its position in the trace) or by the kernel itself ({@code index} -1). */
    public record Ran(int index, String task, Kernel pre, KernelStep step, Kernel post, String expected) {
        public boolean agrees() {
            return expected == null || expected.equals(step.result().toString());
        }
    }

    /**
     * @param divergedAt  the trace index of the first step that could not be taken or observed something else; -1 if none
     * @param divergence  what happened there
     * @param violatedAt  the number of steps taken when the property was first violated (0: the initial state), -1 if never
     * @param slots       the task slot each name is bound to at the end
     */
    public record Result(Setting setting, List<Ran> steps, int divergedAt, String divergence, int violatedAt, Map<String, Integer> slots) {
        public boolean diverged() {
            return divergedAt >= 0;
        }
    }

    /** The setting a file asks for: its model (or none), bounds and variant. */
    public static Setting setting(Script s) {
        Map<String, Integer> bounds = new LinkedHashMap<>();
        KernelModel model = null;
        String variantName = s.variant();
        if (s.model() != null) {
            Model<?, ?> m;
            try {
                Map<String, Integer> b = new LinkedHashMap<>(s.bounds());
                b.remove("futex_words");
                if (!s.tasks().isEmpty() && !b.containsKey("initial_tasks")) b.put("initial_tasks", s.tasks().size() - 1);
                m = ModelCatalog.find(s.model()).build(b, s.variant());
            } catch (ModelException e) {
                throw new ScenarioError("model", e.getMessage());
            }
            if (!(m instanceof KernelModel km))
                throw new ScenarioError("model", m.name() + " is a user-space protocol model, not a model of kernel calls: its counterexamples stay in format version 1");
            model = km;
            bounds.putAll(km.bounds());
            variantName = km.variant();
        } else {
            bounds.putAll(Script.DEFAULT_BOUNDS);
            if (!s.tasks().isEmpty()) bounds.put("initial_tasks", s.tasks().size() - 1);
        }
        for (var e : s.bounds().entrySet()) {
            if (!BOUNDS.contains(e.getKey()) && !bounds.containsKey(e.getKey()))
                throw new ScenarioError("bounds." + e.getKey(), "unknown bound (known: " + String.join(", ", BOUNDS) + ")");
            bounds.put(e.getKey(), e.getValue());
        }
        Variant variant;
        try {
            variant = Variants.byName(variantName == null ? "mainline" : variantName);
        } catch (IllegalArgumentException e) {
            throw new ScenarioError("variant", e.getMessage());
        }
        Limits limits;
        try {
            limits = new Limits(bounds.get("tasks"), bounds.get("depth"), bounds.get("pid_max"), bounds.getOrDefault("kthreads", 0), bounds.getOrDefault("ns_names", 0) != 0);
        } catch (IllegalArgumentException e) {
            throw new ScenarioError("bounds", e.getMessage());
        }
        int initialTasks = bounds.getOrDefault("initial_tasks", 1);
        if (initialTasks + 1 > limits.maxTasks()) throw new ScenarioError("bounds.initial_tasks", "must be below tasks (the root init takes a slot)");
        List<String> names = new ArrayList<>();
        if (!s.tasks().isEmpty()) {
            if (s.tasks().size() != initialTasks + 1)
                throw new ScenarioError("tasks", "names " + s.tasks().size() + " tasks, but the scenario starts with " + (initialTasks + 1)
                        + " (the root init and initial_tasks = " + initialTasks + ")");
            names.addAll(s.tasks());
        } else {
            names.add("init");
            for (int i = 1; i <= initialTasks; i++) names.add("t" + i);
        }
        int words = bounds.getOrDefault("futex_words", Math.max(wordsUsed(s), model == null ? 0 : model.words()));
        return settingFor(new Semantics(variant, limits), names, words, model, bounds);
    }

    private static Setting settingFor(Semantics sem, List<String> names, int words, KernelModel model, Map<String, Integer> bounds) {
        Kernel k = sem.boot();
        if (words > 0) k = k.withMemory(SharedMemory.zeroed(words));
        for (int i = 1; i < names.size(); i++) {
            List<Outcome> forked = sem.step(k, Kernel.ROOT_INIT, new Syscall.Clone(0));
            if (forked.isEmpty() || forked.get(0).observation().failed())
                throw new ScenarioError("bounds", "the initial tasks do not fit the bounds");
            k = forked.get(0).next();
        }
        return new Setting(sem, k, List.copyOf(names), model, Map.copyOf(bounds), words);
    }

    /** One more than the highest futex word a step names. */
    static int wordsUsed(Script s) {
        int n = 0;
        for (Script.Step st : s.steps()) {
            n = Math.max(n, nscheck.spec.call.FutexWordOperand.of(st.call()) + 1);
        }
        return n;
    }

    /**
     * Takes the script's steps in order.
     *
     * @param judge whether expected results count: with false every step takes the outcome it
     *              expects if the spec offers it, else the first (to compare runs under other limits)
     */
    public static Result run(Setting st, Script script, boolean judge) {
        Semantics sem = st.semantics();
        List<Property<Kernel, KernelStep>> props = List.of();
        if (script.property() != null) {
            if (st.model() == null) throw new ScenarioError("property", "needs a model whose invariant it is (\"model\": \"pidns-basic\")");
            props = st.model().properties().stream().filter(p -> p.name().equals(script.property().name())).toList();
            if (props.isEmpty())
                throw new ScenarioError("property.name", "model " + st.model().name() + " has no property '" + script.property().name() + "' (it checks: "
                        + String.join(", ", st.model().properties().stream().map(Property::name).toList()) + ")");
        }
        boolean auto = script.kernelStepsAutomatic();
        Map<String, Integer> slots = new HashMap<>();
        Map<Integer, String> bySlot = new HashMap<>();
        for (int i = 0; i < st.names().size(); i++) {
            slots.put(st.names().get(i), i);
            bySlot.put(i, st.names().get(i));
        }
        int made = st.names().size();
        Kernel k = st.initial();
        List<Ran> done = new ArrayList<>();
        int violatedAt = props.isEmpty() || PropertyCheck.violatedBy(props, k) == null ? -1 : 0;
        for (int i = 0; i < script.steps().size(); i++) {
            Script.Step want = script.steps().get(i);
            if (auto) {
                while (true) {
                    int[] due = due(k);
                    if (due == null) break;
                    Syscall c = due[1] == 0 ? new Syscall.FutexReturn() : new Syscall.SignalDelivery();
                    Outcome o = sem.step(k, due[0], c).get(0);
                    KernelStep ks = new KernelStep(due[0], c, o.observation());
                    done.add(new Ran(-1, bySlot.getOrDefault(due[0], "T" + due[0]), k, ks, o.next(), null));
                    if (violatedAt < 0 && !props.isEmpty() && PropertyCheck.violatedBy(props, k, ks, o.next()) != null) violatedAt = done.size();
                    k = o.next();
                }
            }
            Integer slot = slots.get(want.task());
            if (slot == null)
                throw new ScenarioError(want.path() + ".task", "unknown task \"" + want.task() + "\" (known here: "
                        + String.join(", ", slots.keySet().stream().sorted().toList()) + ")");
            List<Outcome> outs = sem.step(k, slot, want.call());
            if (outs.isEmpty()) return new Result(st, done, i, want.task() + " " + want.call() + " is not possible: " + why(k, slot), violatedAt, Map.copyOf(slots));
            Outcome take = outs.get(0);
            if (want.result() != null)
                for (Outcome o : outs) if (o.observation().toString().equals(want.result())) { take = o; break; }
            KernelStep ks = new KernelStep(slot, want.call(), take.observation());
            Ran ran = new Ran(i, want.task(), k, ks, take.next(), want.result());
            done.add(ran);
            if (judge && !ran.agrees())
                return new Result(st, done, i, want.task() + " " + want.call() + " observes " + take.observation() + ", expected " + want.result(), violatedAt, Map.copyOf(slots));
            if (violatedAt < 0 && !props.isEmpty() && PropertyCheck.violatedBy(props, k, ks, take.next()) != null) violatedAt = done.size();
            k = take.next();
            if (isClone(want.call()) && !take.observation().failed()) {
                int child = take.observation().about();
                String name = want.child();
                if (name == null) {
                    do name = "t" + made++; while (slots.containsKey(name));
                } else {
                    made++;
                }
                String old = bySlot.put(child, name);
                if (old != null) slots.remove(old);
                slots.put(name, child);
            }
        }
        if (auto) {
            for (int[] due = due(k); due != null; due = due(k)) {
                Syscall c = due[1] == 0 ? new Syscall.FutexReturn() : new Syscall.SignalDelivery();
                Outcome o = sem.step(k, due[0], c).get(0);
                KernelStep ks = new KernelStep(due[0], c, o.observation());
                done.add(new Ran(-1, bySlot.getOrDefault(due[0], "T" + due[0]), k, ks, o.next(), null));
                if (violatedAt < 0 && !props.isEmpty() && PropertyCheck.violatedBy(props, k, ks, o.next()) != null) violatedAt = done.size();
                k = o.next();
            }
        }
        return new Result(st, done, -1, null, violatedAt, Map.copyOf(slots));
    }

    static boolean isClone(Syscall c) {
        return nscheck.spec.call.CreatesTask.of(c);
    }

    private static String why(Kernel k, int slot) {
        Task t = k.task(slot);
        if (t == null) return "the task no longer exists";
        if (!t.alive()) return "the task has exited";
        if (k.memory().waiterOf(slot) != null) return "the task sleeps in a futex call";
        if (t.pendingSignal != 0) return "the task has a fatal signal pending";
        return "the spec has no outcome for it in state " + k;
    }

    /**
     * The step the kernel takes by itself next, as {slot, 0 for a woken futex call's return or 1
     * for a fatal signal's delivery}, or null. A woken call returns before its task acts on a
     * pending signal (Semantics.step); the kernel takes these at once, lowest slot first.
     */
    static int[] due(Kernel k) {
        for (int i = 0; i < k.taskSlots(); i++) {
            Task t = k.task(i);
            var w = k.memory().waiterOf(i);
            if (t != null && t.alive() && w != null && w.woken()) return new int[] {i, 0};
        }
        for (int i = 0; i < k.taskSlots(); i++) {
            Task t = k.task(i);
            if (t != null && t.alive() && t.pendingSignal != 0) return new int[] {i, 1};
        }
        return null;
    }

    /** The observations of a run, one per step taken, for comparing runs under other limits. */
    static List<String> observations(Result r) {
        List<String> out = new ArrayList<>();
        for (Ran s : r.steps()) out.add(s.step().result().toString());
        return out;
    }

    /**
     * The bound too small for the script: run under {@code roomy} limits, the script must observe
     * what it observes under the setting's own; at the first step where it does not, the bound
     * whose raise alone changes that step is named. Null if the bounds are large enough.
     */
    public static String boundTooSmall(Setting st, Script script, Limits roomy) {
        List<String> mine = observations(run(st, script, false));
        Limits l = st.semantics().limits;
        List<String> wide = observations(run(st.withLimits(roomy), script, false));
        int at = firstDifference(mine, wide);
        if (at < 0) return null;
        String[] names = {"tasks", "depth", "pid_max"};
        Limits[] raised = {new Limits(roomy.maxTasks(), l.maxLevel(), l.pidMax(), 0, l.nsNames()), new Limits(l.maxTasks(), roomy.maxLevel(), l.pidMax(), 0, l.nsNames()),
                new Limits(l.maxTasks(), l.maxLevel(), roomy.pidMax(), 0, l.nsNames())};
        int[] mineV = {l.maxTasks(), l.maxLevel(), l.pidMax()}, roomyV = {roomy.maxTasks(), roomy.maxLevel(), roomy.pidMax()};
        for (int b = 0; b < 3; b++) {
            if (mineV[b] >= roomyV[b]) continue;
            List<String> one = observations(run(st.withLimits(raised[b]), script, false));
            if (firstDifference(mine, one) == at)
                return "bounds." + names[b] + " = " + mineV[b] + " is too small for this scenario: step " + describeAt(st, script, at)
                        + " observes " + mine.get(at) + " under it but " + wide.get(at) + " with " + names[b] + " = " + roomyV[b]
                        + "; raise it (\"bounds\": {\"" + names[b] + "\": " + roomyV[b] + "})";
        }
        return "the bounds (tasks " + l.maxTasks() + ", depth " + l.maxLevel() + ", pid_max " + l.pidMax() + ") are too small for this scenario: step "
                + describeAt(st, script, at) + " observes " + mine.get(at) + " under them but " + wide.get(at) + " with tasks " + roomy.maxTasks()
                + ", depth " + roomy.maxLevel() + ", pid_max " + roomy.pidMax();
    }

    private static String describeAt(Setting st, Script script, int taken) {
        Result r = run(st, script, false);
        Ran s = r.steps().get(taken);
        return (s.index() >= 0 ? script.steps().get(s.index()).path() + " (" : "(the kernel's own step, ") + s.task() + " " + s.step().call() + ")";
    }

    private static int firstDifference(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) if (!a.get(i).equals(b.get(i))) return i;
        return a.size() == b.size() ? -1 : Math.min(a.size(), b.size());
    }
}
