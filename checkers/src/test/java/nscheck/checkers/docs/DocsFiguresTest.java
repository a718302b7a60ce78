package nscheck.checkers.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nscheck.checkers.cli.DocCommand;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No figure in README.md or docs/ is typed by hand. A page ties each one to its source with a
 * marker, an HTML comment the rendered page does not show:
 * <ul>
 *   <li>{@code 1,673,193<!-- golden: pidns-large mainline distinct -->}: a count read from
 *       model/golden-counts.json; the marker names the model, the variant, optionally the search
 *       ({@code first} or {@code continue}, needed when the file holds both) and the field
 *       ({@code distinct}, {@code generated}, {@code depth}, or {@code verdict INVARIANT});</li>
 *   <li>{@code <!-- output: ./nscheck ... -->} on the line before a fenced block: the block is
 *       part of what the command prints today, line for line and in order;</li>
 *   <li>{@code <!-- measured: DATE, COMMAND -->}: what follows, up to the next heading, is a
 *       measurement (a rate, a time) of that date, labelled in the text with the command that
 *       repeats it.</li>
 *   <li>{@code <!-- pinned-file: PATH -->} on the line before a fenced block: the block is part of that
 *       file of the repository, line for line and in order; for the printout of a run too long
 *       for a test (the mutation profile's score.txt), pinned unedited.</li>
 * </ul>
 * Any count of states, or table cell under a "states" column, outside a measured section and
 * without a golden marker fails the test: it would go stale the day the spec changes.
 */
class DocsFiguresTest {
    static final Path GOLDEN = DocCommand.ROOT.resolve("model/golden-counts.json");
    private static final Pattern GOLDEN_MARK = Pattern.compile("((?:violated |FAIL )?\\d[\\d,]*|holds|n/a)\\**`?\\s*<!--\\s*golden:\\s*([^>]*?)\\s*-->");
    private static final Pattern OUTPUT_MARK = Pattern.compile("^<!--\\s*output:\\s*(\\./nscheck [^>]*?)\\s*-->\\s*$");
    private static final Pattern PINNED_MARK = Pattern.compile("^<!--\\s*pinned-file:\\s*(\\S+)\\s*-->\\s*$");
    private static final Pattern MEASURED_MARK = Pattern.compile("^<!--\\s*measured:\\s*(\\d{4}-\\d{2}-\\d{2}),\\s*(\\S.*?)\\s*-->\\s*$");
    /** A count of states typed in prose: "4,391 distinct states", "24,015,046 generated". */
    private static final Pattern STATE_COUNT = Pattern.compile("\\b\\d[\\d,]*(?:\\s+distinct)?\\s+(?:states\\b|generated\\b)");

    /** A number that can be a count in a table cell: two digits or more (N = 2..5 is a bound, not a count). */
    private static final Pattern COUNT = Pattern.compile("\\b\\d{1,3}(?:,\\d{3})+\\b|\\b\\d{2,}\\b");

    @Test
    void everyGoldenMarkerShowsTheNumberInTheGoldenFile() throws Exception {
        JsonNode runs = new ObjectMapper().readTree(GOLDEN.toFile()).get("runs");
        List<String> wrong = new ArrayList<>();
        int marks = 0;
        for (Path page : DocCommand.pages()) {
            List<String> lines = Files.readAllLines(page);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = GOLDEN_MARK.matcher(lines.get(i));
                while (m.find()) {
                    marks++;
                    String where = DocCommand.ROOT.relativize(page) + ":" + (i + 1) + ": ";
                    String shown = m.group(1).replace(",", "");
                    try {
                        String expected = lookUp(runs, m.group(2));
                        if (!matches(shown, expected))
                            wrong.add(where + "shows " + m.group(1) + ", model/golden-counts.json says " + expected + " (" + m.group(2) + ")");
                    } catch (IllegalArgumentException e) {
                        wrong.add(where + e.getMessage());
                    }
                }
            }
        }
        assertTrue(marks > 20, "the docs tie their state counts to the golden file: " + marks + " markers");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void noCountOfStatesIsTypedByHand() throws Exception {
        List<String> untied = new ArrayList<>();
        for (Path page : DocCommand.pages()) {
            List<String> lines = Files.readAllLines(page);
            boolean measured = false, inCode = false, output = false;
            int statesColumn = -1;
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.startsWith("#") && !inCode) {
                    measured = false;
                    statesColumn = -1;
                }
                if (MEASURED_MARK.matcher(l).matches()) measured = true;
                if (OUTPUT_MARK.matcher(l).matches() || PINNED_MARK.matcher(l).matches()) output = true;
                if (l.trim().startsWith("```")) {
                    if (inCode) output = false;
                    inCode = !inCode;
                    continue;
                }
                if (measured || output) continue;
                String where = DocCommand.ROOT.relativize(page) + ":" + (i + 1) + ": ";
                String withoutMarks = GOLDEN_MARK.matcher(l).replaceAll("");
                Matcher c = STATE_COUNT.matcher(withoutMarks);
                if (c.find()) untied.add(where + c.group() + " (no golden marker, not in a measured section)");
                if (!inCode && l.startsWith("|")) {
                    String[] cells = l.split("\\|", -1);
                    if (statesColumn < 0) {
                        for (int k = 0; k < cells.length; k++)
                            if (cells[k].trim().matches("(?i)(distinct )?states|distinct|generated")) statesColumn = k;
                    } else if (statesColumn < cells.length && COUNT.matcher(cells[statesColumn]).find() && !GOLDEN_MARK.matcher(cells[statesColumn]).find()) {
                        untied.add(where + "table cell '" + cells[statesColumn].trim() + "' under a states column has no golden marker");
                    }
                } else if (!l.startsWith("|")) {
                    statesColumn = -1;
                }
            }
        }
        assertTrue(untied.isEmpty(), String.join("\n", untied));
    }

    @Test
    void everyOutputBlockIsPrintedByItsCommandToday() throws Exception {
        List<String> stale = new ArrayList<>();
        int blocks = 0;
        for (Path page : DocCommand.pages()) {
            List<String> lines = Files.readAllLines(page);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = OUTPUT_MARK.matcher(lines.get(i));
                if (!m.matches()) continue;
                blocks++;
                String where = DocCommand.ROOT.relativize(page) + ":" + (i + 1) + ": ";
                int open = i + 1;
                while (open < lines.size() && lines.get(open).isBlank()) open++;
                if (open >= lines.size() || !lines.get(open).trim().startsWith("```")) {
                    stale.add(where + "an output marker must stand right before a fenced block");
                    continue;
                }
                List<String> block = new ArrayList<>();
                for (int k = open + 1; k < lines.size() && !lines.get(k).trim().startsWith("```"); k++) block.add(lines.get(k));
                DocCommand.Result r = new DocCommand(page, m.group(1)).run();
                String missing = firstMissing(block, r.all().lines().toList());
                if (missing != null)
                    stale.add(where + m.group(1) + " no longer prints, in this order:\n    " + missing + "\n  it printed:\n" + r.all());
            }
        }
        assertTrue(blocks >= 3, "the docs show command output: " + blocks + " output blocks");
        assertTrue(stale.isEmpty(), String.join("\n", stale));
    }

    @Test
    void everyPinnedBlockIsInItsFile() throws Exception {
        List<String> wrong = new ArrayList<>();
        int blocks = 0;
        for (Path page : DocCommand.pages()) {
            List<String> lines = Files.readAllLines(page);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = PINNED_MARK.matcher(lines.get(i));
                if (!m.matches()) continue;
                blocks++;
                String where = DocCommand.ROOT.relativize(page) + ":" + (i + 1) + ": ";
                Path file = DocCommand.ROOT.resolve(m.group(1));
                int open = i + 1;
                while (open < lines.size() && lines.get(open).isBlank()) open++;
                if (open >= lines.size() || !lines.get(open).trim().startsWith("```")) {
                    wrong.add(where + "a pinned marker must stand right before a fenced block");
                } else if (!Files.isRegularFile(file)) {
                    wrong.add(where + m.group(1) + " is not a file of the repository");
                } else {
                    List<String> block = new ArrayList<>();
                    for (int k = open + 1; k < lines.size() && !lines.get(k).trim().startsWith("```"); k++) block.add(lines.get(k));
                    String missing = firstMissing(block, Files.readAllLines(file));
                    if (missing != null) wrong.add(where + m.group(1) + " does not have, in this order: " + missing);
                }
            }
        }
        assertTrue(blocks >= 1, "the docs pin the mutation score: " + blocks + " pinned blocks");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void everyMeasuredSectionNamesACommandThatExists() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Path page : DocCommand.pages()) {
            List<String> lines = Files.readAllLines(page);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = MEASURED_MARK.matcher(lines.get(i));
                if (lines.get(i).contains("<!-- measured") && !m.matches()) {
                    wrong.add(DocCommand.ROOT.relativize(page) + ":" + (i + 1) + ": write <!-- measured: YYYY-MM-DD, COMMAND -->");
                    continue;
                }
                if (!m.matches()) continue;
                String program = m.group(2).split("\\s+")[0];
                if (!Files.isRegularFile(DocCommand.ROOT.resolve(program)))
                    wrong.add(DocCommand.ROOT.relativize(page) + ":" + (i + 1) + ": " + program + " is not a file of the repository");
                String next = String.join(" ", lines.subList(i + 1, Math.min(lines.size(), i + 4)));
                if (!next.contains(m.group(1)))
                    wrong.add(DocCommand.ROOT.relativize(page) + ":" + (i + 1) + ": the text after the marker does not give the date " + m.group(1));
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void theInvariantTableSaysWhatTheCodeSays() throws Exception {
        DocCommand.Result list = new DocCommand(DocCommand.ROOT.resolve("README.md"), "./nscheck list").run();
        Map<String, String> inCode = new LinkedHashMap<>();
        Map<String, Boolean> names = new LinkedHashMap<>(); // variants and models, what "broken by" may name
        String section = "";
        for (String l : list.out().lines().toList()) {
            if (!l.startsWith(" ")) {
                section = l;
                continue;
            }
            String[] f = l.trim().split("\\s+", 2);
            if (section.startsWith("Invariants")) inCode.put(f[0], f.length > 1 ? f[1] : "");
            if (section.startsWith("Variants") || section.startsWith("Models") && !l.startsWith("   ")) names.put(f[0], true);
        }
        // The packed futex benchmark's own seeded bugs (--variant on futex-mutex-once/forever) are not spec variants.
        for (String bug : nscheck.model.futex.FutexMutexSource.seededBugs()) names.put(bug, true);
        assertTrue(inCode.size() >= 10 && names.size() >= 20, list.out());
        Map<String, String[]> inDocs = new LinkedHashMap<>();
        for (String l : Files.readAllLines(DocCommand.ROOT.resolve("docs/models-and-invariants.md"))) {
            Matcher m = Pattern.compile("^\\| `([a-z-]+)` \\| (.*?) \\| (.*) \\|$").matcher(l);
            if (m.matches() && !l.contains("<!-- golden")) inDocs.put(m.group(1), new String[] {m.group(2), m.group(3)});
        }
        List<String> wrong = new ArrayList<>();
        inCode.forEach((name, statement) -> {
            String[] row = inDocs.get(name);
            if (row == null) wrong.add(name + ": not in the invariant table");
            else if (!row[0].replace("`", "").equals(statement)) wrong.add(name + ": the table says '" + row[0] + "', the code '" + statement + "'");
        });
        inDocs.forEach((name, row) -> {
            if (!inCode.containsKey(name)) wrong.add(name + ": in the table but no model checks it");
            Matcher v = Pattern.compile("`([a-z0-9-]+)`").matcher(row[1]);
            while (v.find())
                if (!names.containsKey(v.group(1)))
                    wrong.add(name + ": broken by '" + v.group(1) + "', which is no variant or model");
        });
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** The value a marker's key names in the golden file, as the docs print it. */
    static String lookUp(JsonNode runs, String key) {
        String[] k = key.split("\\s+");
        if (k.length < 3) throw new IllegalArgumentException("a golden marker names MODEL VARIANT [reduced] [first|continue] FIELD: " + key);
        String model = k[0], variant = k[1];
        int f = 2;
        String search = null;
        // "reduced": the row of the search reduced by symmetry (what check runs by default); else the unreduced row
        boolean reduced = k[2].equals("reduced");
        if (reduced) f = 3;
        if (f < k.length && (k[f].equals("first") || k[f].equals("continue"))) {
            search = k[f];
            f++;
        }
        if (f >= k.length) throw new IllegalArgumentException("no field in golden marker: " + key);
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode run : runs)
            if (run.path("model").asText().equals(model) && run.path("variant").asText().equals(variant)
                    && (search == null || run.path("search").asText().equals(search)) && run.has("symmetry") == reduced)
                found.add(run);
        if (found.isEmpty()) throw new IllegalArgumentException("no run of " + model + " under " + variant
                + (search == null ? "" : " (" + search + ")") + " in model/golden-counts.json");
        if (found.size() > 1) throw new IllegalArgumentException("several runs of " + model + " under " + variant
                + " in model/golden-counts.json: name the search (first or continue)");
        JsonNode run = found.get(0);
        if (k[f].equals("verdict")) {
            if (f + 1 >= k.length) throw new IllegalArgumentException("verdict of which invariant? " + key);
            JsonNode v = run.path("verdicts").get(k[f + 1]);
            if (v == null) throw new IllegalArgumentException(model + " under " + variant + " has no invariant " + k[f + 1]);
            return v.asText();
        }
        JsonNode v = run.get(k[f]);
        if (v == null || !v.isNumber()) throw new IllegalArgumentException("no number '" + k[f] + "' in the golden run " + run);
        return v.asText();
    }

    /** A shown figure matches a golden value: equal numbers, or a verdict ("violated 4" shown as "violated 4", "FAIL 4" or "4"). */
    static boolean matches(String shown, String expected) {
        if (shown.equals(expected)) return true;
        String[] s = shown.trim().split(" "), e = expected.split(" ");
        return s[s.length - 1].equals(e[e.length - 1]) && e.length == 2 && e[0].equals("violated");
    }

    /** The first line of {@code block} not found in {@code printed} after the previous one; null when all are. */
    static String firstMissing(List<String> block, List<String> printed) {
        int at = 0;
        for (String want : block) {
            String w = want.stripTrailing();
            if (w.isEmpty() || w.trim().equals("...")) continue;
            while (at < printed.size() && !printed.get(at).stripTrailing().equals(w)) at++;
            if (at == printed.size()) return w;
            at++;
        }
        return null;
    }
}
