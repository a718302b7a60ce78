package nscheck.model.futex;

import nscheck.model.Property;
import nscheck.model.Verdict;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * no-lost-wakeup of the object form of Drepper's mutex, on states written by hand: a sleeper is
 * safe while val is 2 (the holder's unlock will wake it) or while some thread is about to make it
 * 2 or wake it (XCHG, STORE, WAKE); a sleeper with neither sleeps forever.
 */
class SleeperWakeupTest {
    private static final byte CAS = (byte) FutexPc.CAS.code(), XCHG = (byte) FutexPc.XCHG.code(), SLEEP = (byte) FutexPc.SLEEP.code(),
            CS = (byte) FutexPc.CS.code(), STORE = (byte) FutexPc.STORE.code(), WAKE = (byte) FutexPc.WAKE.code(), DONE = (byte) FutexPc.DONE.code();

    private static Verdict noLostWakeup(int val, byte[] pc, byte... queue) {
        FutexMutexObjects m = new FutexMutexObjects(pc.length, FutexMutex.Loop.ONCE);
        for (Property<FutexMutexObjects.State, FutexMutexObjects.Step> p : m.properties())
            if (p.name().equals("no-lost-wakeup"))
                return ((Property.Always<FutexMutexObjects.State, FutexMutexObjects.Step>) p).check().check(new FutexMutexObjects.State(val, pc, queue));
        throw new AssertionError("no no-lost-wakeup");
    }

    @Test
    void nobodyAsleepSaysNothing() {
        assertEquals(Verdict.VACUOUS, noLostWakeup(0, new byte[] {CAS, CAS}));
        assertEquals(Verdict.VACUOUS, noLostWakeup(1, new byte[] {CS, DONE}));
    }

    @Test
    void aSleeperWithValTwoWillBeWoken() {
        assertEquals(Verdict.HOLDS, noLostWakeup(2, new byte[] {CS, SLEEP}, (byte) 1));
    }

    @Test
    void aSleeperIsSafeWhileAThreadIsAboutToSetValToTwoOrWakeIt() {
        assertEquals(Verdict.HOLDS, noLostWakeup(0, new byte[] {XCHG, SLEEP}, (byte) 1));
        assertEquals(Verdict.HOLDS, noLostWakeup(1, new byte[] {STORE, SLEEP}, (byte) 1));
        assertEquals(Verdict.HOLDS, noLostWakeup(0, new byte[] {WAKE, SLEEP}, (byte) 1));
    }

    @Test
    void aSleeperNobodyWillWakeIsLost() {
        assertEquals(Verdict.VIOLATED, noLostWakeup(0, new byte[] {DONE, SLEEP}, (byte) 1));
        assertEquals(Verdict.VIOLATED, noLostWakeup(1, new byte[] {CS, SLEEP}, (byte) 1));
        assertEquals(Verdict.VIOLATED, noLostWakeup(0, new byte[] {CAS, SLEEP, SLEEP}, (byte) 1, (byte) 2));
    }
}
