package nscheck.model.restore;

import nscheck.model.ModelCatalog;
import nscheck.model.Transition;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.NsNames;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What ns-id-stable remembers: the names of the namespaces freed so far, each once, whatever the
 * order the namespaces went in; and the target's states told apart by each of their parts.
 */
class FreedNamesTest {
    private static RestoreModel model(String variant) {
        return (RestoreModel) ModelCatalog.find("restore-migration").build(Map.of(), variant);
    }

    private static RestoreState after(RestoreModel m, RestoreState s, String family) {
        List<Transition<RestoreState, RestoreStep>> out = new ArrayList<>();
        m.successors(s, out::add);
        for (var t : out) if (t.action().family().equals(family)) return t.next();
        throw new AssertionError("no " + family + " from " + m.describeState(s));
    }

    /** The names of the container's user and PID namespaces (slot 1 of each: the only container), under {@code m}'s scheme. */
    private static long[] containerNames(RestoreModel m, Kernel k) {
        NsNames n = k.names();
        long pid = n.name(m.semantics().variant.namespaceIds(), NsNames.PID, 1), user = n.name(m.semantics().variant.namespaceIds(), NsNames.USER, 1);
        assertTrue(pid != 0 && user != 0, n.toString());
        return new long[] {Math.min(pid, user), Math.max(pid, user)};
    }

    @Test
    void aReapedContainersNamespacesAreRememberedSorted() {
        RestoreModel m = model(null);
        RestoreState start = m.initialStates().get(0);
        RestoreState started = after(m, start, "start-container");
        long[] names = containerNames(m, started.target());
        // the user namespace is named before the PID namespace (copy_creds first), but the walk meets the PID one first
        assertTrue(started.target().names().id(NsNames.USER, 1) < started.target().names().id(NsNames.PID, 1));
        RestoreState reaped = after(m, after(m, started, "stop-container"), "reap");
        assertArrayEquals(names, reaped.freed().names());
        for (long x : names) assertTrue(reaped.freed().contains(x), x + " in " + reaped.freed());
        assertFalse(reaped.freed().contains(names[0] - 1));
        assertFalse(start.freed().contains(names[0]));
        assertTrue(m.describeState(reaped).contains("; freed names " + java.util.Arrays.toString(names)), m.describeState(reaped));
    }

    @Test
    void anInodeNumberFreedTwiceIsRememberedOnce() {
        // proc-inode: the second container's namespaces get the first one's numbers back (lowest free)
        RestoreModel m = model("proc-inode");
        RestoreState started = after(m, m.initialStates().get(0), "start-container");
        long[] names = containerNames(m, started.target());
        RestoreState once = after(m, after(m, started, "stop-container"), "reap");
        RestoreState again = after(m, once, "start-container");
        assertArrayEquals(names, containerNames(m, again.target()));
        RestoreState twice = after(m, after(m, again, "stop-container"), "reap");
        assertArrayEquals(names, twice.freed().names());
        assertEquals(once.freed(), twice.freed());
    }

    @Test
    void freedNamesAreEqualByTheirNames() {
        FreedNames a = new FreedNames(new long[] {9, 10}), b = new FreedNames(new long[] {9, 10}), c = new FreedNames(new long[] {9, 11});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, c);
        assertNotEquals(a, FreedNames.NONE);
        assertNotEquals(a, "9, 10");
        assertTrue(a.contains(9) && a.contains(10) && !a.contains(11));
        assertEquals("", FreedNames.NONE.toString());
    }

    @Test
    void statesDifferingInOnePartHaveDifferentFingerprints() {
        RestoreModel m = model(null);
        RestoreState s = m.initialStates().get(0);
        Kernel k = s.target();
        RestoreState base = new RestoreState(k, new FreedNames(new long[] {9}), 1, RestoreState.NOT_YET, -1);
        List<RestoreState> variants = List.of(
                new RestoreState(k, new FreedNames(new long[] {10}), 1, RestoreState.NOT_YET, -1),
                new RestoreState(k, FreedNames.NONE, 1, RestoreState.NOT_YET, -1),
                new RestoreState(k, new FreedNames(new long[] {9}), 2, RestoreState.NOT_YET, -1),
                new RestoreState(k, new FreedNames(new long[] {9}), 1, RestoreState.FAILED, -1),
                new RestoreState(k, new FreedNames(new long[] {9}), 1, RestoreState.NOT_YET, 2),
                new RestoreState(after(m, s, "start-container").target(), new FreedNames(new long[] {9}), 1, RestoreState.NOT_YET, -1));
        for (RestoreState v : variants) {
            assertNotEquals(base.fingerprint(), v.fingerprint(), v.toString());
            assertNotEquals(base, v);
        }
        assertEquals(base.fingerprint(), new RestoreState(k, new FreedNames(new long[] {9}), 1, RestoreState.NOT_YET, -1).fingerprint());
        assertEquals(base, new RestoreState(k, new FreedNames(new long[] {9}), 1, RestoreState.NOT_YET, -1));
    }
}
