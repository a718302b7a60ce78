package nscheck.model;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelCatalogTest {

    @Test
    void everyFileInModelsIsShippedAndEveryShippedNameHasAFile() throws IOException {
        List<String> files;
        try (Stream<Path> s = Files.list(Path.of("models"))) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        }
        assertEquals(ModelCatalog.SHIPPED.stream().sorted().toList(), files);
    }

    @Test
    void everyShippedModelBuildsWithItsDefaults() {
        for (ModelSource m : ModelCatalog.shipped()) {
            Model<?, ?> built = m.build(Map.of(), null);
            assertEquals(m.name(), built.name());
            assertFalse(built.initialStates().isEmpty());
            assertEquals(m.invariants(), built.properties().stream().map(Property::name).toList());
        }
    }

    @Test
    void boundsCanBeReplacedAndUnknownOnesAreRefused() {
        ModelSource m = ModelCatalog.find("pidns-basic");
        assertEquals(3, m.build(Map.of("tasks", 3), null).bounds().get("tasks"));
        ModelException e = assertThrows(ModelException.class, () -> m.build(Map.of("threads", 3), null));
        assertTrue(e.getMessage().startsWith("unknown bound 'threads'"), e.getMessage());
        assertThrows(ModelException.class, () -> m.build(Map.of("depth", 40), null));
        assertThrows(ModelException.class, () -> m.build(Map.of(), "no-such-variant"));
    }

    @Test
    void badModelFilesAreRefusedInOneLine(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        String[][] cases = {
                {"{ not json", "bad model file"},
                {"{\"format\":\"nscheck-model/9\",\"name\":\"x\",\"calls\":[\"clone\"]}", "model format must be"},
                {"{\"format\":\"nscheck-model/1\",\"name\":\"x\",\"calls\":[\"fork\"]}", "unknown call family 'fork'"},
                {"{\"format\":\"nscheck-model/1\",\"name\":\"x\",\"calls\":[\"clone\"],\"colour\":1}", "Unrecognized field"},
                {"{\"format\":\"nscheck-model/1\",\"name\":\"x\",\"calls\":[\"clone\"],\"invariants\":[\"no-such\"]}", "unknown invariant"},
        };
        for (String[] c : cases) {
            Path f = dir.resolve("m.json");
            Files.writeString(f, c[0]);
            ModelException e = assertThrows(ModelException.class, () -> ModelCatalog.find(f.toString()));
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
        ModelException missing = assertThrows(ModelException.class, () -> ModelCatalog.find(dir.resolve("none.json").toString()));
        assertTrue(missing.getMessage().startsWith("no such model file"));
        assertThrows(ModelException.class, () -> ModelCatalog.find("no-such-model"));
    }
}
