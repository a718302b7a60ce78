package nscheck.checkers.engine;

import nscheck.checkers.store.VisitedSet;

import java.nio.file.Path;

/**
 * Where an object search keeps what it has seen and what it has still to expand: the visited set
 * (null: the exact fingerprint table; or a {@link nscheck.checkers.store.BitstateSet}), the bytes
 * of a level it may hold in memory before the rest goes to a file in {@code spillDirectory}
 * (-1: all in memory), and where it saves itself ({@code checkpointDirectory}, null for nowhere;
 * at the first level boundary after every {@code checkpointMillis}) or resumes from
 * ({@code resume}: the search starts from the checkpoint in {@code checkpointDirectory}).
 */
public record StateStorage(VisitedSet visited, long frontierBytes, Path spillDirectory,
                           Path checkpointDirectory, long checkpointMillis, boolean resume) {
    public static final StateStorage IN_MEMORY = new StateStorage(null, -1, null);

    public StateStorage(VisitedSet visited, long frontierBytes, Path spillDirectory) {
        this(visited, frontierBytes, spillDirectory, null, 0, false);
    }

    /** The same storage, saving itself into {@code directory} every {@code millis} (resuming from it if {@code resume}). */
    public StateStorage checkpointed(Path directory, long millis, boolean resume) {
        return new StateStorage(visited, frontierBytes, spillDirectory, directory, millis, resume);
    }
}
