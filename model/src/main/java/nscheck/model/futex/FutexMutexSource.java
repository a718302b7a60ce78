package nscheck.model.futex;

import nscheck.model.Bounds;
import nscheck.model.Model;
import nscheck.model.ModelException;
import nscheck.model.ModelSource;
import nscheck.model.packed.PackedInvariant;
import nscheck.model.packed.PackedModelView;

import java.util.List;
import java.util.Map;

/** `futex-mutex-once` and `futex-mutex-forever` in the catalog: one bound, {@code threads}. */
public final class FutexMutexSource implements ModelSource {
    private static final int DEFAULT_THREADS = 3;
    private final FutexMutex.Loop loop;

    public FutexMutexSource(FutexMutex.Loop loop) {
        this.loop = loop;
    }

    @Override public String name() { return "futex-mutex-" + loop.label(); }

    @Override public String description() { return new FutexMutex(1, loop).description(); }

    @Override public Map<String, Integer> defaultBounds() { return Map.of("threads", DEFAULT_THREADS); }

    @Override public String defaultVariant() { return loop.label(); }

    @Override
    public List<String> invariants() {
        return new FutexMutex(1, loop).invariants().stream().map(PackedInvariant::name).toList();
    }

    @Override
    public Model<?, ?> build(Map<String, Integer> overrides, String variantName) {
        FutexMutex.Bug bug = variantName == null || variantName.equals(loop.label()) ? FutexMutex.Bug.NONE : FutexMutex.Bug.byVariant(variantName);
        if (bug == null)
            throw new ModelException("model " + name() + " has only the variant " + loop.label() + " and the seeded bugs " + seededBugs()
                    + " (the other is a model of its own: futex-mutex-" + (loop == FutexMutex.Loop.ONCE ? "forever" : "once") + ")");
        Map<String, Integer> b = Bounds.override(name(), defaultBounds(), overrides);
        return new PackedModelView(new FutexMutex(b.get("threads"), loop, bug));
    }

    /** The protocol's seeded bugs, by --variant name. */
    public static List<String> seededBugs() {
        return java.util.Arrays.stream(FutexMutex.Bug.values()).map(FutexMutex.Bug::variant).filter(java.util.Objects::nonNull).toList();
    }
}
