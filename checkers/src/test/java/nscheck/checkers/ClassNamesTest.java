package nscheck.checkers;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A simple name means one thing in the whole repository: a reader who meets {@code Minimizer}
 * or {@code Variant} in a file should not have to look at its imports to know which one it is.
 * No two top-level production classes of the four modules share a simple name, and no nested
 * type is named like a top-level one (as FutexMutex.Variant was beside the spec's Variant).
 * Private helpers nested in different classes (each engine's {@code Search}) may share a name:
 * they cannot be met outside their file.
 */
class ClassNamesTest {
    static final List<String> MODULES = List.of("spec", "model", "checkers", "jcstress");

    /**
     * Clashes known while issue 11's spec packages are being laid out, each with where it is;
     * the test fails as soon as one of them is gone, so that this list only ever shrinks.
     */
    static final Set<String> PENDING = Set.of();

    /** A type declaration (not a class literal such as {@code Foo.class}). */
    static final Pattern TYPE = Pattern.compile("(?<![.\\w])(?:class|interface|enum|record)\\s+([A-Z]\\w*)");

    @Test
    void everySimpleNameIsDeclaredOnce() {
        Map<String, String> sources = new TreeMap<>();
        for (Path file : productionSources()) sources.put(Path.of("..").relativize(file).toString(), read(file));
        assertFalse(sources.isEmpty(), "no sources found: the test runs from the checkers module");
        Map<String, List<String>> clashes = clashes(sources);
        for (String pending : PENDING)
            if (clashes.remove(pending) == null) clashes.put(pending, List.of("no longer clashes: remove it from PENDING"));
        assertEquals(Map.of(), clashes, "simple names declared more than once (rename one of each)");
    }

    /** The check can fail: the clashes this repository had, written small. */
    @Test
    void aNestedTypeNamedLikeATopLevelOneIsAClash() {
        Map<String, List<String>> clashes = clashes(Map.of(
                "spec/Variant.java", "public interface Variant {}",
                "model/FutexMutex.java", "public final class FutexMutex {\n    public enum Variant { ONCE, FOREVER }\n}",
                "checkers/Minimizer.java", "/** class Comparison in prose */ public final class Minimizer { private final class Search {} }",
                "conform/Minimizer.java", "final class Minimizer { String s = \"{ class Search\"; private static final class Search {} }"));
        assertEquals(Map.of("Variant", List.of("spec/Variant.java", "model/FutexMutex.java"),
                "Minimizer", List.of("checkers/Minimizer.java", "conform/Minimizer.java")), clashes);
    }

    /** Simple names declared more than once (top-level, or nested named like a top-level one), with where. */
    static Map<String, List<String>> clashes(Map<String, String> sources) {
        Map<String, List<String>> topLevel = new TreeMap<>();
        Map<String, List<String>> nested = new TreeMap<>();
        new TreeMap<>(sources).forEach((where, src) -> {
            String code = code(src);
            Matcher m = TYPE.matcher(code);
            int depth = 0, scanned = 0;
            while (m.find()) {
                for (; scanned < m.start(); scanned++) {
                    if (code.charAt(scanned) == '{') depth++;
                    else if (code.charAt(scanned) == '}') depth--;
                }
                (depth > 0 ? nested : topLevel).computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(where);
            }
        });
        Map<String, List<String>> clashes = new TreeMap<>();
        topLevel.forEach((name, files) -> {
            List<String> all = new ArrayList<>(files);
            all.addAll(nested.getOrDefault(name, List.of()));
            if (all.size() > 1) clashes.put(name, all);
        });
        return clashes;
    }

    private static List<Path> productionSources() {
        List<Path> out = new ArrayList<>();
        for (String module : MODULES) {
            Path root = Path.of("..", module, "src", "main", "java");
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.toString().endsWith(".java"))
                        .filter(p -> !p.getFileName().toString().equals("package-info.java"))
                        .sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The source with comments, strings and character literals blanked out, in one pass (a string
     * may hold "//" and a comment a quote): prose may say "class Foo", and braces in strings do not nest.
     */
    static String code(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0, n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (src.startsWith("//", i)) {
                while (i < n && src.charAt(i) != '\n') i++;
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                for (i++; i < n && src.charAt(i) != c; i++) if (src.charAt(i) == '\\') i++;
                i++;
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
