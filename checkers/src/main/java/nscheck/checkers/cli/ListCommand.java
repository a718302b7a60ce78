package nscheck.checkers.cli;

import nscheck.model.ModelCatalog;
import nscheck.model.ModelSource;
import nscheck.model.Property;
import nscheck.spec.variant.Variant;
import nscheck.spec.variant.Variants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "list", description = "List the shipped models, the semantics variants and the invariants.")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--calls", description = "list the call families a model file may name and the calls a scenario file may make, with their arguments")
    boolean calls;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (calls) {
            CallList.print(out);
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
        Map<String, String> invariants = new LinkedHashMap<>();
        for (ModelSource m : ModelCatalog.shipped())
            for (Property<?, ?> p : m.build(Map.of(), null).properties()) invariants.putIfAbsent(p.name(), p.statement());
        invariants.forEach((name, statement) -> out.printf("  %-22s %s%n", name, statement));
        return ExitCode.OK;
    }
}
