package nscheck.checkers.report;

import nscheck.checkers.cex.Counterexample;
import nscheck.checkers.cex.CounterexampleFile;
import nscheck.model.TraceStep;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CounterexampleChartTest {
    static Counterexample shipped(String name) {
        return CounterexampleFile.read(ReportFixture.repositoryRoot().resolve("counterexamples").resolve(name));
    }

    @Test
    void everyStepCarriesEachTasksNumbersAtEveryLevelOutermostFirst() {
        SequenceChart c = CounterexampleChart.of(shipped("pidns-basic-seeded-leaky-translate-isolation.json"), null);
        assertEquals(3, c.rows().size(), "the initial state and two steps");
        assertNull(c.divergence());
        assertEquals(2, c.violatedRow(), "isolation breaks at the getppid of step 2");
        TaskView child = c.rows().get(1).tasks().stream().filter(t -> t.slot() == 2).findFirst().orElseThrow();
        assertArrayEquals(new int[] {3, 1}, child.numbers(), "clone(CLONE_NEWPID) = 3: pid 3 in the root, 1 in its own namespace");
        assertEquals(List.of("0", "0/1"), List.of(child.namespaces()));
        assertEquals("3 1", child.nsPid());
    }

    @Test
    void aReplayThatDivergesShowsTheRecordedObservationBesideTodaysSpec() {
        Counterexample cex = shipped("pidns-basic-seeded-leaky-translate-isolation.json");
        List<TraceStep> steps = new ArrayList<>(cex.trace());
        TraceStep last = steps.get(1);
        steps.set(1, new TraceStep(last.actor(), last.actorDetail(), last.call(), last.args(), last.text(), "= 7"));
        Counterexample edited = new Counterexample(cex.format(), cex.version(), cex.model(), cex.bounds(), cex.variant(), cex.property(),
                cex.foundBy(), cex.expect(), cex.initial(), steps);
        SequenceChart c = CounterexampleChart.of(edited, "edited.json");
        SequenceChart.Divergence d = c.divergence();
        assertNotNull(d);
        assertEquals(2, d.row());
        assertEquals("= 7", d.left());
        assertEquals("= 2", d.right(), "today's spec under seeded-leaky-translate still answers 2");
        String svg = ChartSvg.render(c);
        assertTrue(svg.contains("step diverging"), "the diverging row is marked");
    }

    @Test
    void aFileWhoseModelCannotBeRebuiltIsDrawnAsRecorded() {
        Counterexample cex = shipped("pidns-basic-seeded-leaky-translate-isolation.json");
        Counterexample gone = new Counterexample(cex.format(), cex.version(), "no-such-model", cex.bounds(), cex.variant(), cex.property(),
                cex.foundBy(), cex.expect(), cex.initial(), cex.trace());
        SequenceChart c = CounterexampleChart.of(gone, null);
        assertEquals(3, c.rows().size());
        assertTrue(c.note().contains("cannot be rebuilt"), c.note());
        assertTrue(ChartSvg.render(c).contains("namespaces not known"));
        assertEquals("3 1", c.rows().get(2).tasks().get(1).nsPid(), "T2's recorded NSpid line");
    }

    @Test
    void aPackedModelsCounterexampleIsChartedByActors() {
        Path p = ReportFixture.repositoryRoot().resolve("counterexamples").resolve("futex-pi-crossns-mainline-owner-identity.json");
        SequenceChart c = CounterexampleChart.of(CounterexampleFile.read(p), null);
        assertTrue(c.rows().size() >= 2);
        assertTrue(ChartSvg.render(c).contains("class=\"seqchart\""));
    }
}
