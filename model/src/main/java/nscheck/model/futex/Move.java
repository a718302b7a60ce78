package nscheck.model.futex;

import nscheck.spec.state.Kernel;

/**
 * What one step of a protocol thread does: the label, the kernel afterwards, where the thread's
 * program counter goes, and what the step means for the invariants.
 *
 * @param pc           the next program counter, or {@link #ROUND_DONE} when an unlock completed a round
 * @param acquired     the thread has just taken the lock (it then reads FUTEX_OWNER_DIED from the word)
 * @param died         the thread exited while holding the lock
 */
record Move(String family, String text, String result, Kernel kernel, int pc, boolean acquired, boolean died) {
    static final int ROUND_DONE = -1;

    static Move to(String family, String text, String result, Kernel kernel, int pc) {
        return new Move(family, text, result, kernel, pc, false, false);
    }

    Move acquiring() {
        return new Move(family, text, result, kernel, pc, true, false);
    }

    Move dying() {
        return new Move(family, text, result, kernel, pc, false, true);
    }
}
