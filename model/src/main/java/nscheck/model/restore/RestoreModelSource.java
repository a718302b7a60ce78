package nscheck.model.restore;

import nscheck.model.Bounds;
import nscheck.model.Model;
import nscheck.model.ModelSource;
import nscheck.spec.state.Limits;
import nscheck.spec.rules.Semantics;
import nscheck.spec.variant.Variant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The checkpoint/restore and migration model, defined in code. */
public final class RestoreModelSource implements ModelSource {
    private final Map<String, Integer> bounds;

    private RestoreModelSource() {
        Map<String, Integer> b = new LinkedHashMap<>();
        b.put("tasks", 7);
        b.put("pid_max", 7);
        b.put("containers", 2);
        b.put("steps", 0);
        this.bounds = b;
    }

    public static ModelSource migration() {
        return new RestoreModelSource();
    }

    @Override public String name() { return "restore-migration"; }

    @Override
    public String description() {
        return "Checkpoint a container (nested container, PI futex) on one host and restore it on another whose manager starts and stops containers whose roots try to choose PIDs.";
    }

    @Override public Map<String, Integer> defaultBounds() { return bounds; }

    @Override public String defaultVariant() { return "mainline"; }

    @Override
    public List<String> invariants() {
        List<String> all = new java.util.ArrayList<>(RestoreInvariants.NAMES);
        all.addAll(List.of("pid-unique", "pid-visibility", "pid-round-trip", "init-kills-namespace"));
        return all;
    }

    @Override
    public Model<?, ?> build(Map<String, Integer> overrides, String variantName) {
        Map<String, Integer> b = Bounds.override(name(), bounds, overrides);
        Bounds.within(b, "tasks", 5, 10);
        // The source host holds host PIDs 1..5 before the checkpoint (root init, manager, C, E, D:
        // RestoreModel.checkpointOnSource), and alloc_pid hands out 1..pid_max-1 (kernel/pid.c).
        Bounds.within(b, "pid_max", 6, 12);
        Bounds.within(b, "containers", 0, 3);
        Variant variant = Bounds.variant(variantName == null ? defaultVariant() : variantName);
        // The namespaces' names are the spec kernel's (N1, N3): the boot keeps them.
        Semantics semantics = new Semantics(variant, new Limits(b.get("tasks"), 2, b.get("pid_max")).withNsNames()).forgettingExitStatus();
        return new RestoreModel(name(), description(), b, semantics, RestoreInvariants.NAMES);
    }
}
