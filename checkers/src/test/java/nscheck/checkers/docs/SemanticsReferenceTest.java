package nscheck.checkers.docs;

import nscheck.checkers.cli.DocCommand;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/semantics.md is the rule reference the code's tags point into: every rule tag a Java
 * source of spec/, model/ or checkers/ cites (P3, F6, a range such as I1-I9) is defined there as
 * a "**TAG" item, and every `Class#method` it names as the implementation of a rule exists in a
 * main source file. A rule moved or renamed without its entry fails here.
 */
class SemanticsReferenceTest {
    static final Path REFERENCE = DocCommand.ROOT.resolve("docs/semantics.md");
    static final List<String> MODULES = List.of("spec", "model", "checkers");
    /** The tag families: PID and signals, set_tid, pidfd, futex, IPC, credentials, users, namespace ids, history. */
    // Not a tag: a state's printed user namespace ("@U2" in credentials, "U0/0" in nproc counts).
    private static final Pattern TAG = Pattern.compile("(?<!@)\\b([PSDFICUNH])(\\d{1,2})(?:\\s*[-–]\\s*\\1?(\\d{1,2}))?\\b(?!/\\d)");
    private static final Pattern DEFINED = Pattern.compile("^- \\*\\*([PSDFICUNH]\\d{1,2}) ");
    private static final Pattern IMPLEMENTED = Pattern.compile("`([A-Z][A-Za-z0-9]*)#([a-z][A-Za-z0-9]*)`");

    @Test
    void everyTagTheCodeCitesIsDefined() throws Exception {
        Set<String> defined = new TreeSet<>();
        for (String l : Files.readAllLines(REFERENCE)) {
            Matcher m = DEFINED.matcher(l);
            if (m.find()) defined.add(m.group(1));
        }
        assertTrue(defined.size() >= 40, "docs/semantics.md defines the rules as '- **TAG ...' items: " + defined);
        Map<String, String> cited = new TreeMap<>();
        for (Path source : javaSources(false))
            for (String l : Files.readAllLines(source)) {
                Matcher m = TAG.matcher(l);
                while (m.find()) {
                    int from = Integer.parseInt(m.group(2));
                    int to = m.group(3) == null ? from : Integer.parseInt(m.group(3));
                    for (int n = from; n <= Math.max(from, to); n++)
                        cited.putIfAbsent(m.group(1) + n, DocCommand.ROOT.relativize(source).toString());
                }
            }
        List<String> missing = new ArrayList<>();
        cited.forEach((tag, where) -> {
            if (!defined.contains(tag)) missing.add(tag + " (cited in " + where + ")");
        });
        assertTrue(missing.isEmpty(), "rule tags cited in code but not defined in docs/semantics.md:\n" + String.join("\n", missing));
    }

    @Test
    void everyImplementationItNamesExists() throws Exception {
        List<Path> sources = javaSources(true);
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (Path page : List.of(REFERENCE, DocCommand.ROOT.resolve("docs/extending.md"))) {
            if (!Files.exists(page)) continue;
            Matcher m = IMPLEMENTED.matcher(Files.readString(page));
            while (m.find()) {
                named++;
                String cls = m.group(1), method = m.group(2);
                List<Path> files = sources.stream().filter(p -> p.getFileName().toString().equals(cls + ".java")).toList();
                if (files.isEmpty()) {
                    missing.add(cls + "#" + method + ": no class " + cls + " under */src/main/java");
                    continue;
                }
                Pattern declaration = Pattern.compile("^\\s*(?:@\\w+\\s+)*(?:(?:public|protected|private|static|final|default|abstract|synchronized)\\s+)*"
                        + "(?:<[^>]+>\\s+)?[\\w<>\\[\\],.?]+(?:<[^>]*>)?\\s+" + Pattern.quote(method) + "\\s*\\(");
                boolean found = false;
                for (Path f : files)
                    for (String l : Files.readAllLines(f))
                        if (declaration.matcher(l).find() && !l.trim().startsWith("return ")) found = true;
                if (!found) missing.add(cls + "#" + method + ": " + cls + " declares no method " + method);
            }
        }
        assertTrue(named >= 40, "docs/semantics.md names where each rule is implemented as `Class#method`: " + named);
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    /** The Java sources of spec/, model/ and checkers/: main only, or main and test. */
    static List<Path> javaSources(boolean mainOnly) throws Exception {
        List<Path> out = new ArrayList<>();
        for (String module : MODULES) {
            Path src = DocCommand.ROOT.resolve(module).resolve("src");
            try (Stream<Path> s = Files.walk(src)) {
                s.filter(p -> p.toString().endsWith(".java"))
                        .filter(p -> !mainOnly || p.toString().contains("/src/main/"))
                        .filter(p -> !p.getFileName().toString().equals("SemanticsReferenceTest.java"))
                        .forEach(out::add);
            }
        }
        return out;
    }
}
