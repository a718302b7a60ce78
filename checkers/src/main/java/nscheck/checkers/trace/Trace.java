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
        if (model.symmetry() != null) return replayReal(model, path);
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

    /**
     * A reduced search (Model#canonical) stores representatives, and {@code path} indexes the
     * transitions out of them. The trace it reports is a real one: from the real initial state,
     * each step is the real transition whose action is the stored one up to renaming
     * (Model#sameAction) and whose successor has the stored successor's representative (or, when
     * representatives are not unique, lies in its class), so that every state, actor and
     * observation of the trace is one the model really has, and it replays without symmetry.
     */
    private static <S, A> Trace<S, A> replayReal(Model<S, A> model, int[] path) {
        S real = model.initialStates().get(path[0]);
        S initial = real;
        S stored = model.canonical(real);
        List<Step<S, A>> steps = new ArrayList<>();
        for (int i = 1; i < path.length; i++) {
            Transition<S, A> t = nth(model, stored, path[i]);
            S next = model.canonical(t.next());
            List<Transition<S, A>> all = new ArrayList<>();
            model.successors(real, all::add);
            Transition<S, A> match = null;
            for (Transition<S, A> u : all)
                if (model.sameAction(stored, t.action(), real, u.action()) && model.canonical(u.next()).equals(next)) { match = u; break; }
            if (match == null)
                for (Transition<S, A> u : all)
                    if (model.sameAction(stored, t.action(), real, u.action()) && model.sameClass(u.next(), t.next())) { match = u; break; }
            if (match == null)
                throw new IllegalStateException("symmetry reduction: step " + i + " of a trace has no real counterpart (the renaming is not an automorphism)");
            steps.add(new Step<>(real, match.action(), match.next()));
            real = match.next();
            stored = next;
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
