package nscheck.checkers.store;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lock-free fingerprint table: of two threads adding the same fingerprint, exactly one hears it is new. */
class ConcurrentFingerprintSetTest {

    @Test
    void twoThreadsAddingTheSameFingerprintsCountEachOnce() throws InterruptedException {
        int keys = 40_000;
        for (int round = 0; round < 20; round++) {
            ConcurrentFingerprintSet set = new ConcurrentFingerprintSet(17);
            AtomicLong fresh = new AtomicLong();
            CountDownLatch go = new CountDownLatch(1);
            Thread[] threads = new Thread[2];
            for (int t = 0; t < threads.length; t++) {
                threads[t] = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    long mine = 0;
                    for (int k = 0; k < keys; k++) if (set.add(k * 0x9E3779B97F4A7C15L)) mine++; // fingerprint 0 too
                    fresh.addAndGet(mine);
                });
                threads[t].start();
            }
            go.countDown();
            for (Thread t : threads) t.join();
            assertEquals(keys, fresh.get(), "round " + round);
        }
    }

    @Test
    void zeroAndTheFullWidthAreKeys() {
        ConcurrentFingerprintSet set = new ConcurrentFingerprintSet(4);
        assertFalse(set.probablyContains(0));
        assertTrue(set.add(0));
        assertFalse(set.add(0));
        assertTrue(set.add(Long.MIN_VALUE));
        assertTrue(set.add(-1));
        assertFalse(set.add(-1));
        assertTrue(set.probablyContains(0) && set.probablyContains(Long.MIN_VALUE) && set.probablyContains(-1));
    }

    @Test
    void growingKeepsEveryKey() {
        ConcurrentFingerprintSet set = new ConcurrentFingerprintSet(4);
        long stored = 0;
        for (long k = 1; k <= 10_000; k++) {
            while (set.room(stored) <= 0) set.grow();
            assertTrue(set.add(k * 31));
            stored++;
        }
        for (long k = 1; k <= 10_000; k++) assertFalse(set.add(k * 31));
        assertTrue(set.room(stored) >= 0);
    }
}
