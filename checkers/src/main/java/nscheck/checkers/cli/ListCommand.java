package nscheck.checkers.cli;

import nscheck.model.ModelCatalog;
import nscheck.model.ModelSource;
import nscheck.model.Property;
import nscheck.spec.variant.Variant;
import nscheck.spec.variant.Variants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List the shipped models, the semantics variants and the invariants.")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption jsonOption;

    @Mixin
    CommonOptions common;

    /** Two keys in this order (Map.of has none), so that the JSON reads name first. */
    private static Map<String, Object> pair(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    @picocli.CommandLine.Option(names = "--calls", description = "list the call families a model file may name and the calls a scenario file may make, with their arguments")
    boolean calls;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (calls) {
            CallList.print(out);
            return ExitCode.OK;
        }
        Map<String, String> invariants = new LinkedHashMap<>();
        for (ModelSource m : ModelCatalog.shipped())
            for (Property<?, ?> p : m.build(Map.of(), null).properties()) invariants.putIfAbsent(p.name(), p.statement());
        if (jsonOption.json) {
            List<Map<String, Object>> models = new ArrayList<>();
            for (ModelSource m : ModelCatalog.shipped()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("name", m.name());
                o.put("description", m.description());
                o.put("bounds", m.defaultBounds());
                o.put("variant", m.defaultVariant());
                o.put("invariants", m.invariants());
                models.add(o);
            }
            List<Map<String, Object>> variants = new ArrayList<>();
            for (Variant v : Variants.all()) variants.add(pair("name", v.name(), "summary", v.summary()));
            List<Map<String, Object>> props = new ArrayList<>();
            invariants.forEach((name, statement) -> props.add(pair("name", name, "statement", statement)));
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("models", models);
            o.put("variants", variants);
            o.put("invariants", props);
            Json.print(out, o);
            return ExitCode.OK;
        }
        out.println("Models (nscheck check NAME, or the path of a model file):");
        for (ModelSource m : ModelCatalog.shipped()) {
            out.printf("  %-20s %s%n", m.name(), m.description());
            StringBuilder b = new StringBuilder();
            m.defaultBounds().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
            out.printf("  %-20s bounds:%s; invariants: %s%n", "", b, String.join(", ", m.invariants()));
        }
        out.println();
        out.println("Variants (--variant NAME):");
        for (Variant v : Variants.all()) out.printf("  %-24s %s%n", v.name(), v.summary());
        out.println();
        out.println("Invariants:");
        invariants.forEach((name, statement) -> out.printf("  %-22s %s%n", name, statement));
        return ExitCode.OK;
    }
}
