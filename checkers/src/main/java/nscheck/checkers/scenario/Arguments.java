package nscheck.checkers.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.Signals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A step's {@code args} object as the author wrote it, read key by key in the kernel's words:
 * flag names, signal names, plain numbers. Every key must be one the call takes; every problem
 * is a {@link ScenarioError} at the field's JSON path.
 */
final class Arguments {
    private final JsonNode node;
    private final String path;
    private final String call;
    private final Set<String> taken = new LinkedHashSet<>();

    Arguments(JsonNode node, String path, String call) {
        if (node != null && !node.isNull() && !node.isObject())
            throw new ScenarioError(path, "must be an object of named arguments, not " + kind(node));
        this.node = node == null || node.isNull() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : node;
        this.path = path;
        this.call = call;
    }

    static String kind(JsonNode n) {
        if (n.isTextual()) return "a string";
        if (n.isIntegralNumber()) return "a number";
        if (n.isNumber()) return "a fractional number";
        if (n.isBoolean()) return "a boolean";
        if (n.isArray()) return "an array";
        if (n.isObject()) return "an object";
        return "null";
    }

    private JsonNode get(String key) {
        taken.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    private String at(String key) {
        return path + "." + key;
    }

    int integer(String key) {
        JsonNode v = get(key);
        if (v == null) throw new ScenarioError(at(key), call + " needs this argument");
        return integer(v, at(key));
    }

    int integer(String key, int absent) {
        JsonNode v = get(key);
        return v == null ? absent : integer(v, at(key));
    }

    /** A 32-bit word as an unsigned number (a futex word holding a TID with FUTEX_WAITERS set). */
    int unsigned(String key) {
        JsonNode v = get(key);
        if (v == null) throw new ScenarioError(at(key), call + " needs this argument");
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < Integer.MIN_VALUE || v.longValue() > 0xffffffffL)
            throw new ScenarioError(at(key), "must be a 32-bit integer, not " + (v.isIntegralNumber() ? v.asText() : kind(v)));
        return (int) v.longValue();
    }

    static int integer(JsonNode v, String where) {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw new ScenarioError(where, "must be an integer, not " + kind(v));
        return v.intValue();
    }

    /** Clone flags as a list of names ({@code ["CLONE_NEWPID", "CLONE_PARENT"]}); absent means 0. */
    int flags(String key) {
        JsonNode v = get(key);
        if (v == null) return 0;
        if (!v.isArray()) throw new ScenarioError(at(key), "must be an array of flag names such as [\"CLONE_NEWPID\"], not " + kind(v));
        int flags = 0;
        for (int i = 0; i < v.size(); i++) {
            JsonNode f = v.get(i);
            if (!f.isTextual()) throw new ScenarioError(at(key) + "[" + i + "]", "must be a flag name, not " + kind(f));
            try {
                flags |= CloneFlags.parse(f.asText());
            } catch (IllegalArgumentException e) {
                throw new ScenarioError(at(key), "unknown flag \"" + f.asText() + "\" (known: " + String.join(", ", FLAG_NAMES) + ")");
            }
        }
        return flags;
    }

    static final List<String> FLAG_NAMES = List.of("CLONE_PARENT", "CLONE_THREAD", "CLONE_NEWPID", "CLONE_SYSVSEM", "CLONE_NEWIPC", "CLONE_NEWUSER");

    List<Integer> integers(String key) {
        JsonNode v = get(key);
        if (v == null) return List.of();
        if (!v.isArray()) throw new ScenarioError(at(key), "must be an array of integers, not " + kind(v));
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) out.add(integer(v.get(i), at(key) + "[" + i + "]"));
        return out;
    }

    /** A signal by name ({@code "SIGUSR1"}) or 0, the null signal of kill(2). */
    int signal(String key, String absent) {
        JsonNode v = get(key);
        if (v == null) return Signals.parse(absent);
        if (v.isIntegralNumber() && v.intValue() == 0) return 0;
        if (!v.isTextual()) throw new ScenarioError(at(key), "must be a signal name such as \"SIGUSR1\", or 0, not " + kind(v));
        try {
            return Signals.parse(v.asText());
        } catch (IllegalArgumentException e) {
            throw new ScenarioError(at(key), "unknown signal \"" + v.asText() + "\" (known: SIGKILL, SIGTERM, SIGUSR1, SIGCHLD, SIGSTOP, SIGCONT, SIGHUP, SIGUSR2, 0)");
        }
    }

    /** A signal set as a list of names ({@code ["SIGUSR1", "SIGTERM"]}), bit sig - 1 each; absent means the empty set. */
    long signalSet(String key) {
        JsonNode v = get(key);
        if (v == null) return 0;
        if (!v.isArray()) throw new ScenarioError(at(key), "must be an array of signal names such as [\"SIGUSR1\"], not " + kind(v));
        long set = 0;
        for (int i = 0; i < v.size(); i++) {
            JsonNode f = v.get(i);
            try {
                if (!f.isTextual()) throw new IllegalArgumentException();
                set |= Signals.bit(Signals.parse(f.asText()));
            } catch (IllegalArgumentException e) {
                throw new ScenarioError(at(key) + "[" + i + "]", "must be a signal name such as \"SIGUSR1\", not " + (f.isTextual() ? "\"" + f.asText() + "\"" : kind(f)));
            }
        }
        return set;
    }

    /** true or false; absent means {@code absent}. */
    boolean bool(String key, boolean absent) {
        JsonNode v = get(key);
        if (v == null) return absent;
        if (!v.isBoolean()) throw new ScenarioError(at(key), "must be true or false, not " + kind(v));
        return v.booleanValue();
    }

    /** The JSON path of an argument, for a check the call's form makes on a value it read. */
    String pathOf(String key) {
        return at(key);
    }

    /** One of a fixed set of words; the first is the default. */
    String choice(String key, List<String> options) {
        JsonNode v = get(key);
        if (v == null) return options.get(0);
        if (!v.isTextual() || !options.contains(v.asText()))
            throw new ScenarioError(at(key), "must be one of " + String.join(", ", options.stream().map(o -> "\"" + o + "\"").toList())
                    + ", not " + (v.isTextual() ? "\"" + v.asText() + "\"" : kind(v)));
        return v.asText();
    }

    /** Rejects any key the call does not take. */
    void done() {
        var it = node.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!taken.contains(k))
                throw new ScenarioError(at(k), "unknown argument (" + call + " takes " + (taken.isEmpty() ? "no arguments" : String.join(", ", taken)) + ")");
        }
    }
}
