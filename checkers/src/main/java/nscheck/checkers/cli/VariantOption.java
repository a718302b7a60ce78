package nscheck.checkers.cli;

import picocli.CommandLine.Option;

/** `--variant NAME`: the semantics a subcommand runs under (compare takes several). */
final class VariantOption {
    @Option(names = "--variant", paramLabel = "NAME", description = "semantics variant (default: the model's, usually mainline; `nscheck list` names them)")
    String variant;

    /** An unknown variant name is a usage error, found before any search. */
    static nscheck.spec.variant.Variant named(String name) {
        try {
            return nscheck.spec.variant.Variants.byName(name);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
