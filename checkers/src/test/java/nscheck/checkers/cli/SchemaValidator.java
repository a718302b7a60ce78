package nscheck.checkers.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The subset of JSON Schema (2020-12) the schemas in nscheck/schema/ use: type (one or a list),
 * enum, properties, required, additionalProperties (false or a schema), items. Each failure is
 * reported with its JSON pointer.
 */
final class SchemaValidator {
    private SchemaValidator() {}

    static List<String> validate(JsonNode schema, JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(schema, value, "", errors);
        return errors;
    }

    private static void check(JsonNode schema, JsonNode v, String at, List<String> errors) {
        JsonNode type = schema.get("type");
        if (type != null) {
            boolean ok = false;
            if (type.isArray()) for (JsonNode t : type) ok |= is(t.asText(), v);
            else ok = is(type.asText(), v);
            if (!ok) {
                errors.add(at + ": " + v.getNodeType() + " is not " + type);
                return;
            }
        }
        JsonNode en = schema.get("enum");
        if (en != null) {
            boolean ok = false;
            for (JsonNode e : en) ok |= e.equals(v);
            if (!ok) errors.add(at + ": " + v + " is not one of " + en);
        }
        if (v.isObject()) {
            JsonNode props = schema.path("properties");
            JsonNode required = schema.get("required");
            if (required != null)
                for (JsonNode r : required) if (!v.has(r.asText())) errors.add(at + ": missing required " + r.asText());
            JsonNode additional = schema.get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String path = at + "/" + f.getKey();
                if (props.has(f.getKey())) check(props.get(f.getKey()), f.getValue(), path, errors);
                else if (additional != null && additional.isBoolean() && !additional.asBoolean()) errors.add(path + ": not in the schema");
                else if (additional != null && additional.isObject()) check(additional, f.getValue(), path, errors);
            }
        }
        if (v.isArray() && schema.has("items")) {
            int i = 0;
            for (JsonNode item : v) check(schema.get("items"), item, at + "/" + i++, errors);
        }
    }

    private static boolean is(String type, JsonNode v) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            default -> throw new IllegalArgumentException("schema type " + type + " is not supported by this validator");
        };
    }
}
