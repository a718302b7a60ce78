package nscheck.model.kernel;

import nscheck.model.Model;
import nscheck.model.Property;
import nscheck.model.TraceStep;
import nscheck.model.Transition;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.TaskSymmetry;
import nscheck.spec.call.Outcome;
import nscheck.spec.rules.Semantics;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Task;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A bounded kernel model: every running task may make any call on its menu, in any order; a
 * task with a fatal signal pending may only die. The root init runs its own, shorter menu.
 */
public final class KernelModel implements Model<Kernel, KernelStep> {
    private static final List<Syscall> DYING = List.of(new Syscall.SignalDelivery());
    /** With futex calls: a woken call returns first, then a pending signal is acted on (Semantics.step). */
    private static final List<Syscall> WOKEN_OR_DYING = List.of(new Syscall.FutexReturn(), new Syscall.SignalDelivery());

    private final String name;
    private final String description;
    private final Map<String, Integer> bounds;
    private final Semantics semantics;
    private final List<Syscall> calls;
    private final List<Syscall> initCalls;
    private final List<Property<Kernel, KernelStep>> properties;
    private final List<String> families;
    private final int initialTasks;
    private final int maxDepth;
    /** Shared futex words mapped before the first fork: one if any call is a futex call. */
    private final int words;
    private final List<Syscall> dying;
    /** Every menu call (by identity) and its family, for {@link #family}. */
    private final Syscall[] familyOf;
    private final String[] familyNames;
    /** Search one state per renaming of the task slots ({@link nscheck.spec.state.TaskSymmetry}); off unless asked for (check turns it on). */
    private final boolean symmetric;

