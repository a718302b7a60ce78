package nscheck.checkers.conform;

import nscheck.model.kernel.CallMenu;
import nscheck.spec.call.Syscall;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every call type is wired everywhere a call is used. The compiler already proves that each has a
 * rule (the spec's CallRules), a family name (CallFamily) and a probe entry (ProbeCall), since each
 * implements SyscallTable; this test proves the rest for every call record (CallTypes.all: Syscall's permitted list, groups opened up):
 * model files can name it through a CallMenu family (or CallMenu.NOT_IN_MENUS says why not), and the
 * probe can make it (or known-divergences.json lists its family as unprobed).
 */
class CallCoverageTest {
    private static final int PID_MAX = 4;

    private static List<Class<?>> callTypes() {
        List<Class<?>> out = nscheck.spec.call.CallTypes.all();
        assertTrue(out.size() > 40, "Syscall lists its call types");
        return out;
    }

    @Test
    void everyCallTypeHasAMenuFamilyOrAStatedReason() {
        Set<Class<?>> inMenus = new HashSet<>();
        for (String family : CallMenu.FAMILIES.keySet()) {
            for (Syscall c : CallMenu.expand(List.of(family), PID_MAX)) {
                assertEquals(family, c.family(), () -> "menu family " + family + " expands to " + c + ", whose family is " + c.family());
                inMenus.add(c.getClass());
            }
        }
        for (Class<?> type : callTypes()) {
            boolean listed = CallMenu.NOT_IN_MENUS.containsKey(type);
            assertTrue(inMenus.contains(type) != listed, () -> type.getSimpleName()
                    + (listed ? " has a menu family, so CallMenu.NOT_IN_MENUS should not list it"
                              : " has no CallMenu family: add one, or its reason to CallMenu.NOT_IN_MENUS"));
        }
    }

    @Test
    void everyCallHasAProbeOperationOrIsAListedDivergence() throws ReflectiveOperationException {
        KnownDivergences known = KnownDivergences.load();
        Set<String> unprobedSeen = new HashSet<>();
        for (Class<?> type : callTypes()) {
            for (Syscall call : samples(type)) {
                try {
                    ProbeCall.of(call, 1);
                } catch (IllegalArgumentException e) {
                    assertTrue(known.unprobed(call.family()), () -> "the probe has no operation for " + call
                            + ": map it in ProbeCall, or list family " + call.family() + " in an entry's calls in known-divergences.json");
                    unprobedSeen.add(call.family());
                }
            }
        }
        for (KnownDivergences.Entry e : known.entries())
            if (e.calls() != null) for (String f : e.calls())
                assertTrue(unprobedSeen.contains(f), () -> "known-divergences.json lists " + f + " as unprobed, but the probe makes it");
    }

    /** Calls of {@code type}: every one a menu makes, and one with zero arguments. */
    private static List<Syscall> samples(Class<?> type) throws ReflectiveOperationException {
        List<Syscall> out = new ArrayList<>();
        for (String family : CallMenu.FAMILIES.keySet())
            for (Syscall c : CallMenu.expand(List.of(family), PID_MAX)) if (c.getClass() == type) out.add(c);
        RecordComponent[] parts = type.getRecordComponents();
        Class<?>[] types = new Class<?>[parts.length];
        Object[] zero = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            types[i] = parts[i].getType();
            zero[i] = types[i] == int.class ? (Object) 0 : types[i] == long.class ? (Object) 0L : types[i] == boolean.class ? (Object) false
                    : types[i].isEnum() ? types[i].getEnumConstants()[0] : List.of();
        }
        Constructor<?> make = type.getDeclaredConstructor(types);
        out.add((Syscall) make.newInstance(zero));
        return out;
    }
}
