package nscheck.checkers.store;

import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import nscheck.model.ModelSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engines queue states as {@link StateCodec} bytes, so a field the codec lost would silently
 * merge states. Every state of every shipped model, up to a few thousand each in BFS
 * order, must come back field for field (compared by reflection, not by the spec's own
 * {@code equals}, which a new field could also miss), with the same fingerprint and the same bytes.
 */
class StateCodecTest {
    private static final int STATES_PER_RUN = 2000;

    // Thousands of states of every shipped model: left out of the mutation profile
    // (checkers/pom.xml, excludedGroups), where it would rerun for every surviving mutant.
    @Test
    @Tag("whole-model")
    void everyShippedModelsReachableStatesRoundTrip() {
        int runs = 0;
        for (ModelSource source : ModelCatalog.shipped()) {
            roundTrip(source.build(Map.of(), null), source.name());
            runs++;
        }
        assertEquals(ModelCatalog.SHIPPED.size() + ModelCatalog.CODE_MODELS.size(), runs, "every shipped model");
    }

    private static <S, A> void roundTrip(Model<S, A> model, String what) {
        StateCodec codec = new StateCodec();
        Set<Long> seen = new HashSet<>();
        ArrayDeque<S> queue = new ArrayDeque<>(model.initialStates());
        int checked = 0;
        while (!queue.isEmpty() && checked < STATES_PER_RUN) {
            S s = queue.poll();
            if (!seen.add(model.fingerprint(s))) continue;
            byte[] bytes = codec.encode(s);
            S back = codec.decode(bytes, 0);
            assertSameFields(s, back, what + ": " + model.describeState(s));
            assertEquals(model.fingerprint(s), model.fingerprint(back), what);
            assertArrayEquals(bytes, codec.encode(back), what);
            checked++;
            List<S> next = new ArrayList<>();
            model.successors(s, t -> next.add(t.next()));
            queue.addAll(next);
        }
    }

    /** Field by field through the whole object graph: what equals() would miss, this does not. */
    static void assertSameFields(Object a, Object b, String where) {
        if (a == null || b == null) {
            assertEquals(a, b, where);
            return;
        }
        Class<?> type = a.getClass();
        if (a instanceof List<?> la) {
            List<?> lb = (List<?>) b;
            assertEquals(la.size(), lb.size(), where);
            for (int i = 0; i < la.size(); i++) assertSameFields(la.get(i), lb.get(i), where + "[" + i + "]");
            return;
        }
        assertEquals(type, b.getClass(), where);
        if (type.isArray()) {
            assertEquals(Array.getLength(a), Array.getLength(b), where);
            for (int i = 0; i < Array.getLength(a); i++) assertSameFields(Array.get(a, i), Array.get(b, i), where + "[" + i + "]");
            return;
        }
        if (type.isEnum() || type.getName().startsWith("java.")) {
            assertEquals(a, b, where);
            return;
        }
        for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                // transient: a memoised digest of the other fields (0 until first used), not state
                if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) continue;
                f.setAccessible(true);
                try {
                    assertSameFields(f.get(a), f.get(b), where + "." + f.getName());
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** A state field the codec cannot rebuild faithfully is refused by name, never dropped. */
    @Test
    void aStateHoldingAMapIsRefusedLoudly() {
        record WithMap(int slot, Map<String, Integer> table) {}
        var e = assertThrows(IllegalArgumentException.class, () -> new StateCodec().encode(new WithMap(1, new java.util.HashMap<>())));
        assertTrue(e.getMessage().contains("java.util.HashMap"), e.getMessage());
    }

    /** A field added to a state class is encoded without touching the codec. */
    @Test
    void aNewFieldIsEncodedWithoutBeingNamed() {
        record Fd(int number, boolean cloexec) {}
        record Grown(int[] slots, List<Fd> fds, String name, long big, Fd missing) {}
        Grown g = new Grown(new int[] {3, -1, 7}, List.of(new Fd(0, true), new Fd(5, false)), "x", Long.MIN_VALUE, null);
        StateCodec codec = new StateCodec();
        assertSameFields(g, codec.decode(codec.encode(g), 0), "grown");
    }

    /** A byte array is written as writeSigned writes each value (the format checkpoints hold), every byte value. */
    @Test
    void byteArraysKeepTheValueByValueFormat() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) all[i] = (byte) (i - 128);
        ByteSink fast = new ByteSink(16), slow = new ByteSink(16);
        fast.writeSignedBytes(all);
        for (byte v : all) slow.writeSigned(v);
        assertArrayEquals(slow.toArray(), fast.toArray());
        byte[] back = new byte[all.length];
        ByteSource in = new ByteSource(fast.toArray(), 0);
        in.readSignedBytes(back);
        assertArrayEquals(all, back);
        assertEquals(fast.size(), in.position());
        record Pcs(byte[] pc, byte[] queue, int val) {}
        StateCodec codec = new StateCodec();
        assertSameFields(new Pcs(all, new byte[0], 2), codec.decode(codec.encode(new Pcs(all, new byte[0], 2)), 0), "pcs");
    }

    /** Components are stored once: a state that shares them costs only their numbers. */
    @Test
    void equalComponentsAreStoredOnce() {
        record Task(int pid, int[] ns) {}
        record State(Task[] tasks) {}
        StateCodec codec = new StateCodec();
        byte[] a = codec.encode(new State(new Task[] {new Task(1, new int[] {0}), new Task(2, new int[] {0})}));
        byte[] b = codec.encode(new State(new Task[] {new Task(2, new int[] {0}), new Task(1, new int[] {0})}));
        assertEquals(2, codec.components());
        assertEquals(a.length, b.length);
        State back = codec.decode(b, 0);
        assertEquals(2, back.tasks()[0].pid());
    }
}
