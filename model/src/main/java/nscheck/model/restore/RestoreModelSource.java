package nscheck.model.restore;

import nscheck.model.Model;
import nscheck.model.ModelException;
import nscheck.model.ModelSource;
import nscheck.spec.state.Limits;
import nscheck.spec.rules.Semantics;
import nscheck.spec.variant.Variant;
import nscheck.spec.variant.Variants;

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
        Map<String, Integer> b = new LinkedHashMap<>(bounds);
        for (var e : overrides.entrySet()) {
            if (!bounds.containsKey(e.getKey()))
                throw new ModelException("unknown bound '" + e.getKey() + "' for model " + name() + " (known: " + String.join(", ", bounds.keySet()) + ")");
            b.put(e.getKey(), e.getValue());
        }
        if (b.get("tasks") < 5 || b.get("tasks") > 10) throw new ModelException("bound tasks must be within 5..10");
        if (b.get("pid_max") < 5 || b.get("pid_max") > 12) throw new ModelException("bound pid_max must be within 5..12");
        if (b.get("containers") < 0 || b.get("containers") > 3) throw new ModelException("bound containers must be within 0..3");
        if (b.get("steps") < 0) throw new ModelException("bound steps must be a number >= 0");
        Variant variant;
        try {
            variant = Variants.byName(variantName == null ? defaultVariant() : variantName);
        } catch (IllegalArgumentException e) {
            throw new ModelException(e.getMessage());
        }
        Semantics semantics = new Semantics(variant, new Limits(b.get("tasks"), 2, b.get("pid_max")));
        return new RestoreModel(name(), description(), b, semantics, RestoreInvariants.NAMES);
    }
}
