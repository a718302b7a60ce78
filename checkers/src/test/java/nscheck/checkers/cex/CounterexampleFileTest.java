package nscheck.checkers.cex;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file format: what it reads back, and the one-line refusals of what it cannot read. */
class CounterexampleFileTest {
    static final Path SHIPPED = Path.of("..", "counterexamples", "pidns-basic-seeded-shallow-zap-init-kills-namespace.json");

    @TempDir
    Path dir;

    @Test
    void writesWhatItReads() throws IOException {
        Counterexample cex = CounterexampleFile.read(SHIPPED);
        Path again = CounterexampleFile.writeTo(dir.resolve("again.json"), cex);
        assertTrue(Files.readString(again).contains("\"format\" : \"nscheck-scenario\""), "a kernel model's counterexample is written in version 2");
        assertEquals(cex, CounterexampleFile.read(again));
        Path twice = CounterexampleFile.writeTo(dir.resolve("twice.json"), CounterexampleFile.read(again));
        assertEquals(Files.readString(again), Files.readString(twice), "writing is stable: a re-written file is byte-identical");
        Path v1 = CounterexampleFile.writeVersion1(dir.resolve("v1.json"), cex);
        assertEquals(Files.readString(SHIPPED), Files.readString(v1), "version 1 still reads and writes as it did");
    }

    @Test
    void olderVersionIsRefusedInOneLine() throws IOException {
        String message = refusal(Files.readString(SHIPPED).replace("\"version\" : 1", "\"version\" : 0"));
        assertTrue(message.contains("format version 0 is not supported"), message);
    }

    @Test
    void truncatedFileIsRefusedInOneLine() throws IOException {
        String text = Files.readString(SHIPPED);
        String message = refusal(text.substring(0, text.length() / 2));
        assertTrue(message.contains("corrupt counterexample"), message);
    }

    @Test
    void wrongFieldTypeIsRefusedInOneLine() throws IOException {
        String message = refusal(Files.readString(SHIPPED).replace("\"steps\" : 0", "\"steps\" : \"many\""));
        assertTrue(message.contains("corrupt counterexample"), message);
    }

    @Test
    void unknownExpectationIsRefusedInOneLine() throws IOException {
        String message = refusal(Files.readString(SHIPPED).replace("\"expect\" : \"violates\"", "\"expect\" : \"maybe\""));
        assertTrue(message.contains("expect must be"), message);
    }

    @Test
    void otherJsonIsNotACounterexample() {
        assertTrue(refusal("{\"format\": \"nscheck-model/1\"}").contains("not a counterexample"));
        assertTrue(refusal("[1, 2]").contains("not a counterexample"));
    }

    @Test
    void missingFileIsRefusedInOneLine() {
        var e = assertThrows(CounterexampleFile.BadFile.class, () -> CounterexampleFile.read(dir.resolve("nope.json")));
        assertTrue(e.getMessage().endsWith("no such file"), e.getMessage());
    }

    private String refusal(String text) {
        Path file = dir.resolve("bad.json");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        var e = assertThrows(CounterexampleFile.BadFile.class, () -> CounterexampleFile.read(file));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }
}
