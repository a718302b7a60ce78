package nscheck.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model that reduces by no symmetry: every state is its own representative, and a step is only itself. */
class ModelDefaultsTest {
    @Test
    void withoutASymmetryAStateIsItsOwnClass() {
        check(ModelCatalog.find("futex-mutex").build(Map.of("threads", 2, "rounds", 1), null));
    }

    private static <S, A> void check(Model<S, A> m) {
        S s = m.initialStates().get(0);
        List<Transition<S, A>> steps = new ArrayList<>();
        m.successors(s, steps::add);
        S next = steps.get(0).next();
        assertNull(m.symmetry());
        assertSame(m, m.withSymmetry(true));
        assertSame(m, m.withSymmetry(false));
        assertSame(s, m.canonical(s));
        assertTrue(m.sameClass(s, m.initialStates().get(0)));
        assertFalse(m.sameClass(s, next));
        assertTrue(m.sameAction(s, steps.get(0).action(), s, steps.get(0).action()));
        assertFalse(m.sameAction(s, steps.get(0).action(), s, steps.get(1).action()));
        assertFalse(m.deadlockIsViolation());
    }
}
