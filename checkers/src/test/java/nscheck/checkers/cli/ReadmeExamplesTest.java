package nscheck.checkers.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Examples are documentation: every `./nscheck ...` line in a code block of README.md or of a
 * page under docs/ runs here, and its exit code must be the one the page states with a trailing
 * "# exit N" (0 if none).
 */
class ReadmeExamplesTest {
    @Test
    void everyCommandInTheReadmeAndTheDocsRunsAsDocumented() throws Exception {
        assertTrue(DocCommand.in(DocCommand.ROOT.resolve("README.md")).size() >= 3, "the README shows nscheck commands");
        List<DocCommand> commands = new ArrayList<>();
        for (Path page : DocCommand.pages()) commands.addAll(DocCommand.in(page));
        for (DocCommand c : commands) {
            // replay --kernel needs root, as CI has; elsewhere it is skipped
            if (c.line().contains("--kernel") && !nscheck.checkers.conform.Probe.isRoot()) continue;
            DocCommand.Result r = c.run();
            assertEquals(c.expectedExit(), r.code(), c + "\n" + r.all());
        }
    }
}
