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
final class ToyModels {
    private ToyModels() {}

    /**
     * A counter from 0 to {@code max} that can add 1 or 2; at {@code max} it stops. The invariant
     * "never equals {@code bad}" fails first after ceil(bad/2) steps.
     */
    static Model<Integer, String> counter(int max, int bad, boolean deadlockIsError) {
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
            public long fingerprint(Integer s) { return nscheck.spec.state.StateHasher.fmix64(s + 1); }
            public int maxDepth() { return 0; }
            public boolean deadlockIsViolation() { return deadlockIsError; }
            public List<String> actionFamilies() { return List.of("inc", "inc2", "dec"); }
            public String family(String a) { return a; }
            public TraceStep describe(Integer pre, String a, Integer post) { return new TraceStep("c", "", a, Map.of(), a, "= " + post); }
            public String describeState(Integer s) { return "n=" + s; }
        };
    }
}
