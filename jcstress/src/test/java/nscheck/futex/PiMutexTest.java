package nscheck.futex;

import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Single-thread semantics of the word, plus one two-thread hand-off through the kernel. */
class PiMutexTest {

    @Test
    void uncontendedLockStoresTheTidAndUnlockClearsIt() {
        PiMutex m = new PiMutex();
        m.lock(7);
        assertEquals(7, m.wordValue(), "fast path: the word is exactly the TID, no flag bits");
        m.unlock(7);
        assertEquals(0, m.wordValue());
    }

    @Test
    void tryLockFailsWhileHeldAndSucceedsAfterUnlock() {
        PiMutex m = new PiMutex();
        assertTrue(m.tryLock(1));
        assertFalse(m.tryLock(2));
        assertFalse(m.tryLock(1), "not recursive: the owner's second tryLock is EBUSY too");
        assertEquals(1, m.owner());
        m.unlock(1);
        assertTrue(m.tryLock(2));
        assertEquals(2, m.owner());
    }

    @Test
    void unlockByNonOwnerIsRejectedAndChangesNothing() {
        PiMutex m = new PiMutex();
        assertThrows(IllegalMonitorStateException.class, () -> m.unlock(3), "unlock of a free mutex");
        m.lock(3);
        assertThrows(IllegalMonitorStateException.class, () -> m.unlock(4));
        assertEquals(3, m.wordValue());
    }

    @Test
    void relockingByTheOwnerIsADeadlockNotAHang() {
        PiMutex m = new PiMutex();
        m.lock(5);
        assertThrows(IllegalMonitorStateException.class, () -> m.lock(5));
    }

    @Test
    void tidsOutsideThe30BitFieldAreRejected() {
        PiMutex m = new PiMutex();
        assertThrows(IllegalArgumentException.class, () -> m.lock(0));
        assertThrows(IllegalArgumentException.class, () -> m.lock(PiFutexWord.TID_MASK + 1));
        assertThrows(IllegalArgumentException.class, () -> m.tryLock(-1));
        assertTrue(m.tryLock(PiFutexWord.TID_MASK));
    }

    @Test
    void tryLockKeepsTheWaitersBitOfAFreeWord() {
        PiMutex m = new PiMutex();
        m.word.set(PiFutexWord.WAITERS); // free, but a woken sleeper has not yet retried
        assertTrue(m.tryLock(9));
        assertEquals(9 | PiFutexWord.WAITERS, m.wordValue(), "our unlock must still wake the sleepers");
    }

    @Test
    void aSleepingLockerSetsWaitersAndIsWokenByUnlock() throws Exception {
        PiMutex m = new PiMutex();
        m.lock(1);
        Thread waiter = new Thread(() -> {
            m.lock(2);
            m.unlock(2);
        });
        waiter.start();
        Await.until(() -> m.kernel().waiters(m.word) == 1, "the waiter never went to sleep", waiter, () -> state(m));
        assertEquals(1 | PiFutexWord.WAITERS, m.wordValue());
        m.unlock(1);
        Await.joined(waiter, "unlock did not wake the sleeper", () -> state(m));
        // The woken locker took the word as TID|WAITERS, so its own unlock went the slow way.
        assertEquals(0, m.wordValue());
    }

    @Test
    void anInterruptDoesNotAbortLockButIsKeptForTheCaller() throws Exception {
        PiMutex m = new PiMutex();
        m.lock(1);
        boolean[] interruptedAfterLock = new boolean[1];
        Thread waiter = new Thread(() -> {
            m.lock(2);
            interruptedAfterLock[0] = Thread.currentThread().isInterrupted();
            m.unlock(2);
        });
        waiter.start();
        Await.until(() -> m.kernel().waiters(m.word) == 1, "the waiter never went to sleep", waiter, () -> state(m));
        waiter.interrupt();
        // pthread_mutex_lock is not interruptible: the waiter leaves the queue, clears the flag,
        // retries and sleeps again. The flag is cleared after leaving the queue, so "flag clear and
        // one sleeper" means it has gone back to sleep.
        Await.until(() -> !waiter.isInterrupted() && m.kernel().waiters(m.word) == 1, "the interrupted waiter never went back to sleep",
                waiter, () -> state(m));
        assertTrue(waiter.isAlive());
        assertEquals(1, m.owner());
        m.unlock(1);
        Await.joined(waiter, "unlock did not wake the sleeper", () -> state(m));
        assertTrue(interruptedAfterLock[0], "the interrupt is re-asserted once the lock is held");
    }

    private static String state(PiMutex m) {
        return "word " + Integer.toHexString(m.wordValue()) + ", " + m.kernel().waiters(m.word) + " asleep";
    }
}
