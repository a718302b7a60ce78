package nscheck.model.futex;

/**
 * One step of a protocol thread: a user-space atomic on a shared word or a futex call.
 *
 * @param thread index of the protocol thread
 * @param slot   its kernel task slot
 * @param family the kind of step (cmpxchg, futex-lock-pi, ...), for coverage
 * @param text   the step as a person reads it, e.g. {@code cmpxchg(w0, 0, 3)}
 * @param result what the thread saw, e.g. {@code = 0} or {@code = -1 ESRCH}
 */
public record FutexStep(int thread, int slot, String family, String text, String result) {}
