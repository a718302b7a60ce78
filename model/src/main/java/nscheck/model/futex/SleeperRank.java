package nscheck.model.futex;

/**
 * The futex wait queue as a number: its rank among the orders of the threads that sleep (a Lehmer
 * code). In every reachable state the queue holds exactly the threads at SLEEP, each once (WAIT
 * enqueues a thread as it goes to SLEEP, WAKE dequeues the one it moves on; {@code
 * FutexMutexObjects.queueIsSleepers}), so the pcs already say who is queued and only the order is
 * left: k sleepers take log2(k!) bits instead of 4 bits an id. That is what lets {@link FutexMutex}
 * hold 11 threads in one long (issue 14: N = 9 counted by a second exact engine).
 *
 * <p>A queue is passed around as a long of 4-bit thread ids, head in the low nibble, so that a step
 * allocates nothing.
 */
final class SleeperRank {
    private SleeperRank() {}

    /** The rank of {@code queue} ({@code length} ids, each a member of {@code sleepers}, each once) among the orders of {@code sleepers}. */
    static long rank(long queue, int length, int sleepers) {
        long rank = 0;
        int left = sleepers;
        for (int i = 0; i < length; i++) {
            int bit = 1 << (int) (queue >>> (4 * i) & 15);
            rank = rank * (length - i) + Integer.bitCount(left & (bit - 1));
            left &= ~bit;
        }
        return rank;
    }

    /** The queue of rank {@code rank} among the orders of {@code sleepers}, as 4-bit ids from the head. */
    static long queue(long rank, int sleepers) {
        int length = Integer.bitCount(sleepers);
        long digits = 0;
        for (int i = length - 1; i >= 0; i--) {
            int base = length - i;
            digits |= (rank % base) << (4 * i);
            rank /= base;
        }
        long queue = 0;
        int left = sleepers;
        for (int i = 0; i < length; i++) {
            int m = left;
            for (int d = (int) (digits >>> (4 * i) & 15); d > 0; d--) m &= m - 1; // drop the d smallest left
            int bit = Integer.lowestOneBit(m);
            queue |= (long) Integer.numberOfTrailingZeros(bit) << (4 * i);
            left &= ~bit;
        }
        return queue;
    }
}
