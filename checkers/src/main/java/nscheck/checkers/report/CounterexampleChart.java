package nscheck.checkers.report;

import nscheck.checkers.trace.Replay;
import nscheck.checkers.trace.Trace;
import nscheck.checkers.cex.Counterexample;
import nscheck.checkers.cex.CounterexampleFile;
import nscheck.model.Model;
import nscheck.model.ModelException;
import nscheck.model.TraceStep;

import java.util.ArrayList;
import java.util.List;

/**
 * A counterexample file as a chart. The recorded steps are replayed against today's spec (as
 * `nscheck replay` does) to recover every state, so the chart can draw the namespaces and each
 * task's numbers; where the replay diverges, the chart shows the recorded observation beside
 * today's spec at that step and stops.
 */
public final class CounterexampleChart {
    private CounterexampleChart() {}

    public static SequenceChart of(Counterexample cex, String source) {
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"model", cex.model()});
        facts.add(new String[] {"variant", cex.variant()});
        facts.add(new String[] {"expect", cex.expect()});
        if (cex.foundBy() != null)
            facts.add(new String[] {"found by", cex.foundBy().engine() + (cex.foundBy().seed() != null ? " seed " + cex.foundBy().seed() : "")
                    + (cex.foundBy().minimized() ? ", minimized" : "")});
        facts.add(new String[] {"steps", String.valueOf(cex.trace().size())});
        if (source != null) facts.add(new String[] {"file", source});
        String title = cex.property().name() + " in " + cex.model() + " under " + cex.variant();
        Model<?, ?> m;
        try {
            m = CounterexampleFile.rebuild(cex);
        } catch (ModelException e) {
            return recordedOnly(cex, title, facts, "The model cannot be rebuilt from today's spec (" + e.getMessage()
                    + "), so namespaces are not drawn: the steps are as recorded.");
        }
        return replayed(m, cex, title, facts);
    }

    private static <S, A> SequenceChart replayed(Model<S, A> m, Counterexample cex, String title, List<String[]> facts) {
        S initial = Replay.initialState(m, cex.initial());
        if (initial == null)
            return recordedOnly(cex, title, facts, "Today's spec has no initial state \"" + cex.initial()
                    + "\", so namespaces are not drawn: the steps are as recorded.");
        Replay.Result<S, A> r;
        try {
            r = new Replay<>(m, cex.property().name()).run(initial, cex.trace(), Replay.Matching.EXACT, false);
        } catch (ModelException e) {
            return recordedOnly(cex, title, facts, e.getMessage());
        }
        List<SequenceChart.Row> rows = new ArrayList<>();
        rows.add(new SequenceChart.Row(0, null, null, "initial state", m.describeState(initial), StateView.of(initial)));
        int i = 1;
        for (Trace.Step<S, A> s : r.trace().steps()) {
            TraceStep d = m.describe(s.pre(), s.action(), s.post());
            rows.add(new SequenceChart.Row(i++, d.actor(), d.actorDetail(), d.text(), d.observation(), StateView.of(s.post())));
        }
        SequenceChart.Divergence divergence = null;
        String note = StateView.of(initial) == null ? "This model's states hold no kernel (a packed model): only the actors are drawn." : null;
        if (r.diverged()) {
            TraceStep want = cex.trace().get(r.divergence().step() - 1);
            rows.add(new SequenceChart.Row(r.divergence().step(), want.actor(), want.actorDetail(), want.text(), want.observation(),
                    StateView.of(r.trace().last())));
            String now = r.divergence().message().contains(" now observes ")
                    ? r.divergence().message().replaceFirst(".* now observes (.*), recorded .*", "$1") : "not possible";
            divergence = new SequenceChart.Divergence(rows.size() - 1, "recorded", want.observation(), "today's spec", now,
                    r.divergence().message());
            int left = cex.trace().size() - r.divergence().step();
            if (left > 0) note = (note == null ? "" : note + " ") + left + " later recorded step" + (left == 1 ? " is" : "s are") + " not drawn.";
        }
        return new SequenceChart(title, facts, cex.property().name(), cex.property().statement(), rows, r.violatedAt(), divergence, note);
    }

    /** An actor as its recorded detail names it ("NSpid 3 1", "TID 2"), in a namespace the chart does not know. */
    private static TaskView actorOnly(TraceStep s) {
        String digits = s.actorDetail() == null ? "" : s.actorDetail().replaceAll("[^0-9 ]", " ").trim();
        int[] numbers = digits.isEmpty() ? new int[0] : java.util.Arrays.stream(digits.split("\\s+")).mapToInt(Integer::parseInt).toArray();
        int slot;
        try {
            slot = Integer.parseInt(s.actor().replaceAll("[^0-9]", ""));
        } catch (NumberFormatException e) {
            slot = -1;
        }
        return new TaskView(slot, new String[] {UNKNOWN_NAMESPACE}, numbers, "running", -1);
    }

    /** The one box of a chart whose namespaces are not known. */
    static final String UNKNOWN_NAMESPACE = "?";

    /** The steps as the file records them, with one lifeline per actor and no namespaces. */
    static SequenceChart recordedOnly(Counterexample cex, String title, List<String[]> facts, String note) {
        List<SequenceChart.Row> rows = new ArrayList<>();
        rows.add(new SequenceChart.Row(0, null, null, "initial state", cex.initial(), List.of()));
        java.util.Map<String, TaskView> actors = new java.util.LinkedHashMap<>();
        int i = 1;
        for (TraceStep s : cex.trace()) {
            actors.put(s.actor(), actorOnly(s));
            rows.add(new SequenceChart.Row(i++, s.actor(), s.actorDetail(), s.text(), s.observation(), List.copyOf(actors.values())));
        }
        int violated = Counterexample.VIOLATES.equals(cex.expect()) ? rows.size() - 1 : -1;
        return new SequenceChart(title, facts, cex.property().name(), cex.property().statement(), rows, violated, null, note);
    }
}
