package nscheck.checkers;

import nscheck.model.Model;
import nscheck.model.packed.PackedModelView;

/**
 * Picks the engine for a model: the parallel packed BFS when the model has a packed form, else
 * the object BFS, on every core ({@link ParallelBfs}, whose results equal {@link Bfs}'s) when
 * there is more than one.
 */
public final class Engines {
    private Engines() {}

    @SuppressWarnings("unchecked")
    public static <S, A> Engine<S, A> pick(Model<S, A> model, CheckOptions options, Progress progress) {
        if (model instanceof PackedModelView view)
            return (Engine<S, A>) new ParallelPackedBfs(view.packed(), new PackedStateSet(),
                    options, Runtime.getRuntime().availableProcessors(), progress);
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores > 1 && ParallelBfs.supports(model)) return new ParallelBfs<>(model, options, progress, cores);
        return new Bfs<>(model, options, progress);
    }
}
