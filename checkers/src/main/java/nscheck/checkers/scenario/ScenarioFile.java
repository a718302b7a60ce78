package nscheck.checkers.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nscheck.checkers.cex.Counterexample;
import nscheck.spec.call.Errno;
import nscheck.spec.call.Syscall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The readable file form of a scenario and of a counterexample (format {@value Script#FORMAT},
 * version {@value Script#VERSION}; docs/scenario-format.md). Reading checks every field and
 * reports the first bad one by its JSON path.
 */
public final class ScenarioFile {
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final Set<String> TOP = Set.of("format", "version", "description", "model", "variant", "bounds", "tasks",
            "property", "found_by", "expect", "trace");
    private static final Set<String> STEP = Set.of("task", "call", "args", "child", "result", "text");

    private ScenarioFile() {}

    /** Whether a parsed file claims this format (any version: the version is checked by {@link #parse}). */
    public static boolean claims(JsonNode tree) {
        return tree != null && tree.isObject() && Script.FORMAT.equals(tree.path("format").asText());
    }

    public static Script parse(String text) {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ScenarioError("", "not JSON: " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        }
        return parse(tree);
    }

    public static Script parse(JsonNode tree) {
        if (tree == null || !tree.isObject()) throw new ScenarioError("", "not a scenario (no JSON object)");
        unknownKeys(tree, TOP, "");
        if (!claims(tree)) throw new ScenarioError("format", "must be \"" + Script.FORMAT + "\"");
        JsonNode v = tree.get("version");
        if (v == null || !v.isIntegralNumber() || v.intValue() != Script.VERSION)
            throw new ScenarioError("version", "must be " + Script.VERSION + ", not " + (v == null ? "missing" : v.asText()));
        String description = text(tree, "description");
        String model = text(tree, "model");
        String variant = text(tree, "variant");
        Map<String, Integer> bounds = new LinkedHashMap<>();
        JsonNode b = tree.get("bounds");
        if (b != null && !b.isNull()) {
            if (!b.isObject()) throw new ScenarioError("bounds", "must be an object of bound names to integers, not " + Arguments.kind(b));
            for (var it = b.fields(); it.hasNext(); ) {
                var e = it.next();
                int n = Arguments.integer(e.getValue(), "bounds." + e.getKey());
                if (n < 0) throw new ScenarioError("bounds." + e.getKey(), "must be >= 0");
                bounds.put(e.getKey(), n);
            }
        }
        List<String> tasks = new ArrayList<>();
        JsonNode t = tree.get("tasks");
        if (t != null && !t.isNull()) {
            if (!t.isArray() || t.isEmpty()) throw new ScenarioError("tasks", "must be an array of task names, the root init first");
            for (int i = 0; i < t.size(); i++) tasks.add(name(t.get(i), "tasks[" + i + "]", tasks));
        }
        Counterexample.PropertyRef property = null;
        JsonNode p = tree.get("property");
        if (p != null && !p.isNull()) {
            if (!p.isObject()) throw new ScenarioError("property", "must be an object with a name");
            unknownKeys(p, Set.of("name", "statement"), "property");
            String name = text(p, "name", "property.name");
            if (name == null) throw new ScenarioError("property.name", "missing");
            property = new Counterexample.PropertyRef(name, text(p, "statement", "property.statement"));
        }
        Counterexample.FoundBy foundBy = null;
        JsonNode f = tree.get("found_by");
        if (f != null && !f.isNull()) {
            if (!f.isObject()) throw new ScenarioError("found_by", "must be an object");
            unknownKeys(f, Set.of("engine", "seed", "minimized"), "found_by");
            JsonNode seed = f.get("seed");
            if (seed != null && !seed.isNull() && !seed.isIntegralNumber()) throw new ScenarioError("found_by.seed", "must be an integer");
            foundBy = new Counterexample.FoundBy(text(f, "engine", "found_by.engine"), seed == null || seed.isNull() ? null : seed.longValue(),
                    f.path("minimized").asBoolean(false));
        }
        String expect = text(tree, "expect");
        if (expect != null && !expect.equals(Counterexample.VIOLATES) && !expect.equals(Counterexample.HOLDS))
            throw new ScenarioError("expect", "must be \"violates\" or \"holds\", not \"" + expect + "\"");
        if (expect != null && property == null) throw new ScenarioError("expect", "needs a property to judge");
        if (property != null && expect == null) throw new ScenarioError("property", "needs an expect: \"violates\" or \"holds\"");
        JsonNode trace = tree.get("trace");
        if (trace == null || trace.isNull()) throw new ScenarioError("trace", "missing (the steps of the scenario)");
        if (!trace.isArray()) throw new ScenarioError("trace", "must be an array of steps, not " + Arguments.kind(trace));
        if (trace.isEmpty()) throw new ScenarioError("trace", "is empty: a scenario has at least one step");
        List<Script.Step> steps = new ArrayList<>();
        for (int i = 0; i < trace.size(); i++) steps.add(step(trace.get(i), "trace[" + i + "]"));
        return new Script(description, model, variant, bounds, tasks, property, foundBy, expect, steps);
    }

    private static Script.Step step(JsonNode s, String path) {
        if (!s.isObject()) throw new ScenarioError(path, "must be an object (task, call, args, result), not " + Arguments.kind(s));
        unknownKeys(s, STEP, path);
        JsonNode task = s.get("task");
        if (task == null || task.isNull()) throw new ScenarioError(path + ".task", "missing (the name of the task that makes the call)");
        String actor = name(task, path + ".task", List.of());
        Syscall call = CallSyntax.read(s.get("call"), s.get("args"), path);
        JsonNode c = s.get("child");
        String child = null;
        if (c != null && !c.isNull()) {
            if (!nscheck.spec.call.CreatesTask.of(call))
                throw new ScenarioError(path + ".child", "only a clone names a child");
            child = name(c, path + ".child", List.of());
        }
        return new Script.Step(actor, call, child, result(s.get("result"), path + ".result"), path);
    }

    /**
     * An expected result in the kernel's words: a number, an errno name ({@code "EPERM"}),
     * {@code "blocks"} (the call sleeps) or {@code "dies"} (it never returns); null when absent.
     * Returned in the form observations print in ({@code = 3}, {@code = -1 EPERM}).
     */
    static String result(JsonNode r, String path) {
        if (r == null || r.isNull()) return null;
        if (r.isIntegralNumber()) return "= " + r.asLong();
        if (!r.isTextual()) throw new ScenarioError(path, "must be a number, an errno name, \"blocks\" or \"dies\", not " + Arguments.kind(r));
        String w = r.asText();
        if (w.equals("blocks")) return "<unfinished ...>";
        if (w.equals("dies")) return "= ?";
        try {
            return "= -1 " + Errno.valueOf(w).name();
        } catch (IllegalArgumentException e) {
            throw new ScenarioError(path, "unknown result \"" + w + "\" (a number, an errno name such as \"EPERM\", \"blocks\" or \"dies\")");
        }
    }

    /** The file form of an observation as printed ({@code = 3} to 3, {@code = -1 EPERM} to "EPERM"). */
    static Object resultWord(String observation) {
        if (observation.equals("<unfinished ...>")) return "blocks";
        if (observation.equals("= ?")) return "dies";
        if (observation.startsWith("= -1 ")) return observation.substring(5);
        if (observation.startsWith("= ")) return Long.parseLong(observation.substring(2));
        return observation;
    }

    private static String name(JsonNode n, String path, List<String> taken) {
        if (!n.isTextual() || n.asText().isBlank()) throw new ScenarioError(path, "must be a task name, not " + Arguments.kind(n));
        if (taken.contains(n.asText())) throw new ScenarioError(path, "\"" + n.asText() + "\" is named twice");
        return n.asText();
    }

    private static String text(JsonNode n, String key) {
        return text(n, key, key);
    }

    private static String text(JsonNode n, String key, String path) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new ScenarioError(path, "must be a string, not " + Arguments.kind(v));
        return v.asText();
    }

    private static void unknownKeys(JsonNode n, Set<String> known, String path) {
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k))
                throw new ScenarioError(path.isEmpty() ? k : path + "." + k, "unknown field (known: " + String.join(", ", new LinkedHashSet<>(sorted(known))) + ")");
        }
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    /** One step as written: the task, the call in the kernel's words, its child's name, its result and its strace form. */
    public record Written(String task, Syscall call, String child, String observation) {}

    /** The file text of a scenario or counterexample. */
    public static String write(Script header, List<Written> steps, Map<String, Integer> bounds) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", Script.FORMAT);
        root.put("version", Script.VERSION);
        if (header.description() != null) root.put("description", header.description());
        if (header.model() != null) root.put("model", header.model());
        if (header.variant() != null) root.put("variant", header.variant());
        if (bounds != null && !bounds.isEmpty()) root.set("bounds", JSON.valueToTree(bounds));
        ArrayNode tasks = root.putArray("tasks");
        header.tasks().forEach(tasks::add);
        if (header.property() != null) {
            ObjectNode p = root.putObject("property");
            p.put("name", header.property().name());
            if (header.property().statement() != null) p.put("statement", header.property().statement());
        }
        if (header.foundBy() != null) {
            ObjectNode f = root.putObject("found_by");
            f.put("engine", header.foundBy().engine());
            if (header.foundBy().seed() != null) f.put("seed", header.foundBy().seed());
            else f.putNull("seed");
            f.put("minimized", header.foundBy().minimized());
        }
        if (header.expect() != null) root.put("expect", header.expect());
        ArrayNode trace = root.putArray("trace");
        for (Written w : steps) {
            ObjectNode s = trace.addObject();
            s.put("task", w.task());
            s.put("call", CallSyntax.name(w.call()));
            Map<String, Object> args = CallSyntax.arguments(w.call());
            if (!args.isEmpty()) s.set("args", JSON.valueToTree(args));
            if (w.child() != null) s.put("child", w.child());
            if (w.observation() != null) s.set("result", JSON.valueToTree(resultWord(w.observation())));
            s.put("text", w.call().toString());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