    public KernelModel(String name, String description, Map<String, Integer> bounds, Semantics semantics,
                       List<String> callFamilies, List<String> initCallFamilies,
                       List<Property<Kernel, KernelStep>> properties) {
        this.name = name;
        this.description = description;
        this.bounds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bounds));
        this.semantics = semantics;
        List<Syscall> menu = CallMenu.expand(callFamilies, semantics.limits.pidMax());
        List<Syscall> initMenu = CallMenu.expand(initCallFamilies, semantics.limits.pidMax());
        this.words = menu.stream().anyMatch(CallMenu::isFutex) || initMenu.stream().anyMatch(CallMenu::isFutex) ? 1 : 0;
        this.dying = words > 0 ? WOKEN_OR_DYING : DYING;
        // a woken futex call returns before its task makes another call
        this.calls = words > 0 ? concat(menu, List.of(new Syscall.FutexReturn())) : menu;
        this.initCalls = words > 0 ? concat(initMenu, List.of(new Syscall.FutexReturn())) : initMenu;
        this.properties = List.copyOf(properties);
        List<String> fams = new ArrayList<>();
        for (Syscall c : calls) if (!fams.contains(c.family())) fams.add(c.family());
        for (Syscall c : initCalls) if (!fams.contains(c.family())) fams.add(c.family());
        if (fams.contains("kill") || fams.contains("kill-term") || fams.contains("exit")) fams.add(DYING.get(0).family());
        else if (fams.contains("kill-usr1") || fams.contains("sigqueue") || fams.contains("tgkill") || fams.contains("kill-pgrp")) fams.add(DYING.get(0).family());
        this.families = List.copyOf(fams);
        List<Syscall> all = new ArrayList<>(calls);
        all.addAll(initCalls);
        all.addAll(dying);
        this.familyOf = all.toArray(new Syscall[0]);
        this.familyNames = new String[familyOf.length];
        for (int i = 0; i < familyOf.length; i++) familyNames[i] = familyOf[i].family();
        this.initialTasks = bounds.getOrDefault("initial_tasks", 1);
        this.maxDepth = bounds.getOrDefault("steps", 0);
        this.symmetric = false;
    }

    private KernelModel(KernelModel m, boolean symmetric) {
        this.name = m.name;
        this.description = m.description;
        this.bounds = m.bounds;
        this.semantics = m.semantics;
        this.calls = m.calls;
        this.initCalls = m.initCalls;
        this.properties = m.properties;
        this.families = m.families;
        this.initialTasks = m.initialTasks;
        this.maxDepth = m.maxDepth;
        this.words = m.words;
        this.dying = m.dying;
        this.familyOf = m.familyOf;
        this.familyNames = m.familyNames;
        this.symmetric = symmetric;
    }

    /** Task slots are labels (TaskSymmetry): the same model searching one state per renaming of them, or every state. */
    @Override
    public KernelModel withSymmetry(boolean on) {
        return on == symmetric ? this : new KernelModel(this, on);
    }

    @Override
    public Kernel canonical(Kernel state) {
        return symmetric ? TaskSymmetry.canonical(state) : state;
    }

    @Override
    public String symmetry() {
        return symmetric ? SYMMETRY : null;
    }

    /** What the reduction renames, as reports name it. */
    public static final String SYMMETRY = "task slots";

    /** Tasks keep their numbers under a renaming of slots: the actor, and the task a result denotes, are matched by their number in init_pid_ns. */
    @Override
    public boolean sameAction(Kernel preA, KernelStep a, Kernel preB, KernelStep b) {
        if (!symmetric) return a.equals(b);
        return a.call().equals(b.call()) && a.result().value() == b.result().value() && a.result().errno() == b.result().errno()
                && a.result().returns() == b.result().returns() && rootNumber(preA, a.actor()) == rootNumber(preB, b.actor())
                && (a.result().about() < 0 ? b.result().about() == a.result().about()
                        : b.result().about() >= 0 && rootNumber(preA, a.result().about()) == rootNumber(preB, b.result().about()));
    }

    private static int rootNumber(Kernel k, int slot) {
        Task t = k.task(slot);
        return t == null ? -1 : t.numberAtLevel(0);
    }

    @Override
    public boolean sameClass(Kernel a, Kernel b) {
        return symmetric ? nscheck.spec.state.TaskSymmetry.sameClass(a, b) : a.equals(b);
    }

    private static List<Syscall> concat(List<Syscall> a, List<Syscall> b) {
        List<Syscall> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    /** Shared futex words the model's tasks map (0 or 1). */
    public int words() {
        return words;
    }

    public Semantics semantics() {
        return semantics;
    }

    /** Every call a task of the model may make: the menu, the root init's menu and the kernel's own steps. */
    public List<Syscall> menu() {
        List<Syscall> all = new ArrayList<>(calls);
        for (Syscall c : initCalls) if (!all.contains(c)) all.add(c);
        for (Syscall c : dying) if (!all.contains(c)) all.add(c);
        return all;
    }

    @Override public String name() { return name; }

    @Override public String description() { return description; }

    @Override public String variant() { return semantics.variant.name(); }

    @Override public Map<String, Integer> bounds() { return bounds; }

    @Override public int maxDepth() { return maxDepth; }

    @Override public List<Property<Kernel, KernelStep>> properties() { return properties; }

    @Override public List<String> actionFamilies() { return families; }

    @Override public String family(KernelStep step) {
        // The engines ask once per transition: a menu call's family is looked up by identity, not
        // recomputed (Syscall.family dispatches through CallFamily).
        Syscall call = step.call();
        for (int i = 0; i < familyOf.length; i++) if (familyOf[i] == call) return familyNames[i];
        return call.family();
    }

    @Override public long fingerprint(Kernel state) { return state.fingerprint(); }

    /** A booted kernel whose init has forked the model's first tasks (the container managers). */
    @Override
    public List<Kernel> initialStates() {
        Kernel k = semantics.boot();
        if (words > 0) k = k.withMemory(nscheck.spec.state.SharedMemory.zeroed(words));
        for (int i = 0; i < initialTasks; i++) {
            List<Outcome> forked = semantics.step(k, Kernel.ROOT_INIT, new Syscall.Clone(0));
            if (forked.isEmpty() || forked.get(0).observation().failed())
                throw new nscheck.model.ModelException("initial_tasks=" + initialTasks + " does not fit the bounds");
            k = forked.get(0).next();
        }
        return List.of(k);
    }

    @Override
    public void successors(Kernel k, Consumer<Transition<Kernel, KernelStep>> out) {
        for (int slot = 0; slot < k.taskSlots(); slot++) {
            Task t = k.task(slot);
            if (t == null || !t.alive()) continue;
            List<Syscall> menu = t.pendingSignal != 0 ? dying : slot == Kernel.ROOT_INIT ? initCalls : calls;
            Function<Syscall, List<Outcome>> step = semantics.actor(k, slot); // the actor's checks and rules once, for its whole menu
            for (Syscall call : menu) {
                for (Outcome o : step.apply(call))
                    out.accept(new Transition<>(new KernelStep(slot, call, o.observation()), o.next()));
            }
        }
    }

    @Override
    public TraceStep describe(Kernel pre, KernelStep step, Kernel post) {
        Task actor = pre.task(step.actor());
        return new TraceStep("T" + step.actor(), "NSpid " + actor.nsPid(), step.call().family(),
                arguments(step.call()), step.call().toString(), step.result().toString());
    }

    /** The call's arguments by name, read off the record so that new calls need no code here. */
    public static Map<String, Object> arguments(Syscall call) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (RecordComponent c : call.getClass().getRecordComponents()) {
            try {
                args.put(c.getName(), c.getAccessor().invoke(call));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return args;
    }

    @Override
    public String describeState(Kernel state) {
        return state.toString();
    }
}
