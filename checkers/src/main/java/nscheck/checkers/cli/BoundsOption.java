package nscheck.checkers.cli;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `--set BOUND=VALUE`: the bounds of the model instance a subcommand runs. */
final class BoundsOption {
    @Option(names = "--set", paramLabel = "BOUND=VALUE", description = "replace a bound, e.g. --set tasks=5 (repeatable)")
    List<String> sets = new ArrayList<>();

    /** The bounds a checkpointed run was given (--resume). */
    void restore(Map<String, Integer> saved) {
        sets = new ArrayList<>();
        saved.forEach((k, v) -> sets.add(k + "=" + v));
    }

    Map<String, Integer> overrides() {
        return parse(sets);
    }

    /** Every value a whole number >= 0: "4.5", "many" and "-1" are refused here, before any model is built. */
    static Map<String, Integer> parse(List<String> sets) {
        Map<String, Integer> overrides = new LinkedHashMap<>();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) throw new UsageError("--set takes BOUND=VALUE, not '" + s + "'");
            String name = s.substring(0, eq).trim(), value = s.substring(eq + 1).trim();
            int v;
            try {
                v = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new UsageError("--set " + name + " needs a whole number, not '" + value + "'");
            }
            if (v < 0) throw new UsageError("--set " + name + " must be 0 or more, not " + v);
            if (overrides.put(name, v) != null) throw new UsageError("--set " + name + " is given twice");
        }
        return overrides;
    }
}
