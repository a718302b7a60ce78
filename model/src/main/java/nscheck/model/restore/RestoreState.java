package nscheck.model.restore;

import nscheck.spec.state.Kernel;
import nscheck.spec.state.StateHasher;

/**
 * The target host of a migration: its kernel, its namespace identifiers, how many other
 * containers its manager has started, and whether the checkpointed container has been restored.
 */
record RestoreState(Kernel target, NsIdTable ids, int starts, int restore, int restoredInit) {
    static final int NOT_YET = 0, RESTORED = 1, FAILED = 2;

    long fingerprint() {
        StateHasher h = new StateHasher();
        target.hashInto(h);
        ids.hashInto(h);
        h.add(starts);
        h.add(restore);
        h.add(restoredInit);
        return h.value();
    }
}
