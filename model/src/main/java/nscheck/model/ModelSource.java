package nscheck.model;

import java.util.List;
import java.util.Map;

/** Something that can build a model: a shipped JSON file, a user's file, or a model defined in code. */
public interface ModelSource {
    String name();

    String description();

    /** The bounds and their defaults, in the order a user reads them. */
    Map<String, Integer> defaultBounds();

    String defaultVariant();

    /** The names of the properties the model checks. */
    List<String> invariants();

    /**
     * Builds the model with some bounds replaced and possibly another variant.
     *
     * @throws ModelException for an unknown bound, a bad value or an unknown variant
     */
    Model<?, ?> build(Map<String, Integer> overrides, String variant);
}
