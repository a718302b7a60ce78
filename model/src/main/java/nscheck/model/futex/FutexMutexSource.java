package nscheck.model.futex;

import nscheck.model.Model;
import nscheck.model.ModelException;
import nscheck.model.ModelSource;
import nscheck.model.packed.PackedInvariant;
import nscheck.model.packed.PackedModelView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `futex-mutex-once` and `futex-mutex-forever` in the catalog: one bound, {@code threads}. */
public final class FutexMutexSource implements ModelSource {
    private static final int DEFAULT_THREADS = 3;
    private final FutexMutex.Loop variant;

    public FutexMutexSource(FutexMutex.Loop variant) {
        this.variant = variant;
    }

    @Override public String name() { return "futex-mutex-" + variant.label(); }

    @Override public String description() { return new FutexMutex(1, variant).description(); }

    @Override public Map<String, Integer> defaultBounds() { return Map.of("threads", DEFAULT_THREADS); }

    @Override public String defaultVariant() { return variant.label(); }

    @Override
    public List<String> invariants() {
        return new FutexMutex(1, variant).invariants().stream().map(PackedInvariant::name).toList();
    }

    @Override
    public Model<?, ?> build(Map<String, Integer> overrides, String variantName) {
        if (variantName != null && !variantName.equals(variant.label()))
            throw new ModelException("model " + name() + " has only the variant " + variant.label()
                    + " (the other is a model of its own: futex-mutex-" + (variant == FutexMutex.Loop.ONCE ? "forever" : "once") + ")");
        Map<String, Integer> b = new LinkedHashMap<>(defaultBounds());
        for (var e : overrides.entrySet()) {
            if (!b.containsKey(e.getKey()))
                throw new ModelException("unknown bound '" + e.getKey() + "' for model " + name() + " (known: threads)");
            b.put(e.getKey(), e.getValue());
        }
        return new PackedModelView(new FutexMutex(b.get("threads"), variant));
    }
}
