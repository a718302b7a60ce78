package nscheck.checkers.cluster;

import nscheck.checkers.engine.Bfs;
import nscheck.checkers.engine.CheckOptions;
import nscheck.checkers.engine.CheckResult;
import nscheck.checkers.engine.Ending;
import nscheck.checkers.engine.Progress;
import nscheck.checkers.engine.Statistics;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three members in this JVM (each a full Hazelcast member with its own port): the distributed
 * search gives the sequential search's figures, violations and traces, also where a violation
 * stops it in the middle of a level. The same with members in separate JVMs, on every shipped
 * model: {@code ClusterProcessesTest}.
 */
class ClusterBfsTest {
    private static ClusterSession session;

    @BeforeAll
    static void start() {
        session = ClusterSession.open(null, List.of(), 0, 3);
    }

    @AfterAll
    static void stop() {
        if (session != null) session.close();
    }

    @ParameterizedTest(name = "{0} / {1}, continue={2}")
    @CsvSource({
            "wait-status,          ,                            true",
            "pidns-basic,          seeded-flat-levels,          false",
            "pidns-init-death,     seeded-shallow-zap,          false",
            "futex-mutex,          seeded-wait-without-compare, true",
            "futex-pi-crossns,     ,                            true",
            "futex-mutex-forever,  ,                            false",
    })
    void sameResultAsTheSequentialSearch(String model, String variant, boolean continuing) {
        Model<?, ?> m = ModelCatalog.find(model).build(Map.of(), variant);
        CheckOptions o = continuing ? CheckOptions.defaults().quiet().continuing() : CheckOptions.defaults().quiet();
        CheckResult<?, ?> sequential = new Bfs<>(m, o, Progress.NONE).run();
        CheckResult<?, ?> distributed = new ClusterBfs<>(m, model, Map.of(), variant, o, Progress.NONE, session.coordinator(), 3, 30_000).run();
        assertSame(sequential, distributed);
    }

    @Test
    void aDepthBoundStopsAtTheSameLevel() {
        Model<?, ?> m = ModelCatalog.find("pidns-init-death").build(Map.of(), null);
        CheckOptions o = CheckOptions.defaults().quiet().withMaxDepth(3);
        CheckResult<?, ?> distributed = new ClusterBfs<>(m, "pidns-init-death", Map.of(), null, o, Progress.NONE, session.coordinator(), 3, 30_000).run();
        assertEquals(Ending.DEPTH_BOUND, distributed.ending());
        assertSame(new Bfs<>(m, o, Progress.NONE).run(), distributed);
    }

    @Test
    void everyMemberOwnsAShareAndStatesTravelAsBytes() {
        Model<?, ?> m = ModelCatalog.find("futex-mutex").build(Map.of(), null);
        ClusterBfs<?, ?> bfs = new ClusterBfs<>(m, "futex-mutex", Map.of(), null, CheckOptions.defaults().quiet(), Progress.NONE,
                session.coordinator(), 3, 30_000);
        CheckResult<?, ?> r = bfs.run();
        assertEquals(3, bfs.memberAddresses().size());
        // Two thirds of the successors belong to another member.
        assertTrue(bfs.statesSent() > r.stats().generated() / 2, bfs.statesSent() + " of " + r.stats().generated());
        assertTrue(bfs.bytesSent() > bfs.statesSent() * 8, "fingerprint and path per state");
    }

    @Test
    void aStopRequestEndsTheSearchWithTheLevelsCompleted() {
        Model<?, ?> m = ModelCatalog.find("pidns-init-death").build(Map.of(), null);
        ClusterBfs<?, ?>[] engine = new ClusterBfs<?, ?>[1];
        // The stop is asked for when level 2 is about to be expanded, not from a progress line: those
        // come only while a level takes longer than the coordinator's 200 ms poll, which a fast
        // machine never does on this model (CI once ran to the depth bound that way).
        Progress stopAtLevelTwo = new Progress() {
            @Override
            public void report(Statistics stats) {}

            @Override
            public void level(int depth, long states, Statistics sofar) {
                if (depth == 2) engine[0].requestStop();
            }
        };
        engine[0] = new ClusterBfs<>(m, "pidns-init-death", Map.of(), null, new CheckOptions(-1, false, 1), stopAtLevelTwo,
                session.coordinator(), 3, 30_000);
        CheckResult<?, ?> r = engine[0].run();
        assertEquals(Ending.INTERRUPTED, r.ending());
        assertEquals(2, r.stats().depth(), "levels 0 to 2 completed, the expansion of level 2 abandoned");
        assertTrue(r.stats().distinct() > 0 && r.stats().queue() > 0, r.stats().toString());
    }

    static void assertSame(CheckResult<?, ?> expected, CheckResult<?, ?> actual) {
        assertEquals(expected.ending(), actual.ending());
        assertEquals(expected.stats().distinct(), actual.stats().distinct(), "distinct");
        assertEquals(expected.stats().generated(), actual.stats().generated(), "generated");
        assertEquals(expected.stats().depth(), actual.stats().depth(), "depth");
        assertEquals(expected.coverage().counts(), actual.coverage().counts(), "coverage");
        assertEquals(Arrays.toString(expected.exercised()), Arrays.toString(actual.exercised()), "exercised");
        assertEquals(expected.violations().size(), actual.violations().size(), "violations");
        for (int i = 0; i < expected.violations().size(); i++) {
            assertEquals(expected.violations().get(i).property(), actual.violations().get(i).property());
            assertEquals(expected.violations().get(i).trace(), actual.violations().get(i).trace(), "trace");
        }
    }
}
