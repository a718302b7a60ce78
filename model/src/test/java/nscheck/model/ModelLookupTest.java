package nscheck.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a name on the command line becomes a model: a shipped file by its name, a model defined in
 * code by its name, anything else that looks like a path as a user's file; every mistake is one
 * line naming what was wrong. (ModelCatalogTest reads model/models/ itself; this reads only the
 * packaged copies, so it also runs where the working directory is another module's.)
 */
class ModelLookupTest {
    private static final String GOOD = "{\"format\":\"nscheck-model/1\",\"name\":\"mine\",\"calls\":[\"clone\",\"exit\"],\"bounds\":{\"tasks\":3}}";

    @Test
    void shippedAndCodeModelsAreFoundByName() {
        assertEquals("pidns-basic", ModelCatalog.find("pidns-basic").name());
        assertEquals("job-control", ModelCatalog.find("job-control").name());
        for (String code : List.of("futex-mutex", "futex-pi", "futex-pi-crossns", "futex-robust", "futex-robust-crossns",
                "futex-mutex-once", "futex-mutex-forever", "restore-migration"))
            assertEquals(code, ModelCatalog.find(code).name());
        List<String> names = ModelCatalog.shipped().stream().map(ModelSource::name).toList();
        assertEquals(ModelCatalog.SHIPPED, names.subList(0, ModelCatalog.SHIPPED.size()), "the files first, in order");
        assertEquals(ModelCatalog.SHIPPED.size() + ModelCatalog.CODE_MODELS.size(), names.size());
        assertEquals("restore-migration", names.get(names.size() - 1));
    }

    @Test
    void anUnknownNameListsEveryModel() {
        String e = assertThrows(ModelException.class, () -> ModelCatalog.find("pidns")).getMessage();
        assertTrue(e.startsWith("unknown model 'pidns' (known: pidns-basic, pidns-init-death, "), e);
        assertTrue(e.endsWith(", restore-migration; or give the path of a model file)"), e);
    }

    @Test
    void aPathIsReadAsAModelFile(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("mine.json");
        Files.writeString(json, GOOD);
        ModelSource m = ModelCatalog.find(json.toString());
        assertEquals("mine", m.name());
        assertEquals(3, m.defaultBounds().get("tasks"));
        // a path without .json is a path too, as is a file named like a shipped model
        Path plain = dir.resolve("pidns-basic");
        Files.writeString(plain, GOOD);
        assertEquals("mine", ModelCatalog.find(plain.toString()).name());
        assertEquals("mine", ModelCatalog.load(plain).name());
    }

    @Test
    void whatIsNotAModelFileIsRefusedInOneLine(@TempDir Path dir) throws IOException {
        assertEquals("no such model file: " + dir.resolve("none.json"),
                assertThrows(ModelException.class, () -> ModelCatalog.find(dir.resolve("none.json").toString())).getMessage());
        Path sub = Files.createDirectory(dir.resolve("sub.json"));
        assertEquals("model file " + sub + " is not a regular file", assertThrows(ModelException.class, () -> ModelCatalog.load(sub)).getMessage());
        Path big = dir.resolve("big.json");
        Files.write(big, new byte[(int) ModelCatalog.MAX_FILE_BYTES + 1]);
        assertEquals("model file " + big + " is " + (ModelCatalog.MAX_FILE_BYTES + 1) + " bytes; a model file is at most " + ModelCatalog.MAX_FILE_BYTES,
                assertThrows(ModelException.class, () -> ModelCatalog.load(big)).getMessage());
        Path edge = dir.resolve("edge.json");
        Files.writeString(edge, GOOD + " ".repeat((int) ModelCatalog.MAX_FILE_BYTES - GOOD.length()));
        assertEquals("mine", ModelCatalog.load(edge).name(), "a file of exactly the limit is read");
    }

    @Test
    void aBadFileSaysWhereAndOnWhichLine() {
        String e = assertThrows(ModelException.class, () -> ModelCatalog.parse("{\n  \"format\": \"nscheck-model/1\",\n  \"bounds\": {\"tasks\": \"x\"}\n}", "f.json")).getMessage();
        assertTrue(e.startsWith("bad model file f.json: "), e);
        assertTrue(e.endsWith(" (line 3)"), e);
        assertFalse(e.contains("\n"), e);
        String k = assertThrows(ModelException.class, () -> ModelCatalog.parse("{\"format\":\"nscheck-model/1\",\"name\":\"x\"}", "g.json")).getMessage();
        assertEquals("bad model file g.json: model x lists no calls", k);
        String n = assertThrows(ModelException.class, () -> ModelCatalog.parse("{\"format\":\"nscheck-model/1\",\"name\":\"x\",\"calls\":[\"clone\"],\"bounds\":{\"tasks\":null}}", "h.json")).getMessage();
        assertTrue(n.startsWith("bad model file h.json: "), n);
    }

    @Test
    void boundsAcceptZeroAndTheEndsOfTheirRanges() {
        Map<String, Integer> base = Map.of("steps", 5);
        assertEquals(Map.of("steps", 0), Bounds.override("m", base, Map.of("steps", 0)));
        java.util.Map<String, Integer> none = new java.util.HashMap<>();
        none.put("steps", null);
        assertEquals("bound steps must be a number >= 0", assertThrows(ModelException.class, () -> Bounds.override("m", base, none)).getMessage());
        Bounds.within(Map.of("threads", 2), "threads", 2, 5);
        Bounds.within(Map.of("threads", 5), "threads", 2, 5);
        assertThrows(ModelException.class, () -> Bounds.within(Map.of("threads", 1), "threads", 2, 5));
        assertThrows(ModelException.class, () -> Bounds.within(Map.of("threads", 6), "threads", 2, 5));
        assertEquals(Verdict.HOLDS, Verdict.of(true));
        assertEquals(Verdict.VIOLATED, Verdict.of(false));
    }
}
