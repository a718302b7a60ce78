package nscheck.model.futex;

import nscheck.model.Bounds;
import nscheck.model.Model;
import nscheck.model.ModelSource;
import nscheck.spec.state.Limits;
import nscheck.spec.rules.Semantics;
import nscheck.spec.variant.Variant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A futex model defined in code: a mutex protocol, a thread layout, bounds and invariants. */
public final class FutexModelSource implements ModelSource {
    private final String name;
    private final String description;
    private final Supplier<MutexProtocol> protocol;
    private final ThreadLayout layout;
    private final Map<String, Integer> bounds;
    private final List<String> invariants;

    private FutexModelSource(String name, String description, Supplier<MutexProtocol> protocol, ThreadLayout layout,
                             int threads, int rounds, List<String> invariants) {
        this.name = name;
        this.description = description;
        this.protocol = protocol;
        this.layout = layout;
        Map<String, Integer> b = new LinkedHashMap<>();
        b.put("threads", threads);
        b.put("rounds", rounds);
        b.put("steps", 0);
        this.bounds = b;
        this.invariants = invariants;
    }

    private static final List<String> LOCK = List.of("mutual-exclusion", "no-lost-wakeup");
    private static final List<String> PI = List.of("mutual-exclusion", "no-lost-wakeup", "owner-identity");
    private static final List<String> ROBUST = List.of("mutual-exclusion", "no-lost-wakeup", "owner-identity", "robust-recovery");

    public static ModelSource mutex() {
        return new FutexModelSource("futex-mutex",
                "Drepper's three-state futex mutex (cmpxchg/xchg, FUTEX_WAIT/FUTEX_WAKE), threads of one process.",
                ThreeStateMutex::new, ThreadLayout.SAME_NAMESPACE, 3, 2, LOCK);
    }

    public static ModelSource pi() {
        return new FutexModelSource("futex-pi",
                "glibc's PI mutex (cmpxchg TID fast path, FUTEX_LOCK_PI/UNLOCK_PI), threads of one process in one PID namespace.",
                () -> new PthreadPiMutex(false), ThreadLayout.SAME_NAMESPACE, 3, 2, PI);
    }

    public static ModelSource piCrossNamespace() {
        return new FutexModelSource("futex-pi-crossns",
                "glibc's PI mutex shared by a host process and a container's threads: each reads the other's TID in its own PID namespace (F6).",
                () -> new PthreadPiMutex(false), ThreadLayout.CROSS_NAMESPACE, 3, 1, PI);
    }

    public static ModelSource robust() {
        return new FutexModelSource("futex-robust",
                "glibc's robust PI mutex, threads of one process; one holder may die, the robust list and exit_pi_state_list report it.",
                () -> new PthreadPiMutex(true), ThreadLayout.SAME_NAMESPACE, 3, 1, ROBUST);
    }

    public static ModelSource robustCrossNamespace() {
        return new FutexModelSource("futex-robust-crossns",
                "glibc's robust PI mutex shared across PID namespaces; one holder may die (F5, F6).",
                () -> new PthreadPiMutex(true), ThreadLayout.CROSS_NAMESPACE, 3, 1, List.of("mutual-exclusion", "no-lost-wakeup", "robust-recovery"));
    }

    @Override public String name() { return name; }

    @Override public String description() { return description; }

    @Override public Map<String, Integer> defaultBounds() { return bounds; }

    @Override public String defaultVariant() { return "mainline"; }

    @Override public List<String> invariants() { return invariants; }

    @Override
    public Model<?, ?> build(Map<String, Integer> overrides, String variantName) {
        Map<String, Integer> b = Bounds.override(name, bounds, overrides);
        Bounds.within(b, "threads", 2, 5);
        Bounds.within(b, "rounds", 1, 3);
        Variant variant = Bounds.variant(variantName == null ? defaultVariant() : variantName);
        // Room for the root init, the host process or container init, and the threads; one level of nesting.
        Semantics semantics = new Semantics(variant, new Limits(b.get("threads") + 3, 1, 16)).forgettingExitStatus();
        return new FutexModel(name, description, b, semantics, protocol.get(), layout, invariants);
    }
}
