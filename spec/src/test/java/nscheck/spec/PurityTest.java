package nscheck.spec;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The spec is pure: no I/O, clocks, threads or randomness anywhere in its sources. */
class PurityTest {
    private static final Pattern FORBIDDEN = Pattern.compile(
            "java\\.io\\.|java\\.nio\\.|java\\.net\\.|java\\.util\\.concurrent|java\\.time\\.|Random|Thread|System\\.(currentTimeMillis|nanoTime|getenv|getProperty|out|err)|synchronized|volatile");

    @Test
    void specSourcesUseNoIoClockThreadsOrRandomness() throws IOException {
        Path root = Path.of("src/main/java");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream().filter(l -> !l.trim().startsWith("*") && !l.trim().startsWith("//"))
                            .filter(l -> FORBIDDEN.matcher(l).find()).map(l -> p.getFileName() + ": " + l.trim());
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }).toList();
        }
        assertEquals(List.of(), offenders);
    }
}
