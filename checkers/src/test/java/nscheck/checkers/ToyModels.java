package nscheck.checkers;

import nscheck.model.Model;
import nscheck.model.Property;
import nscheck.model.TraceStep;
import nscheck.model.Transition;
import nscheck.model.Verdict;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Tiny models with known state spaces, to test the engine apart from the kernel spec. */
public final class ToyModels {
    private ToyModels() {}

    /**
     * A counter from 0 to {@code max} that can add 1 or 2; at {@code max} it stops. The invariant
     * "never equals {@code bad}" fails first after ceil(bad/2) steps.
     */
    public static Model<Integer, String> counter(int max, int bad, boolean deadlockIsError) {
        return new Model<>() {
            public String name() { return "counter"; }
            public String description() { return "counter"; }
            public String variant() { return "-"; }
            public Map<String, Integer> bounds() { return Map.of("max", max); }
            public List<Integer> initialStates() { return List.of(0); }
            public void successors(Integer s, Consumer<Transition<Integer, String>> out) {
                if (s + 1 <= max) out.accept(new Transition<>("inc", s + 1));
                if (s + 2 <= max) out.accept(new Transition<>("inc2", s + 2));
            }
            public List<Property<Integer, String>> properties() {
                return List.of(new Property.Always<>("not-bad", "never " + bad, s -> Verdict.of(s != bad)),
                        new Property.Always<>("never-negative", "vacuous unless negative", s -> s < 0 ? Verdict.VIOLATED : Verdict.VACUOUS));
            }
            public long fingerprint(Integer s) { return nscheck.spec.state.Fmix64.mix(s + 1); }
            public int maxDepth() { return 0; }
            public boolean deadlockIsViolation() { return deadlockIsError; }
            public List<String> actionFamilies() { return List.of("inc", "inc2", "dec"); }
            public String family(String a) { return a; }
            public TraceStep describe(Integer pre, String a, Integer post) { return new TraceStep("c", "", a, Map.of(), a, "= " + post); }
            public String describeState(Integer s) { return "n=" + s; }
        };
    }

    /**
     * The complete binary tree of the numbers up to {@code max}: n steps to 2n + 1 and 2n + 2, so
     * every state but a leaf has two successors and level k holds the 2^k states from 2^k - 1.
     * {@code expanding} is told of each state as its successors are asked for.
     */
    public static Model<Integer, String> tree(int max, java.util.function.IntConsumer expanding) {
        return new Model<>() {
            public String name() { return "tree"; }
            public String description() { return "binary tree"; }
            public String variant() { return "-"; }
            public Map<String, Integer> bounds() { return Map.of("max", max); }
            public List<Integer> initialStates() { return List.of(0); }
            public void successors(Integer s, Consumer<Transition<Integer, String>> out) {
                expanding.accept(s);
                if (2L * s + 2 <= max) {
                    out.accept(new Transition<>("left", 2 * s + 1));
                    out.accept(new Transition<>("right", 2 * s + 2));
                }
            }
            public List<Property<Integer, String>> properties() {
                return List.of(new Property.Always<>("non-negative", "never negative", s -> Verdict.of(s >= 0)));
            }
            public long fingerprint(Integer s) { return nscheck.spec.state.Fmix64.mix(s + 1); }
            public int maxDepth() { return 0; }
            public List<String> actionFamilies() { return List.of("left", "right"); }
            public String family(String a) { return a; }
            public TraceStep describe(Integer pre, String a, Integer post) { return new TraceStep("t", "", a, Map.of(), a, "= " + post); }
            public String describeState(Integer s) { return "n=" + s; }
        };
    }

    /** {@code model} with {@code extra} checked after its own properties, in that order. */
    @SafeVarargs
    public static <S, A> Model<S, A> withProperties(Model<S, A> model, Property<S, A>... extra) {
        List<Property<S, A>> all = new java.util.ArrayList<>(model.properties());
        all.addAll(List.of(extra));
        return new Model<>() {
            public String name() { return model.name(); }
            public String description() { return model.description(); }
            public String variant() { return model.variant(); }
            public Map<String, Integer> bounds() { return model.bounds(); }
            public List<S> initialStates() { return model.initialStates(); }
            public void successors(S s, Consumer<Transition<S, A>> out) { model.successors(s, out); }
            public List<Property<S, A>> properties() { return all; }
            public long fingerprint(S s) { return model.fingerprint(s); }
            public int maxDepth() { return model.maxDepth(); }
            public boolean deadlockIsViolation() { return model.deadlockIsViolation(); }
            public List<String> actionFamilies() { return model.actionFamilies(); }
            public String family(A a) { return model.family(a); }
            public TraceStep describe(S pre, A a, S post) { return model.describe(pre, a, post); }
            public String describeState(S s) { return model.describeState(s); }
        };
    }
}
