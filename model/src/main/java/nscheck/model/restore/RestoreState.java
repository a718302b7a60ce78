package nscheck.model.restore;

import nscheck.spec.state.Kernel;
import nscheck.spec.state.StateHasher;

/**
 * The target host of a migration: its kernel (whose namespaces carry their names, N1, N3), the
 * names of the namespaces freed so far ({@link FreedNames}), how many other containers its manager
 * has started, and whether the checkpointed container has been restored.
 */
record RestoreState(Kernel target, FreedNames freed, int starts, int restore, int restoredInit) {
    static final int NOT_YET = 0, RESTORED = 1, FAILED = 2;

    long fingerprint() {
        StateHasher h = new StateHasher();
        target.hashInto(h);
        freed.hashInto(h);
        h.add(starts);
        h.add(restore);
        h.add(restoredInit);
        return h.value();
    }
}
