package nscheck.checkers.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static nscheck.checkers.cli.CliTest.nscheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `nscheck report` and the --html option of check and replay, without a browser (ReportBrowserTest opens the pages). */
class ReportCommandTest {
    static final Path CORPUS = Path.of("../counterexamples");
    static final String LEAKY = "pidns-basic-seeded-leaky-translate-isolation.json";

    @TempDir
    Path tmp;

    @Test
    void reportWritesAChartPerFileAndAnIndexLinkingThem() throws IOException {
        CliTest.Run r = nscheck("report", CORPUS.resolve(LEAKY).toString(), "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        Path chart = tmp.resolve("cex/pidns-basic-seeded-leaky-translate-isolation.html");
        assertTrue(Files.exists(chart), r.out());
        assertTrue(Files.readString(tmp.resolve("index.html")).contains("href=\"cex/pidns-basic-seeded-leaky-translate-isolation.html\""));
        String page = Files.readString(chart);
        assertTrue(page.contains("class=\"seqchart\""));
        assertTrue(page.contains("no call returns a nonzero PID of a task the caller cannot see"), "the invariant's statement");
        selfContained(page);
    }

    /** Opens from a mail attachment: no script, style sheet, image or font fetched from anywhere. */
    static void selfContained(String page) {
        assertFalse(page.contains("<link"), "no linked style sheet");
        assertFalse(Pattern.compile("<(script|img|iframe)[^>]*\\ssrc=").matcher(page).find(), "no fetched script or image");
        Matcher url = Pattern.compile("https?://[^\"'\\s<)]+").matcher(page);
        while (url.find()) assertEquals("http://www.w3.org/2000/svg", url.group(), "the only URL is SVG's namespace name, which is never fetched");
    }

    @Test
    void aDirectoryStandsForItsFilesAndAnUnreadableFileExitsTwoAfterWritingTheRest() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        Files.copy(CORPUS.resolve(LEAKY), dir.resolve(LEAKY));
        Files.writeString(dir.resolve("broken.json"), "{ not json");
        CliTest.Run r = nscheck("report", dir.toString(), "--out", tmp.resolve("site").toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("broken.json"), r.err());
        assertTrue(Files.exists(tmp.resolve("site/cex/pidns-basic-seeded-leaky-translate-isolation.html")));
    }

    @Test
    void checkAndReplayAddTheirPagesToOneSite() throws IOException {
        Path site = tmp.resolve("site");
        CliTest.Run check = nscheck("check", "pidns-basic", "--variant", "seeded-leaky-translate", "--progress", "0",
                "--out", tmp.resolve("files").toString(), "--html", site.toString());
        assertEquals(1, check.code(), check.err());
        String run = Files.readString(site.resolve("run-pidns-basic-seeded-leaky-translate.html"));
        assertTrue(run.contains("id=\"states-per-level\"") && run.contains("id=\"coverage\""), "figures");
        selfContained(run);
        CliTest.Run replay = nscheck("replay", "-q", CORPUS.resolve(LEAKY).toString(), "--html", site.toString());
        assertEquals(0, replay.code(), replay.err());
        String index = Files.readString(site.resolve("index.html"));
        assertTrue(index.contains("run-pidns-basic-seeded-leaky-translate.html"), index);
        assertTrue(index.contains("cex/pidns-basic-seeded-leaky-translate-isolation.html"), index);
    }
}
