package nscheck.checkers.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/scenario-format.md and its JSON Schema say what the reader reads: the same fields, calls and defaults. */
class ScenarioFormatDocTest {
    private static final Path DOC = Path.of("..", "docs", "scenario-format.md");
    private static final Path SCHEMA = Path.of("..", "docs", "scenario.schema.json");

    @Test
    void theSchemaListsEveryCallAndField() throws Exception {
        JsonNode schema = ScenarioFile.JSON.readTree(Files.readString(SCHEMA));
        List<String> calls = new ArrayList<>();
        schema.at("/$defs/step/properties/call/enum").forEach(n -> calls.add(n.asText()));
        assertEquals(CallSyntax.FORMS.stream().map(CallSyntax.Form::name).toList(), calls);
        Set<String> fields = new TreeSet<>();
        schema.get("properties").fieldNames().forEachRemaining(fields::add);
        assertEquals(new TreeSet<>(List.of("format", "version", "description", "model", "variant", "bounds", "tasks", "property",
                "found_by", "expect", "trace")), fields);
        // every form's argument keys are the schema's
        for (JsonNode branch : schema.at("/$defs/step/allOf")) {
            String call = branch.at("/if/properties/call/const").asText();
            Set<String> keys = new TreeSet<>();
            branch.at("/then/properties/args/properties").fieldNames().forEachRemaining(keys::add);
            for (String k : keys) assertTrue(CallSyntax.FORMS.stream().anyMatch(f -> f.name().equals(call) && f.arguments().contains(k)),
                    call + " documents " + k);
        }
    }

    @Test
    void theDocStatesTheDefaultsTheCodeUses() throws Exception {
        String doc = Files.readString(DOC);
        var b = Script.DEFAULT_BOUNDS;
        assertTrue(doc.contains(b.get("tasks") + " tasks, depth " + b.get("depth") + ", pid_max " + b.get("pid_max") + ", one initial task"), "defaults");
        assertEquals(1, b.get("initial_tasks"));
        for (CallSyntax.Form f : CallSyntax.FORMS) assertTrue(doc.contains("`" + f.name() + "`"), f.name());
    }
}
