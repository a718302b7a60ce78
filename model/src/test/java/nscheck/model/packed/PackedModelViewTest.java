package nscheck.model.packed;

import nscheck.model.Property;
import nscheck.model.TraceStep;
import nscheck.model.Transition;
import nscheck.model.Verdict;
import nscheck.model.futex.FutexMutex;
import nscheck.spec.state.Fmix64;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A packed model seen as an object model: the same states, steps, families, invariants and words. */
class PackedModelViewTest {
    private final FutexMutex packed = new FutexMutex(2, FutexMutex.Loop.ONCE);
    private final PackedModelView view = new PackedModelView(packed);

    private List<Transition<Long, PackedStep>> successors(long s) {
        List<Transition<Long, PackedStep>> out = new ArrayList<>();
        view.successors(s, out::add);
        return out;
    }

    @Test
    void theViewSaysWhatThePackedModelSays() {
        assertSame(packed, view.packed());
        assertEquals("futex-mutex-once", view.name());
        assertEquals(packed.description(), view.description());
        assertEquals("once", view.variant());
        assertEquals(Map.of("threads", 2), view.bounds());
        assertEquals(0, view.maxDepth());
        assertFalse(view.deadlockIsViolation());
        assertEquals(packed.actionFamilies(), view.actionFamilies());
        assertEquals(List.of(0L), view.initialStates());
        assertEquals(Fmix64.mix(5L), view.fingerprint(5L));
        assertEquals("val=0 pc=[CAS CAS] queue=[]", view.describeState(0L));
    }

    @Test
    void stepsAreThePackedSuccessorsInOrderWithTheirFamilies() {
        List<Transition<Long, PackedStep>> out = successors(0L);
        long[] next = new long[packed.maxSuccessors()];
        int[] family = new int[next.length];
        assertEquals(packed.successors(0L, next, family), out.size());
        assertEquals(2, out.size());
        for (int i = 0; i < out.size(); i++) {
            assertEquals(new PackedStep(i, "cas"), out.get(i).action());
            assertEquals(next[i], out.get(i).next());
            assertEquals("cas", view.family(out.get(i).action()));
        }
        TraceStep d = view.describe(0L, out.get(1).action(), out.get(1).next());
        assertEquals(packed.describe(0L, 1, next[1]), d);
        assertEquals("T1", d.actor());
        // T0 in the critical section: T1's CAS fails (family cas), T0's atomic_dec (unlock-dec)
        List<Transition<Long, PackedStep>> held = successors(out.get(0).next());
        assertEquals(List.of("unlock-dec", "cas"), held.stream().map(t -> t.action().family()).toList());
    }

    @Test
    void theInvariantsAreThePackedOnesByNameStatementAndVerdict() {
        List<Property<Long, PackedStep>> props = view.properties();
        assertEquals(List.of("mutual-exclusion", "no-lost-wakeup"), props.stream().map(Property::name).toList());
        long oneInCs = successors(0L).get(0).next();
        for (int i = 0; i < props.size(); i++) {
            PackedInvariant inv = packed.invariants().get(i);
            @SuppressWarnings("unchecked")
            Property.Always<Long, PackedStep> p = (Property.Always<Long, PackedStep>) props.get(i);
            assertEquals(inv.statement(), p.statement());
            assertEquals(inv.check().check(0L), p.check().check(0L));
            assertEquals(inv.check().check(oneInCs), p.check().check(oneInCs));
        }
        @SuppressWarnings("unchecked")
        Property.Always<Long, PackedStep> mutex = (Property.Always<Long, PackedStep>) props.get(0);
        assertEquals(Verdict.HOLDS, mutex.check().check(oneInCs));
        assertEquals(Verdict.VACUOUS, mutex.check().check(0L));
    }
}
