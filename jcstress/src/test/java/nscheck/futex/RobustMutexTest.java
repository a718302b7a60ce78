package nscheck.futex;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The robust-list cleanup and the EOWNERDEAD indication, one thread at a time. */
class RobustMutexTest {

    @Test
    void deathOfTheOwnerFreesTheWordAndMarksIt() {
        RobustMutex m = new RobustMutex();
        m.lock(4);
        assertEquals(0, m.ownerDied(4), "nobody slept, so nobody is woken");
        assertEquals(PiFutexWord.OWNER_DIED, m.wordValue());
        assertEquals(0, m.owner());
    }

    @Test
    void theNextLockerIsToldOnceThatTheOwnerDied() {
        RobustMutex m = new RobustMutex();
        m.lock(4);
        m.ownerDied(4);
        assertEquals(Acquisition.OWNER_DIED, m.lockRobust(5));
        assertEquals(5, m.owner());
        assertFalse(PiFutexWord.ownerDied(m.wordValue()), "acquiring clears OWNER_DIED");
        m.unlock(5);
        assertEquals(Acquisition.ACQUIRED, m.lockRobust(6), "the death is reported to one locker only");
    }

    @Test
    void tryLockReportsTheDeathToo() {
        RobustMutex m = new RobustMutex();
        m.lock(4);
        assertEquals(Acquisition.BUSY, m.tryLockRobust(5));
        m.ownerDied(4);
        assertEquals(Acquisition.OWNER_DIED, m.tryLockRobust(5));
        assertEquals(Acquisition.BUSY, m.tryLockRobust(6));
    }

    @Test
    void deathOfANonOwnerLeavesTheWordAlone() {
        RobustMutex m = new RobustMutex();
        assertEquals(-1, m.ownerDied(4), "free mutex");
        m.lock(4);
        assertEquals(-1, m.ownerDied(5));
        assertEquals(4, m.wordValue());
        assertThrows(IllegalMonitorStateException.class, () -> m.unlock(5));
    }

    @Test
    void aSleeperIsWokenByTheDeathAndToldAboutIt() throws Exception {
        RobustMutex m = new RobustMutex();
        m.lock(1);
        AtomicReference<Acquisition> got = new AtomicReference<>();
        Thread waiter = new Thread(() -> got.set(m.lockRobust(2)));
        waiter.start();
        Await.until(() -> m.kernel().waiters(m.word) == 1, "the waiter never went to sleep", waiter,
                () -> "word " + Integer.toHexString(m.wordValue()));
        assertEquals(1 | PiFutexWord.WAITERS, m.wordValue());
        assertEquals(1, m.ownerDied(1), "WAITERS was set, so the cleanup wakes one sleeper");
        Await.joined(waiter, "the death did not wake the sleeper", () -> "word " + Integer.toHexString(m.wordValue()));
        assertEquals(Acquisition.OWNER_DIED, got.get());
        assertEquals(2 | PiFutexWord.WAITERS, m.wordValue());
    }
}
