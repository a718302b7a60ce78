package nscheck.checkers.report;

import nscheck.checkers.conform.Conformance;
import nscheck.checkers.conform.Mismatch;
import nscheck.checkers.conform.Scenario;
import nscheck.spec.state.Kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * A conformance mismatch as a chart: the scenario's steps with the spec's states and
 * predictions up to the first step where the kernel answered otherwise, and there the spec's
 * answer beside the kernel's.
 */
public final class ConformChart {
    private ConformChart() {}

    public static SequenceChart of(Conformance c, Mismatch m, String kind) {
        Scenario s = m.scenario();
        List<Kernel> states = c.specStates(s);
        List<String> predicted = c.predictedResults(s);
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"area", s.area()});
        facts.add(new String[] {"spec variant", c.variant().name()});
        facts.add(new String[] {"kernel", "Linux " + System.getProperty("os.version")});
        facts.add(new String[] {"steps", String.valueOf(s.steps().size())});
        if (m.known() != null) facts.add(new String[] {"known divergence", m.known()});
        int last = m.step() < 0 ? s.steps().size() - 1 : m.step();
        List<SequenceChart.Row> rows = new ArrayList<>();
        rows.add(new SequenceChart.Row(0, null, null, "initial state", "booted: T0 is the init",
                StateView.tasks(states.get(0))));
        for (int i = 0; i <= last && i < s.steps().size(); i++) {
            Scenario.Step st = s.steps().get(i);
            Kernel pre = i < states.size() ? states.get(i) : null;
            var actor = pre == null ? null : pre.task(st.actor());
            rows.add(new SequenceChart.Row(i + 1, "T" + st.actor(), actor == null ? null : "NSpid " + actor.nsPid(), st.call().toString(),
                    i < predicted.size() ? predicted.get(i) : "", i + 1 < states.size() ? StateView.tasks(states.get(i + 1)) : null));
        }
        String where = m.step() < 0 ? "the NSpid lines after the last step" : "step " + (m.step() + 1);
        SequenceChart.Divergence d = new SequenceChart.Divergence(rows.size() - 1, "spec", m.spec(), "kernel", m.kernel(),
                "the kernel first disagrees with the spec at " + where
                        + (m.step() < 0 ? "" : " (index " + m.step() + " in the text report, which counts from 0)"));
        String title = kind + " in " + s.area() + " at " + where;
        return new SequenceChart(title, facts, null, null, rows, -1, d,
                m.step() >= 0 && m.step() + 1 < s.steps().size() ? "The scenario's later steps are not drawn: the probe stops at the first difference." : null);
    }
}
