package nscheck.checkers;

import nscheck.model.Model;
import nscheck.model.Property;
import nscheck.model.TraceStep;
import nscheck.model.Transition;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A model seen through one of its properties, so that a search stops only at that property's violation. */
public final class SingleProperty<S, A> implements Model<S, A> {
    private final Model<S, A> m;
    private final List<Property<S, A>> only;

    public SingleProperty(Model<S, A> m, String property) {
        this.m = m;
        this.only = m.properties().stream().filter(p -> p.name().equals(property)).toList();
        if (only.isEmpty()) throw new IllegalArgumentException(property);
    }

    @Override public String name() { return m.name(); }
    @Override public String description() { return m.description(); }
    @Override public String variant() { return m.variant(); }
    @Override public Map<String, Integer> bounds() { return m.bounds(); }
    @Override public List<S> initialStates() { return m.initialStates(); }
    @Override public void successors(S state, Consumer<Transition<S, A>> out) { m.successors(state, out); }
    @Override public List<Property<S, A>> properties() { return only; }
    @Override public long fingerprint(S state) { return m.fingerprint(state); }
    @Override public int maxDepth() { return m.maxDepth(); }
    @Override public List<String> actionFamilies() { return m.actionFamilies(); }
    @Override public String family(A action) { return m.family(action); }
    @Override public TraceStep describe(S pre, A action, S post) { return m.describe(pre, action, post); }
    @Override public String describeState(S state) { return m.describeState(state); }
}
