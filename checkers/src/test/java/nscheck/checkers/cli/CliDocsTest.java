package nscheck.checkers.cli;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/cli.md and README's exit-code tables say what ExitCode defines, and docs/cli.md's examples run as documented. */
class CliDocsTest {
    static final Path CLI_MD = Path.of("..", "docs", "cli.md");
    static final Path README = Path.of("..", "README.md");

    /** The codes in the first column of the table under "Exit codes" ("130, 143" counts as two). */
    static TreeSet<Integer> tableCodes(Path doc) throws Exception {
        TreeSet<Integer> codes = new TreeSet<>();
        boolean inSection = false;
        for (String l : Files.readAllLines(doc)) {
            if (l.startsWith("#")) inSection = l.replace("#", "").trim().equals("Exit codes");
            else if (inSection && l.startsWith("| ") && !l.startsWith("| code") && !l.startsWith("| ---"))
                for (String c : l.split("\\|")[1].split(",")) codes.add(Integer.parseInt(c.trim()));
        }
        return codes;
    }

    static TreeSet<Integer> definedCodes() throws IllegalAccessException {
        TreeSet<Integer> codes = new TreeSet<>();
        for (Field f : ExitCode.class.getFields()) if (Modifier.isStatic(f.getModifiers())) codes.add(f.getInt(null));
        return codes;
    }

    @Test
    void theExitCodeTablesMatchExitCode() throws Exception {
        assertEquals(definedCodes(), tableCodes(CLI_MD), CLI_MD.toString());
        assertEquals(definedCodes(), tableCodes(README), README.toString());
    }

    /**
     * docs/cli.md's examples, as ReadmeExamplesTest runs README's: each `./nscheck` line of a code
     * block exits with its trailing "# exit N" (0 if none).
     */
    @Test
    void everyCommandInCliMdRunsAsDocumented() throws Exception {
        boolean inCode = false;
        int ran = 0;
        for (String l : Files.readAllLines(CLI_MD)) {
            if (l.trim().startsWith("```")) inCode = !inCode;
            if (!inCode || !l.trim().startsWith("./nscheck ")) continue;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("#\\s*exit\\s+(\\d+)").matcher(l);
            int expected = m.find() ? Integer.parseInt(m.group(1)) : 0;
            String[] args = l.replaceAll("#.*$", "").trim().substring("./nscheck".length()).trim().split("\\s+");
            CliTest.Run r = CliTest.nscheck(args);
            assertEquals(expected, r.code(), l + "\n" + r.out() + r.err());
            ran++;
        }
        assertTrue(ran >= 3, "docs/cli.md shows nscheck commands");
    }
}
