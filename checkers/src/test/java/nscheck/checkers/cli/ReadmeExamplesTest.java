package nscheck.checkers.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Examples are documentation: every `./nscheck ...` line in a README code block runs here, and
 * its exit code must be the one the README states with a trailing "# exit N" (0 if none).
 */
class ReadmeExamplesTest {
    private static final Pattern EXIT = Pattern.compile("#\\s*exit\\s+(\\d)");

    @Test
    void everyCommandInTheReadmeRunsAsDocumented() throws Exception {
        List<String> commands = commands(Path.of("../README.md"));
        assertTrue(commands.size() >= 3, "the README shows nscheck commands: " + commands);
        for (String line : commands) {
            Matcher m = EXIT.matcher(line);
            int expected = m.find() ? Integer.parseInt(m.group(1)) : 0;
            String command = line.replaceAll("#.*$", "").trim();
            List<String> args = new ArrayList<>(Arrays.asList(command.substring("./nscheck".length()).trim().split("\\s+")));
            // Paths in the README are relative to the repository root; tests run in checkers/.
            args.replaceAll(a -> a.startsWith("model/") || a.startsWith("counterexamples/") || a.startsWith("examples/") ? "../" + a : a);
            // replay --kernel needs root, as CI has; elsewhere it is skipped
            if (args.contains("--kernel") && !nscheck.checkers.conform.Probe.isRoot()) continue;
            if (args.get(0).equals("check")) args.addAll(List.of("--progress", "0"));
            CliTest.Run r = CliTest.nscheck(args.toArray(String[]::new));
            assertEquals(expected, r.code(), line + "\n" + r.out() + r.err());
        }
    }

    static List<String> commands(Path readme) throws Exception {
        List<String> out = new ArrayList<>();
        boolean inCode = false;
        for (String l : Files.readAllLines(readme)) {
            if (l.trim().startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (inCode && l.trim().startsWith("./nscheck ")) out.add(l.trim());
        }
        return out;
    }
}
