package nscheck.spec.state;

/**
 * A task queued on a futex word (struct futex_q on the hash bucket). Queued waiters of one word
 * are served in arrival order (F2; the model has no priorities, so plist order is FIFO).
 *
 * @param slot  the waiting task
 * @param word  index of the word in {@link SharedMemory}
 * @param pi    queued by FUTEX_LOCK_PI (it holds a reference to the word's {@link PiState})
 * @param woken the kernel has woken it (FUTEX_WAKE, a PI hand-off, an owner's death); it still has
 *              to run to return from its call, and a PI waiter stays on the queue until then
 */
public record FutexWaiter(int slot, int word, boolean pi, boolean woken) {
    public FutexWaiter wake() {
        return new FutexWaiter(slot, word, pi, true);
    }
}
