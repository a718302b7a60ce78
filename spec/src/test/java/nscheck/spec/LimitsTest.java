package nscheck.spec;

import nscheck.spec.state.Limits;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bounds a model may set, each checked at its edge: at least one task, a nesting depth of
 * 0 to MAX_PID_NS_LEVEL (32, include/linux/pid_namespace.h), pid_max of at least 2, 0 to 30
 * kernel threads, and a pid_max above the kernel threads' numbers (2 up to kthreads + 1).
 */
class LimitsTest {
    private static void refused(String message, int tasks, int depth, int pidMax, int kthreads) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Limits(tasks, depth, pidMax, kthreads));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void everyBoundIsCheckedAtItsEdge() {
        assertDoesNotThrow(() -> new Limits(1, 0, 2, 0));
        assertDoesNotThrow(() -> new Limits(1, Limits.MAX_PID_NS_LEVEL, 2, 0));
        assertDoesNotThrow(() -> new Limits(1, 0, 32, 30));
        assertDoesNotThrow(() -> new Limits(1, 0, 4, 2), "kthreadd 2 and its thread 3 below pid_max 4");
        refused("tasks", 0, 0, 2, 0);
        refused("depth", 1, -1, 2, 0);
        refused("depth", 1, Limits.MAX_PID_NS_LEVEL + 1, 2, 0);
        refused("pid_max must be at least 2", 1, 0, 1, 0);
        refused("kthreads", 1, 0, 40, -1);
        refused("kthreads", 1, 0, 40, 31);
        refused("pid_max must be above the kernel threads' numbers (2..3)", 1, 0, 3, 2);
        assertEquals(32, Limits.MAX_PID_NS_LEVEL);
        assertEquals(300, Limits.RESERVED_PIDS);
    }

    @Test
    void theShortFormsBootWithoutKernelThreadsOrNames() {
        Limits l = new Limits(3, 1, 10);
        assertEquals(new Limits(3, 1, 10, 0, false), l);
        assertEquals(new Limits(3, 1, 10, 0, true), l.withNsNames());
    }
}
