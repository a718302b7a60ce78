package nscheck.model.futex;

import nscheck.model.Property;
import nscheck.model.Transition;
import nscheck.model.packed.PackedInvariant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * FutexMutexObjects is FutexMutex's system on objects (the benchmark on the generic path): walked
 * side by side over every reachable state, the two offer the same steps in the same order, of the
 * same families, into states that read the same, and their invariants say the same of each
 * (N = 3 forever: golden-counts.json's 359 states).
 */
class PackedAndObjectMutexAgreeTest {

    @ParameterizedTest(name = "{0} N={1}: {2} states")
    @CsvSource({"ONCE, 1, 3", "FOREVER, 1, 2", "ONCE, 2, 45", "FOREVER, 2, 44", "ONCE, 3, 471", "FOREVER, 3, 359"})
    void theSameStepsInTheSameOrderFromEveryState(FutexMutex.Loop loop, int n, int states) {
        FutexMutex packed = new FutexMutex(n, loop);
        FutexMutexObjects objects = new FutexMutexObjects(n, loop);
        long[] next = new long[packed.maxSuccessors()];
        int[] family = new int[next.length];
        Set<Long> seen = new HashSet<>();
        ArrayDeque<Object[]> queue = new ArrayDeque<>();
        seen.add(packed.initialStates()[0]);
        queue.add(new Object[] {packed.initialStates()[0], objects.initialStates().get(0)});
        while (!queue.isEmpty()) {
            Object[] pair = queue.poll();
            long p = (Long) pair[0];
            FutexMutexObjects.State o = (FutexMutexObjects.State) pair[1];
            String where = packed.describeState(p);
            assertEquals(where, objects.describeState(o));
            for (int i = 0; i < packed.invariants().size(); i++) {
                PackedInvariant pi = packed.invariants().get(i);
                Property.Always<FutexMutexObjects.State, FutexMutexObjects.Step> oi =
                        (Property.Always<FutexMutexObjects.State, FutexMutexObjects.Step>) objects.properties().get(i);
                assertEquals(pi.name(), oi.name());
                assertEquals(pi.check().check(p), oi.check().check(o), pi.name() + " in " + where);
            }
            List<Transition<FutexMutexObjects.State, FutexMutexObjects.Step>> steps = new ArrayList<>();
            objects.successors(o, steps::add);
            int count = packed.successors(p, next, family);
            assertEquals(count, steps.size(), where);
            for (int i = 0; i < count; i++) {
                FutexMutexObjects.Step step = steps.get(i).action();
                assertEquals(packed.actionFamilies().get(family[i]), objects.family(step), where);
                assertEquals(packed.actor(p, i), step.thread(), where);
                assertEquals(packed.describe(p, i, next[i]).actor(), objects.describe(o, step, steps.get(i).next()).actor());
                assertEquals(packed.describe(p, i, next[i]).observation(), objects.describe(o, step, steps.get(i).next()).observation());
                if (seen.add(next[i])) queue.add(new Object[] {next[i], steps.get(i).next()});
            }
        }
        assertEquals(states, seen.size());
    }
}
