package nscheck.model.kernel;

import nscheck.model.Bounds;
import nscheck.model.Model;
import nscheck.model.ModelException;
import nscheck.model.ModelSource;
import nscheck.model.Property;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.rules.Semantics;
import nscheck.spec.variant.Variant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link KernelModel}s from a {@link ModelDefinition}, checking everything a user can get wrong. */
public final class KernelModelSource implements ModelSource {
    /** Every bound a kernel model has, with the value used when a file leaves it out. */
    public static final Map<String, Integer> BOUND_DEFAULTS = defaults();

    private static Map<String, Integer> defaults() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("tasks", 4);
        m.put("depth", 2);
        m.put("pid_max", 4);
        m.put("steps", 0);
        m.put("initial_tasks", 1);
        return m;
    }

    private final ModelDefinition def;
    private final Map<String, Integer> bounds;

    public KernelModelSource(ModelDefinition def) {
        if (!ModelDefinition.FORMAT.equals(def.format()))
            throw new ModelException("model format must be \"" + ModelDefinition.FORMAT + "\", not " + quoted(def.format()));
        if (def.name() == null || def.name().isBlank()) throw new ModelException("model has no name");
        if (def.calls() == null || def.calls().isEmpty()) throw new ModelException("model " + def.name() + " lists no calls");
        this.def = def;
        // kernel/exit.c find_child_reaper: the root init's exit panics the kernel ("Attempted to kill init!").
        if (initCalls().contains("exit"))
            throw new ModelException("init_calls may not contain exit: the root init never exits (the kernel would panic)");
        this.bounds = Bounds.override(def.name(), baseBounds(def), def.bounds());
        CallMenu.expand(def.calls(), 2);
        CallMenu.expand(initCalls(), 2);
        for (String inv : invariants()) invariantNamed(inv, null);
        if (def.variant() != null) Bounds.variant(def.variant());
    }

    /**
     * The defaults, plus kthreads (kernel threads booted in init_pid_ns, {@link Limits}) for a file
     * that names it: a model that does not keeps exactly the bounds it had.
     */
    private static Map<String, Integer> baseBounds(ModelDefinition def) {
        if (def.bounds() == null || !def.bounds().containsKey(KTHREADS) && !def.bounds().containsKey(NS_NAMES)) return BOUND_DEFAULTS;
        Map<String, Integer> m = new LinkedHashMap<>(BOUND_DEFAULTS);
        if (def.bounds().containsKey(KTHREADS)) m.put(KTHREADS, 0);
        if (def.bounds().containsKey(NS_NAMES)) m.put(NS_NAMES, 0);
        return m;
    }

    /** The boot option: kernel threads at PIDs 2.. of init_pid_ns, kthreadd first. */
    public static final String KTHREADS = "kthreads";
    /** The boot option: the kernel keeps each namespace's inode number and id (1), as a model reading them needs ({@link Limits#nsNames}). */
    public static final String NS_NAMES = "ns_names";

    private static String quoted(String s) {
        return s == null ? "nothing" : "\"" + s + "\"";
    }

    @Override public String name() { return def.name(); }

    @Override public String description() { return def.description() == null ? "" : def.description(); }

    @Override public Map<String, Integer> defaultBounds() { return bounds; }

    @Override public String defaultVariant() { return def.variant() == null ? "mainline" : def.variant(); }

    public List<String> calls() { return def.calls(); }

    private List<String> initCalls() { return def.initCalls() == null ? List.of("wait") : def.initCalls(); }

    @Override
    public List<String> invariants() {
        if (def.invariants() != null && !def.invariants().isEmpty()) return def.invariants();
        return PidInvariants.all(null).stream().map(Property::name).toList();
    }

    @Override
    public Model<?, ?> build(Map<String, Integer> overrides, String variantName) {
        Map<String, Integer> b = Bounds.override(def.name(), bounds, overrides);
        Variant variant = Bounds.variant(variantName == null ? defaultVariant() : variantName);
        Limits limits;
        try {
            limits = new Limits(b.get("tasks"), b.get("depth"), b.get("pid_max"), b.getOrDefault(KTHREADS, 0), b.getOrDefault(NS_NAMES, 0) != 0);
        } catch (IllegalArgumentException e) {
            throw new ModelException("bad bounds for " + def.name() + ": " + e.getMessage());
        }
        if (b.get("initial_tasks") >= b.get("tasks"))
            throw new ModelException("initial_tasks must be below tasks (the root init takes a slot)");
        Semantics semantics = new Semantics(variant, limits);
        // A zombie's exit code is state only where a call of the model can read it (Semantics.exitStatus).
        if (def.calls().stream().noneMatch(CallMenu.STATUS_READERS::contains) && initCalls().stream().noneMatch(CallMenu.STATUS_READERS::contains))
            semantics = semantics.forgettingExitStatus();
        List<Property<Kernel, KernelStep>> props = new ArrayList<>();
        for (String inv : invariants()) props.add(invariantNamed(inv, semantics));
        return new KernelModel(def.name(), description(), b, semantics, def.calls(), initCalls(), props);
    }

    static Property<Kernel, KernelStep> invariantNamed(String name, Semantics s) {
        for (Property<Kernel, KernelStep> p : PidInvariants.all(s)) if (p.name().equals(name)) return p;
        for (Property<Kernel, KernelStep> p : ObjectInvariants.all(s)) if (p.name().equals(name)) return p;
        for (Property<Kernel, KernelStep> p : CapabilityInvariants.all(s)) if (p.name().equals(name)) return p;
        for (Property<Kernel, KernelStep> p : FdInvariants.all(s)) if (p.name().equals(name)) return p;
        for (Property<Kernel, KernelStep> p : KthreadInvariants.all(s)) if (p.name().equals(name)) return p;
        throw new ModelException("unknown invariant '" + name + "' (known: "
                + String.join(", ", PidInvariants.all(null).stream().map(Property::name).toList()) + ", "
                + String.join(", ", ObjectInvariants.all(null).stream().map(Property::name).toList()) + ", "
                + String.join(", ", CapabilityInvariants.all(null).stream().map(Property::name).toList()) + ", "
                + String.join(", ", FdInvariants.all(null).stream().map(Property::name).toList()) + ", "
                + String.join(", ", KthreadInvariants.all(null).stream().map(Property::name).toList()) + ")");
    }
}
