package nscheck.checkers.cli;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void everyCommandInCliMdRunsAsDocumented() throws Exception {
        ReadmeExamplesTest.runAll(CLI_MD);
    }
}
