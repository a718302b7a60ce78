package nscheck.checkers.cluster;

import nscheck.model.Model;
import nscheck.model.ModelCatalog;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a member builds the coordinator's model: by name (or path, which must exist on every
 * host), bounds and variant; every member then computes the same successors in the same order.
 */
record ModelRef(String nameOrPath, LinkedHashMap<String, Integer> overrides, String variant) implements Serializable {
    static ModelRef of(String nameOrPath, Map<String, Integer> overrides, String variant) {
        return new ModelRef(nameOrPath, new LinkedHashMap<>(overrides), variant);
    }

    Model<?, ?> build() {
        return ModelCatalog.find(nameOrPath).build(overrides, variant);
    }

    /** A digest of the initial states, so a member with another build of the model is caught before any count. */
    static <S, A> long identity(Model<S, A> m) {
        long h = m.name().hashCode();
        for (S s : m.initialStates()) h = h * 1_000_003 + m.fingerprint(s);
        return h;
    }
}
