package nscheck.checkers.engine;

import nscheck.checkers.store.PackedStateSet;
import nscheck.checkers.store.PackedVisitedSet;
import nscheck.model.Model;
import nscheck.model.packed.PackedModelView;

/**
 * Picks the engine for a model: the parallel packed BFS when the model has a packed form, else
 * the object BFS, on every core ({@link ParallelBfs}, whose results equal {@link Bfs}'s) when
 * there is more than one, or, when asked, the level-synchronous one ({@link LevelSynchronousBfs}).
 */
public final class Engines {
    private Engines() {}

    public static <S, A> Engine<S, A> pick(Model<S, A> model, CheckOptions options, Progress progress) {
        return pick(model, options, progress, null, -1, null);
    }

    /**
     * As {@link #pick(Model, CheckOptions, Progress)}, with the bounded-memory choices (every model): {@code store} (null for the exact table, e.g. a {@link nscheck.checkers.store.BitstateSet}) and a frontier
     * kept to {@code frontierBytes} a level in memory, the rest in {@code spillDirectory} (-1: all in memory).
     */
    public static <S, A> Engine<S, A> pick(Model<S, A> model, CheckOptions options, Progress progress,
                                           PackedVisitedSet store, long frontierBytes, java.nio.file.Path spillDirectory) {
        return pick(model, options, progress, store, frontierBytes, spillDirectory, null, 0, false);
    }

    /**
     * As above, saving the search in {@code checkpoint} every {@code checkpointMillis} (null: never),
     * or going on with the one saved there ({@code resume}). Object models only: a packed search refuses.
     */
    public static <S, A> Engine<S, A> pick(Model<S, A> model, CheckOptions options, Progress progress,
                                           PackedVisitedSet store, long frontierBytes, java.nio.file.Path spillDirectory,
                                           java.nio.file.Path checkpoint, long checkpointMillis, boolean resume) {
        return pick(model, options, progress, store, frontierBytes, spillDirectory, checkpoint, checkpointMillis, resume, false);
    }

    /**
     * As above; {@code levelSynchronous} runs an object model on {@link LevelSynchronousBfs} (lock-free,
     * no merging thread; whole levels, no checkpoints) instead of {@link ParallelBfs} (check --engine level).
     */
    @SuppressWarnings("unchecked")
    public static <S, A> Engine<S, A> pick(Model<S, A> model, CheckOptions options, Progress progress,
                                           PackedVisitedSet store, long frontierBytes, java.nio.file.Path spillDirectory,
                                           java.nio.file.Path checkpoint, long checkpointMillis, boolean resume, boolean levelSynchronous) {
        if (checkpoint != null && model instanceof PackedModelView)
            throw new IllegalArgumentException("--checkpoint and --resume are for object models; " + model.name() + " is packed (it runs in seconds)");
        if (model instanceof PackedModelView view) {
            ParallelPackedBfs bfs = new ParallelPackedBfs(view.packed(), store == null ? new PackedStateSet(16) : store,
                    options, Runtime.getRuntime().availableProcessors(), progress);
            if (frontierBytes >= 0) bfs.spillFrontier(frontierBytes, spillDirectory);
            return (Engine<S, A>) bfs;
        }
        // Object models: the same bitstate set over fingerprints, and a frontier of packed states (StateCodec) that may spill.
        StateStorage storage = new StateStorage(store, frontierBytes, spillDirectory);
        if (checkpoint != null) storage = storage.checkpointed(checkpoint, checkpointMillis, resume);
        int cores = Runtime.getRuntime().availableProcessors();
        if (levelSynchronous && LevelSynchronousBfs.supports(storage)) return new LevelSynchronousBfs<>(model, options, progress, cores, storage);
        if (cores > 1 && ParallelBfs.supports(model)) return new ParallelBfs<>(model, options, progress, cores, storage);
        return new Bfs<>(model, options, progress, storage);
    }
}
