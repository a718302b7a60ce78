package nscheck.model;

import nscheck.spec.variant.Variant;
import nscheck.spec.variant.Variants;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every {@link ModelSource} does with the bounds and the variant a user names, so that a
 * mistake reads the same one line whatever the model: an unknown bound lists the known ones, a
 * value out of range says the range, an unknown variant lists the variants.
 */
public final class Bounds {
    private Bounds() {}

    /**
     * {@code base} with {@code overrides} applied, in {@code base}'s order.
     *
     * @throws ModelException for a bound {@code base} does not have, or a value missing or below 0
     */
    public static Map<String, Integer> override(String model, Map<String, Integer> base, Map<String, Integer> overrides) {
        Map<String, Integer> b = new LinkedHashMap<>(base);
        if (overrides == null) return b;
        for (var e : overrides.entrySet()) {
            if (!base.containsKey(e.getKey()))
                throw new ModelException("unknown bound '" + e.getKey() + "' for model " + model
                        + " (known: " + String.join(", ", base.keySet()) + ")");
            if (e.getValue() == null || e.getValue() < 0)
                throw new ModelException("bound " + e.getKey() + " must be a number >= 0");
            b.put(e.getKey(), e.getValue());
        }
        return b;
    }

    /** @throws ModelException unless bound {@code name} is within {@code lo..hi} */
    public static void within(Map<String, Integer> bounds, String name, int lo, int hi) {
        int v = bounds.get(name);
        if (v < lo || v > hi) throw new ModelException("bound " + name + " must be within " + lo + ".." + hi);
    }

    /** @throws ModelException if the spec has no variant {@code name} (the message lists those it has) */
    public static Variant variant(String name) {
        try {
            return Variants.byName(name);
        } catch (IllegalArgumentException e) {
            throw new ModelException(e.getMessage());
        }
    }
}
