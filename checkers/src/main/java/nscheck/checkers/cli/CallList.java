package nscheck.checkers.cli;

import nscheck.checkers.scenario.CallSyntax;
import nscheck.model.kernel.CallMenu;

import java.io.PrintWriter;

/** `nscheck list --calls`: the call families of model files and the calls of scenario files, with their arguments. */
final class CallList {
    private CallList() {}

    static void print(PrintWriter out) {
        out.println("Call families a model file may name (\"calls\", \"init_calls\"); PIDs range over 1..pid_max-1:");
        CallMenu.FAMILIES.forEach((family, expands) -> out.printf("  %-22s %s%n", family, expands));
        out.println();
        out.println("Calls a scenario file may make (\"call\", \"args\"; docs/scenario-format.md):");
        for (CallSyntax.Form f : CallSyntax.FORMS) {
            out.printf("  %-22s %s%n", f.name(), f.meaning());
            if (!f.arguments().isEmpty()) out.printf("  %-22s   args: %s%n", "", f.arguments());
        }
        out.println();
        out.println("Not calls: the user-space steps of the futex models (cmpxchg on the word, the robust list kept up to date");
        out.println("around each lock), which is why they are defined in code (docs/models-and-invariants.md).");
    }
}
