package nscheck.model.packed;

/**
 * A step of a packed model seen through {@link PackedModelView}: which successor it was (the
 * index replay needs) and its action family (for coverage).
 */
public record PackedStep(int choice, String family) {}
