package nscheck.model.packed;

import nscheck.model.Model;
import nscheck.model.Property;
import nscheck.model.TraceStep;
import nscheck.model.Transition;
import nscheck.spec.state.Fmix64;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@link PackedModel} as an ordinary {@link Model} of boxed states, so that every generic
 * checker (the object Bfs, replay, counterexample files, reports) works on it unchanged; the
 * CLI sees a view and hands its {@link #packed()} model to the fast engine instead.
 */
public final class PackedModelView implements Model<Long, PackedStep> {
    private final PackedModel packed;
    private final List<Property<Long, PackedStep>> properties;

    public PackedModelView(PackedModel packed) {
        this.packed = packed;
        List<Property<Long, PackedStep>> props = new ArrayList<>();
        for (PackedInvariant inv : packed.invariants())
            props.add(new Property.Always<>(inv.name(), inv.statement(), s -> inv.check().check(s)));
        this.properties = List.copyOf(props);
    }

    public PackedModel packed() {
        return packed;
    }

    @Override public String name() { return packed.name(); }

    @Override public String description() { return packed.description(); }

    @Override public String variant() { return packed.variant(); }

    @Override public Map<String, Integer> bounds() { return packed.bounds(); }

    @Override public int maxDepth() { return packed.maxDepth(); }

    @Override public boolean deadlockIsViolation() { return packed.deadlockIsViolation(); }

    @Override
    public List<Long> initialStates() {
        List<Long> out = new ArrayList<>();
        for (long s : packed.initialStates()) out.add(s);
        return out;
    }

    @Override
    public void successors(Long state, Consumer<Transition<Long, PackedStep>> out) {
        long[] next = new long[packed.maxSuccessors()];
        int[] family = new int[next.length];
        int n = packed.successors(state, next, family);
        List<String> families = packed.actionFamilies();
        for (int i = 0; i < n; i++) out.accept(new Transition<>(new PackedStep(i, families.get(family[i])), next[i]));
    }

    @Override public List<Property<Long, PackedStep>> properties() { return properties; }

    /** The state is its own identity; the mix only spreads its few used bits over all 64 (it is a bijection, so no collisions). */
    @Override
    public long fingerprint(Long state) {
        return Fmix64.mix(state);
    }

    @Override public List<String> actionFamilies() { return packed.actionFamilies(); }

    @Override public String family(PackedStep step) { return step.family(); }

    @Override
    public TraceStep describe(Long pre, PackedStep step, Long post) {
        return packed.describe(pre, step.choice(), post);
    }

    @Override public String describeState(Long state) { return packed.describeState(state); }
}
