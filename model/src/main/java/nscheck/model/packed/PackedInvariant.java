package nscheck.model.packed;

import nscheck.model.Verdict;

/** A state invariant of a {@link PackedModel}, evaluated on the packed state without decoding it into objects. */
public record PackedInvariant(String name, String statement, Check check) {
    @FunctionalInterface
    public interface Check {
        Verdict check(long state);
    }
}
