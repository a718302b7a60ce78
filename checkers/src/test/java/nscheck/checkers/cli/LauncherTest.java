package nscheck.checkers.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ./nscheck launcher's build: one line before, one after, no ANSI escapes, and a failed build
 * is exit 3 naming its log. NSCHECK_MVN stands in for Maven, so no real build runs here.
 */
class LauncherTest {
    static final Path LAUNCHER = Path.of("..", "nscheck");

    record Result(int code, String stderr) {}

    private static Result launch(String mvn) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", LAUNCHER.toString(), "--version");
        pb.environment().put("NSCHECK_MVN", mvn);
        pb.environment().put("NSCHECK_REBUILD", "1");
        Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), err);
    }

    @Test
    void aFailedBuildIsExitThreeWithWhereTheLogIs() throws Exception {
        Result r = launch("false");
        assertEquals(3, r.code(), r.stderr());
        String[] lines = r.stderr().strip().split("\n");
        assertEquals(2, lines.length, r.stderr());
        assertTrue(lines[0].startsWith("nscheck: building the jar"), r.stderr());
        assertTrue(lines[1].matches("nscheck: build failed after \\d+ s \\(exit 3\\); the Maven log is .*nscheck-build\\.log"), r.stderr());
        assertFalse(r.stderr().contains("\u001b["), "no ANSI escapes");
    }

    @Test
    void aBuildIsOneLineBeforeAndOneAfter() throws Exception {
        // "true" builds nothing: the jar the test run already has is used (the launcher needs one, as after a real build).
        assumeJar();
        Result r = launch("true");
        assertEquals(0, r.code(), r.stderr());
        String[] lines = r.stderr().strip().split("\n");
        assertEquals(2, lines.length, r.stderr());
        assertTrue(lines[1].matches("nscheck: built in \\d+ s"), r.stderr());
    }

    /** The throughput collector by default (the object engines' allocation rate; docs/performance.md), any other when JAVA_OPTS names it. */
    @Test
    void theThroughputCollectorUnlessJavaOptsNamesAnother() throws Exception {
        assumeJar();
        assertTrue(flags("-XX:+PrintCommandLineFlags").contains("-XX:+UseParallelGC"));
        String g1 = flags("-XX:+UseG1GC -XX:+PrintCommandLineFlags");
        assertTrue(g1.contains("-XX:+UseG1GC") && !g1.contains("UseParallelGC"), g1);
    }

    /**
     * Under the default heap the young generation is capped (the resident memory of a search is
     * mostly young garbage otherwise; docs/performance.md "Resident memory") while the maximum heap,
     * which HeapWatchdog measures against, stays the JVM's default; a JAVA_OPTS that sizes the heap
     * is left alone.
     */
    @Test
    void theYoungGenerationIsCappedUnderTheDefaultHeapOnly() throws Exception {
        assumeJar();
        String byDefault = flags("-XX:+PrintCommandLineFlags");
        assertTrue(byDefault.contains("-XX:MaxNewSize=268435456"), byDefault);
        long defaultMax = Long.parseLong(byDefault.replaceAll("(?s).*-XX:MaxHeapSize=(\\d+).*", "$1"));
        String plain = javaFlags();
        assertEquals(Long.parseLong(plain.replaceAll("(?s).*-XX:MaxHeapSize=(\\d+).*", "$1")), defaultMax, "the maximum heap is the JVM's own");
        for (String sized : new String[] {"-Xmx2g", "-Xmn64m", "-XX:NewSize=64m", "-XX:MaxRAM=8g"}) {
            String f = flags(sized + " -XX:+PrintCommandLineFlags");
            assertFalse(f.contains("MaxNewSize=268435456"), sized + ": " + f);
        }
    }

    /** C2's thresholds tripled (docs/performance.md), unless JAVA_OPTS sets a compilation threshold itself. */
    @Test
    void c2CompilesLaterUnlessJavaOptsSetsAThreshold() throws Exception {
        assumeJar();
        String byDefault = flags("-XX:+PrintCommandLineFlags");
        assertTrue(byDefault.contains("-XX:Tier4InvocationThreshold=15000") && byDefault.contains("-XX:Tier4BackEdgeThreshold=120000"), byDefault);
        String own = flags("-XX:Tier4InvocationThreshold=7000 -XX:+PrintCommandLineFlags");
        assertTrue(own.contains("-XX:Tier4InvocationThreshold=7000") && !own.contains("Tier4BackEdgeThreshold"), own);
    }

    /** The flags of a plain JVM, for the default maximum heap. */
    private static String javaFlags() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("java", "-XX:+UseParallelGC", "-XX:+PrintCommandLineFlags", "-version")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    private static String flags(String javaOpts) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", LAUNCHER.toString(), "--version");
        pb.environment().put("NSCHECK_MVN", "true");
        pb.environment().put("NSCHECK_REBUILD", "1");
        pb.environment().put("JAVA_OPTS", javaOpts);
        Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void mavenRunsQuietBatchAndColourless() throws IOException {
        String script = Files.readString(LAUNCHER);
        assertTrue(script.contains("-q -B -Dstyle.color=never"), "mvn -q -B -Dstyle.color=never in " + LAUNCHER);
    }

    private static void assumeJar() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("target", "nscheck.jar")), "the packaged jar (mvn package) exists");
    }
}
