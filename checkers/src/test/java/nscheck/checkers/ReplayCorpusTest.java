package nscheck.checkers;

import nscheck.checkers.cex.Counterexample;
import nscheck.checkers.cex.CounterexampleFile;
import nscheck.model.Model;
import org.junit.jupiter.api.DynamicTest;
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
