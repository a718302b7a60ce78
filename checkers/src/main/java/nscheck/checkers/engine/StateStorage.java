package nscheck.checkers.engine;

import nscheck.checkers.store.VisitedSet;

import java.nio.file.Path;

/**
 * Where an object search keeps what it has seen and what it has still to expand: the visited set
 * (null: the exact fingerprint table; or a {@link nscheck.checkers.store.BitstateSet}) and the bytes
 * of a level it may hold in memory before the rest goes to a file in {@code spillDirectory}
 * (-1: all in memory).
 */
public record StateStorage(VisitedSet visited, long frontierBytes, Path spillDirectory) {
    public static final StateStorage IN_MEMORY = new StateStorage(null, -1, null);
}
