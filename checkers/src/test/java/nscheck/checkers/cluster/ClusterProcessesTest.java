package nscheck.checkers.cluster;

import nscheck.checkers.engine.CheckOptions;
import nscheck.checkers.engine.CheckResult;
import nscheck.checkers.engine.Progress;
import nscheck.checkers.golden.GoldenCounts;
import nscheck.checkers.trace.Violation;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Three members in separate JVMs (256 MB heaps unless -Dnscheck.cluster.heap says otherwise)
 * reproduce model/golden-counts.json for every shipped model under mainline and every seeded
 * bug run there: distinct and generated states, depth, ending and every verdict. Minutes on two
 * cores, so behind a profile: {@code mvn -B -Pcluster verify} (docs/distributed.md);
 * {@code -Dnscheck.cluster.models=a,b} runs those models only.
 */
@EnabledIfSystemProperty(named = "nscheck.cluster.all", matches = "true")
class ClusterProcessesTest {
    @Test
    void everyShippedModelAndSeededBugGivesThePinnedCounts() throws Exception {
        List<GoldenCounts.Run> pinned = GoldenCounts.read(Path.of("..").resolve(GoldenCounts.FILE));
        List<String> differences = new ArrayList<>();
        String heap = System.getProperty("nscheck.cluster.heap", "256m");
        String only = System.getProperty("nscheck.cluster.models", "");
        List<String> models = only.isBlank() ? List.of() : List.of(only.split(","));
        try (MemberProcesses members = new MemberProcesses(3, heap);
             ClusterSession session = ClusterSession.open(members.cluster, members.addresses, MemberProcesses.freePort(), 0)) {
            for (GoldenCounts.Run want : pinned) {
                boolean seeded = want.variant().startsWith("seeded-");
                if (!seeded && !want.variant().equals("mainline") || want.ending().equals("setup-fails")) continue;
                if (want.symmetry() != null) continue; // the cluster engine stores every state: its rows are the unreduced ones
                if (!models.isEmpty() && !models.contains(want.model())) continue;
                String variant = want.variant().equals("mainline") ? null : want.variant();
                Model<?, ?> m = ModelCatalog.find(want.model()).build(Map.of(), variant);
                CheckOptions o = new CheckOptions(-1, !seeded, 0);
                long t0 = System.nanoTime();
                ClusterBfs<?, ?> bfs = new ClusterBfs<>(m, want.model(), Map.of(), variant, o, Progress.NONE, session.coordinator(), 3, 60_000);
                CheckResult<?, ?> r = bfs.run();
                GoldenCounts.Run got = run(want, m, r);
                double s = (System.nanoTime() - t0) / 1e9;
                System.err.printf(java.util.Locale.ROOT, "cluster run: %s under %s: %,d distinct, %,d generated, %.1f s, %,.0f distinct/s, %,d bytes in %,d states sent (%.1f bytes/state)%n",
                        want.model(), want.variant(), got.distinct(), got.generated(), s, got.distinct() / s, bfs.bytesSent(), bfs.statesSent(),
                        bfs.statesSent() == 0 ? 0.0 : (double) bfs.bytesSent() / bfs.statesSent());
                if (!got.equals(want)) differences.add(want.model() + " under " + want.variant() + ": pinned " + want + ", cluster " + got);
            }
        }
        assertEquals(List.of(), differences);
    }

    /** The run as golden-counts.json records it (GoldenCounts' own wording of the verdicts). */
    private static GoldenCounts.Run run(GoldenCounts.Run want, Model<?, ?> m, CheckResult<?, ?> r) {
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (int p = 0; p < m.properties().size(); p++) {
            String name = m.properties().get(p).name();
            Violation<?, ?> v = r.violations().stream().filter(x -> x.property().equals(name)).findFirst().orElse(null);
            verdicts.put(name, v != null ? "violated " + v.trace().length()
                    : !r.complete() ? "unknown"
                    : r.exercised()[p] > 0 ? "holds" : "not exercised");
        }
        return new GoldenCounts.Run(want.model(), want.variant(), want.search(), r.stats().distinct(), r.stats().generated(),
                r.stats().depth(), r.ending().name().toLowerCase().replace('_', '-'), verdicts);
    }
}
