package nscheck.checkers;

import nscheck.checkers.cex.Counterexample;
import nscheck.checkers.cex.CounterexampleFile;
import nscheck.checkers.scenario.ScenarioFile;
import nscheck.checkers.scenario.ScenarioRun;
import nscheck.checkers.scenario.Script;
import nscheck.checkers.trace.Replay;
import nscheck.model.Model;
import nscheck.spec.variant.SeededBugs;
import nscheck.spec.variant.Variant;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The regression corpus: every file under counterexamples/ replays against today's spec and
 * meets its expectation. A `violates` file failing means a seeded bug stopped showing (or the
 * spec changed what a call observes); a `holds` file failing means a fixed bug is back.
 */
class ReplayCorpusTest {
    static final Path CORPUS = Path.of("..", "counterexamples");

    @TestFactory
    Stream<DynamicTest> everyShippedCounterexampleMeetsItsExpectation() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "the corpus is shipped");
        assertTrue(files.stream().map(CounterexampleFile::read).anyMatch(c -> c.expect().equals(Counterexample.HOLDS)),
                "at least one fixed bug is kept fixed");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> replays(f)));
    }

    /** Hand-written scenarios (counterexamples/scenarios/): every stated result is what the spec observes. */
    @TestFactory
    Stream<DynamicTest> everyShippedScenarioObservesItsStatedResults() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS.resolve("scenarios"))) {
            files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "scenarios are shipped");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Script script = ScenarioFile.parse(Files.readString(f));
            ScenarioRun.Result r = ScenarioRun.run(ScenarioRun.setting(script), script, true);
            assertFalse(r.diverged(), () -> "diverges at step " + r.divergedAt() + ": " + r.divergence());
        }));
    }

    private static List<Counterexample> corpus() throws IOException {
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.filter(f -> f.toString().endsWith(".json")).sorted().map(CounterexampleFile::read).toList();
        }
    }

    /**
     * What the corpus must hold: every seeded bug still shows (a `violates` file under it) and is
     * kept fixed under mainline (a `holds` file of the same model and property), and every
     * property the BFS violates on the cross-namespace futex models under mainline has a file.
     */
    @Test
    void theCorpusCoversEverySeededBugAndEveryCrossNamespaceViolation() throws IOException {
        List<Counterexample> all = corpus();
        for (Variant bug : SeededBugs.ALL) {
            List<Counterexample> shows = all.stream()
                    .filter(c -> c.variant().equals(bug.name()) && c.expect().equals(Counterexample.VIOLATES)).toList();
            assertFalse(shows.isEmpty(), "a violates file for " + bug.name());
            for (Counterexample c : shows)
                assertTrue(all.stream().anyMatch(h -> h.expect().equals(Counterexample.HOLDS) && h.variant().equals("mainline")
                                && h.model().equals(c.model()) && h.property().name().equals(c.property().name())),
                        "a holds file under mainline for " + c.model() + " " + c.property().name() + " (fixed " + bug.name() + ")");
        }
        ShippedModelWalksTest.KNOWN_VIOLATIONS.forEach((model, properties) -> {
            for (String p : properties)
                assertTrue(all.stream().anyMatch(c -> c.model().equals(model) && c.variant().equals("mainline")
                        && c.property().name().equals(p) && c.expect().equals(Counterexample.VIOLATES)), model + " " + p);
        });
    }

    private static void replays(Path file) {
        Counterexample cex = CounterexampleFile.read(file);
        meets(cex, CounterexampleFile.rebuild(cex));
    }

    private static <S, A> void meets(Counterexample cex, Model<S, A> m) {
        S initial = Replay.initialState(m, cex.initial());
        assertNotNull(initial, "initial state " + cex.initial());
        Replay.Result<S, A> r = new Replay<>(m, cex.property().name()).run(initial, cex.trace(), Replay.Matching.EXACT, false);
        assertFalse(r.diverged(), () -> "diverges at step " + r.divergence().step() + ": " + r.divergence().message());
        if (cex.expect().equals(Counterexample.VIOLATES))
            assertEquals(cex.trace().size(), r.violatedAt(), cex.property().name() + " is violated exactly at the last step");
        else
            assertEquals(-1, r.violatedAt(), cex.property().name() + " holds throughout");
    }
}
