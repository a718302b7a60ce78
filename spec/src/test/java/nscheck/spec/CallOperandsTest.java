package nscheck.spec;

import nscheck.spec.call.CreatesTask;
import nscheck.spec.call.FutexWordOperand;
import nscheck.spec.call.Syscall;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a scenario reads off a call before running it: whether it makes a task (copy_process:
 * clone, clone3, clone_with_pids and nothing else) and which futex word it names (the highest
 * word of a robust list), asked of one call of every type.
 */
class CallOperandsTest {
    @Test
    void onlyTheClonesMakeATask() {
        for (Syscall c : EveryCall.ONE_OF_EACH) {
            boolean clone = c instanceof Syscall.Clone || c instanceof Syscall.Clone3 || c instanceof Syscall.CloneWithPids;
            assertEquals(clone, CreatesTask.of(c), c.toString());
        }
    }

    @Test
    void onlyTheFutexCallsNameAWord() {
        for (Syscall c : EveryCall.ONE_OF_EACH) {
            int expected = c instanceof Syscall.FutexWait w ? w.word() : c instanceof Syscall.FutexWake w ? w.word()
                    : c instanceof Syscall.FutexLockPi l ? l.word() : c instanceof Syscall.FutexTrylockPi t ? t.word()
                    : c instanceof Syscall.FutexUnlockPi u ? u.word() : c instanceof Syscall.SetRobustList ? 6 : -1;
            assertEquals(expected, FutexWordOperand.of(c), c.toString());
        }
        assertEquals(1, FutexWordOperand.of(new Syscall.FutexWait(1, 0)));
        assertEquals(4, FutexWordOperand.of(new Syscall.SetRobustList(List.of(0, 1), 4, true)));
        assertEquals(-1, FutexWordOperand.of(new Syscall.SetRobustList(List.of(), -1, false)));
    }
}
