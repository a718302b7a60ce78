package nscheck.checkers.trace;

import nscheck.model.Model;
import nscheck.model.Transition;

import java.util.ArrayList;
import java.util.List;

/** A path through a model: the initial state and each step taken from it. */
public record Trace<S, A>(S initial, List<Step<S, A>> steps) {

    public record Step<S, A>(S pre, A action, S post) {}

    public int length() {
        return steps.size();
    }

    public S last() {
        return steps.isEmpty() ? initial : steps.get(steps.size() - 1).post();
    }

    /**
     * Rebuilds a trace from stored choices: {@code path[0]} picks the initial state, every later
     * entry the index of a transition among the successors of the state before it.
     */
    public static <S, A> Trace<S, A> replay(Model<S, A> model, int[] path) {
        S s = model.initialStates().get(path[0]);
        S initial = s;
        List<Step<S, A>> steps = new ArrayList<>();
        for (int i = 1; i < path.length; i++) {
            Transition<S, A> t = nth(model, s, path[i]);
            steps.add(new Step<>(s, t.action(), t.next()));
            s = t.next();
        }
        return new Trace<>(initial, List.copyOf(steps));
    }

    static <S, A> Transition<S, A> nth(Model<S, A> model, S state, int index) {
        List<Transition<S, A>> all = new ArrayList<>();
        model.successors(state, all::add);
        if (index >= all.size())
            throw new IllegalStateException("model is not deterministic: transition " + index + " of " + all.size() + " is gone");
        return all.get(index);
    }
}
