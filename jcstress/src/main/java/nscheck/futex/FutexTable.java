package nscheck.futex;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The simulated kernel half of the futex: a hash table of wait queues keyed by the futex word,
 * like kernel/futex/core.c's futex_hash_bucket.
 *
 * <p>The one property everything rests on is that {@link #futexWait} compares the word and
 * enqueues the caller under the bucket lock, and {@link #futexWake} dequeues under the same
 * lock. A waker changes the word before it takes the lock; so either the waiter's compare sees
 * the change and returns {@link WaitResult#VALUE_CHANGED}, or the waiter was already queued when
 * the waker looked. Without the compare-under-lock a wake-up can fall between the waiter's last
 * look at the word and its sleep, and be lost.
 */
public class FutexTable {
    /** What a futexWait returned, named after the kernel's results (0, EAGAIN, EINTR). */
    public enum WaitResult { WOKEN, VALUE_CHANGED, INTERRUPTED }

    /** One sleeping caller; opaque outside this class. */
    protected static final class Waiter {
        final PiFutexWord word;
        final Thread thread;
        volatile boolean woken;

        Waiter(PiFutexWord word, Thread thread) {
            this.word = word;
            this.thread = thread;
        }
    }

    private static final class Bucket {
        final ReentrantLock lock = new ReentrantLock();
        final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    }

    private final Bucket[] buckets;

    public FutexTable() {
        this(16);
    }

    public FutexTable(int bucketCount) {
        if (Integer.bitCount(bucketCount) != 1) {
            throw new IllegalArgumentException("bucket count must be a power of two: " + bucketCount);
        }
        buckets = new Bucket[bucketCount];
        for (int i = 0; i < bucketCount; i++) buckets[i] = new Bucket();
    }

    private Bucket bucketOf(PiFutexWord word) {
        // Distinct words may share a bucket, as in the kernel; waiters are matched by word.
        return buckets[System.identityHashCode(word) & (buckets.length - 1)];
    }

    /**
     * FUTEX_WAIT: sleep while {@code word} still holds {@code expected}. Returns at once with
     * VALUE_CHANGED if it does not; otherwise sleeps until a futexWake picks this caller.
     * An interrupt ends the sleep with INTERRUPTED (and clears the thread's interrupt flag).
     */
    public WaitResult futexWait(PiFutexWord word, int expected) {
        Bucket b = bucketOf(word);
        Waiter me = new Waiter(word, Thread.currentThread());
        if (!enqueueIfUnchanged(word, expected, me)) return WaitResult.VALUE_CHANGED;
        // park may return spuriously or because of a stale permit; only `woken` counts.
        while (!me.woken) {
            LockSupport.park(this);
            if (me.thread.isInterrupted()) {
                b.lock.lock();
                try {
                    // A wake may have chosen us meanwhile: then report it (keeping the interrupt
                    // flag for the caller), because a swallowed wake strands the next waiter.
                    if (!me.woken) {
                        b.queue.remove(me);
                        Thread.interrupted();
                        return WaitResult.INTERRUPTED;
                    }
                } finally {
                    b.lock.unlock();
                }
            }
        }
        return WaitResult.WOKEN;
    }

    /**
     * The heart of futex_wait_setup: compare the word and queue the caller as one step under
     * the bucket lock. Returns false, queueing nothing, if the word no longer holds
     * {@code expected}. (A step of its own so that a seeded bug in the tests can split it.)
     */
    protected boolean enqueueIfUnchanged(PiFutexWord word, int expected, Waiter me) {
        Bucket b = bucketOf(word);
        b.lock.lock();
        try {
            if (word.get() != expected) return false;
            b.queue.addLast(me);
            return true;
        } finally {
            b.lock.unlock();
        }
    }

    /** Queues {@code me} on its word's bucket without looking at the word. */
    protected final void enqueue(Waiter me) {
        Bucket b = bucketOf(me.word);
        b.lock.lock();
        try {
            b.queue.addLast(me);
        } finally {
            b.lock.unlock();
        }
    }

    /** FUTEX_WAKE: wakes up to {@code n} waiters on {@code word}, oldest first; returns how many. */
    public int futexWake(PiFutexWord word, int n) {
        Bucket b = bucketOf(word);
        int woken = 0;
        b.lock.lock();
        try {
            for (Iterator<Waiter> it = b.queue.iterator(); it.hasNext() && woken < n; ) {
                Waiter w = it.next();
                if (w.word != word) continue;
                it.remove();
                w.woken = true;
                LockSupport.unpark(w.thread);
                woken++;
            }
        } finally {
            b.lock.unlock();
        }
        return woken;
    }

    /** How many callers sleep on {@code word}; for tests and diagnostics. */
    public int waiters(PiFutexWord word) {
        Bucket b = bucketOf(word);
        b.lock.lock();
        try {
            int count = 0;
            for (Waiter w : b.queue) if (w.word == word) count++;
            return count;
        } finally {
            b.lock.unlock();
        }
    }
}
