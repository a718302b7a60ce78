package nscheck.spec;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The spec stays laid out like the kernel: no source file grows past {@value #MAX_LINES} lines (a
 * rule file that does has become two kernel files' worth), and every package says what it holds.
 */
class SpecLayoutTest {
    private static final int MAX_LINES = 300;
    private static final Path ROOT = Path.of("src/main/java");

    @Test
    void noSourceFileIsOverThreeHundredLines() throws IOException {
        List<String> long_;
        try (Stream<Path> files = Files.walk(ROOT)) {
            long_ = files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    long n = Files.readAllLines(p).size();
                    return n > MAX_LINES ? Stream.of(ROOT.relativize(p) + ": " + n + " lines") : Stream.empty();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }).toList();
        }
        assertEquals(List.of(), long_);
    }

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        List<String> missing;
        try (Stream<Path> files = Files.walk(ROOT)) {
            missing = files.filter(p -> p.toString().endsWith(".java")).map(Path::getParent).distinct()
                    .filter(dir -> !Files.exists(dir.resolve("package-info.java"))).map(dir -> ROOT.relativize(dir).toString()).toList();
        }
        assertEquals(List.of(), missing);
    }
}
