package nscheck.model;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every model source reports a bad bound or variant in the same one line. */
class BoundsTest {
    static final Map<String, Integer> BASE = base();

    private static Map<String, Integer> base() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("threads", 3);
        m.put("steps", 0);
        return m;
    }

    @Test
    void overridesKeepTheOrderOfTheDefaults() {
        assertEquals("{threads=4, steps=0}", Bounds.override("m", BASE, Map.of("threads", 4)).toString());
        assertEquals(BASE, Bounds.override("m", BASE, null));
    }

    @Test
    void mistakesReadTheSameForEveryModel() {
        assertEquals("unknown bound 'tasks' for model m (known: threads, steps)",
                assertThrows(ModelException.class, () -> Bounds.override("m", BASE, Map.of("tasks", 1))).getMessage());
        assertEquals("bound steps must be a number >= 0",
                assertThrows(ModelException.class, () -> Bounds.override("m", BASE, Map.of("steps", -1))).getMessage());
        assertEquals("bound threads must be within 4..5",
                assertThrows(ModelException.class, () -> Bounds.within(BASE, "threads", 4, 5)).getMessage());
        assertThrows(ModelException.class, () -> Bounds.variant("no-such-variant"));
        assertEquals("mainline", Bounds.variant("mainline").name());
    }
}
