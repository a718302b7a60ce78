package nscheck.checkers.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `bench --kernel` times a model's whole bounded space, past its violations, and says in one line
 * when that space is too small to time instead of printing a speed-up of a fraction of a second.
 * (No timing is asserted: only which lines the bench prints.)
 */
class KernelBenchTest {
    /**
     * restore-migration breaks ns-id-survives-migration under mainline in one step: a search that
     * stopped there timed 3 states. Searched to its end it has 51, still below
     * {@link BenchCommand#KERNEL_MIN_STATES}, so the model gets its line and no rows.
     */
    @Test
    void aModelTooSmallToTimeGetsOneLineAndNoRows() {
        CliTest.Run r = CliTest.nscheck("bench", "--kernel", "restore-migration", "--threads", "1");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().contains("restore-migration    not timed: 51 distinct states in all, too few to time (fewer than 10,000"), r.out());
        assertFalse(r.out().contains("speed-up"), r.out());
        assertFalse(r.out().lines().anyMatch(l -> l.startsWith("restore-migration    bfs") || l.contains("parallel-bfs")), r.out());
    }
}
