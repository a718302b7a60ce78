package nscheck.checkers;

import nscheck.model.Model;
import nscheck.model.packed.PackedModelView;

/** Picks the engine for a model: the parallel packed BFS when the model has a packed form, else the object Bfs. */
public final class Engines {
    private Engines() {}

    @SuppressWarnings("unchecked")
    public static <S, A> Engine<S, A> pick(Model<S, A> model, CheckOptions options, Progress progress) {
        if (model instanceof PackedModelView view)
            return (Engine<S, A>) new ParallelPackedBfs(view.packed(), new PackedStateSet(),
                    options, Runtime.getRuntime().availableProcessors(), progress);
        return new Bfs<>(model, options, progress);
    }
}
