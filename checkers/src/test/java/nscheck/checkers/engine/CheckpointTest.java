package nscheck.checkers.engine;

import nscheck.checkers.store.BitstateSet;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A search stopped at any level and resumed from its checkpoint ends exactly as the uninterrupted
 * search: same counts, coverage, verdicts and traces.
 */
class CheckpointTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} / {1}, stopped at depth {2}")
    @CsvSource({
            "pidns-basic,      ,                       3",
            "pidns-init-death, seeded-shallow-zap,     4",
            "futex-robust,     ,                       4",
    })
    void aResumedSearchEndsAsTheUninterruptedOne(String model, String variant, int stopAt) {
        Model<?, ?> m = ModelCatalog.find(model).build(Map.of(), variant);
        CheckOptions o = new CheckOptions(-1, false, 0);
        CheckResult<?, ?> whole = new ParallelBfs<>(m, o, Progress.NONE, 2).run();
        Path dir = tmp.resolve(model + stopAt);
        ParallelBfs<?, ?>[] first = new ParallelBfs<?, ?>[1];
        Progress stopping = new Progress() {
            @Override public void report(Statistics s) {}
            @Override public void level(int depth, long states, Statistics sofar) {
                if (depth == stopAt) first[0].requestStop();
            }
        };
        first[0] = new ParallelBfs<>(m, o, stopping, 2, StateStorage.IN_MEMORY.checkpointed(dir, 0, false));
        CheckResult<?, ?> stopped = first[0].run();
        assertTrue(Files.exists(dir.resolve(SearchCheckpoint.FILE)), "a checkpoint was written");
        if (stopped.ending() != Ending.INTERRUPTED) return; // the violation came first: nothing to resume
        CheckResult<?, ?> resumed = new ParallelBfs<>(m, o, Progress.NONE, 2, StateStorage.IN_MEMORY.checkpointed(dir, 0, true)).run();
        ParallelBfsTest.assertSame(whole, resumed);
        CheckResult<?, ?> sequential = new Bfs<>(m, o, Progress.NONE, StateStorage.IN_MEMORY.checkpointed(dir, 0, true)).run();
        ParallelBfsTest.assertSame(whole, sequential);
    }

    @Test
    void aBitstateSearchResumesWithItsBits() {
        Model<?, ?> m = ModelCatalog.find("pidns-basic").build(Map.of(), null);
        CheckOptions o = new CheckOptions(-1, false, 0);
        CheckResult<?, ?> whole = new Bfs<>(m, o, Progress.NONE).run();
        Bfs<?, ?>[] first = new Bfs<?, ?>[1];
        Progress stopping = new Progress() {
            @Override public void report(Statistics s) {}
            @Override public void level(int depth, long states, Statistics sofar) {
                if (depth == 6) first[0].requestStop();
            }
        };
        first[0] = new Bfs<>(m, o, stopping, new StateStorage(new BitstateSet(24), -1, null).checkpointed(tmp, 0, false));
        assertEquals(Ending.INTERRUPTED, first[0].run().ending());
        CheckResult<?, ?> resumed = new Bfs<>(m, o, Progress.NONE, new StateStorage(new BitstateSet(24), -1, null).checkpointed(tmp, 0, true)).run();
        ParallelBfsTest.assertSame(whole, resumed);
    }

    @Test
    void aCheckpointOfAnotherModelIsRefused() {
        CheckOptions o = new CheckOptions(-1, false, 0);
        Model<?, ?> basic = ModelCatalog.find("pidns-basic").build(Map.of(), null);
        new Bfs<>(basic, o, Progress.NONE, StateStorage.IN_MEMORY.checkpointed(tmp, 0, false)).run();
        Model<?, ?> other = ModelCatalog.find("pidns-basic").build(Map.of("pid_max", 5), null);
        var e = assertThrows(CheckpointUnreadable.class,
                () -> new Bfs<>(other, o, Progress.NONE, StateStorage.IN_MEMORY.checkpointed(tmp, 0, true)).run());
        assertTrue(e.getMessage().contains("not pidns-basic"), e.getMessage());
    }
}
