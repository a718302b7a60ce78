package nscheck.checkers.cli;

import nscheck.checkers.trace.Trace;
import nscheck.model.Model;
import nscheck.model.TraceStep;

import java.io.PrintWriter;

/** A trace printed one step a line, in the layout of `nscheck check`'s counterexamples. */
final class TraceText {
    private TraceText() {}

    static <S, A> void print(PrintWriter out, Model<S, A> m, Trace<S, A> t) {
        out.printf("  initial  %s%n", m.describeState(t.initial()));
        int i = 1;
        for (Trace.Step<S, A> s : t.steps()) out.println(line(i++, m.describe(s.pre(), s.action(), s.post())));
        out.printf("  final    %s%n", m.describeState(t.last()));
    }

    /** A step of a file whose tasks have names (format version 2): the name in the wider column scenarios use. */
    static String line(int index, TraceStep d, String task) {
        return String.format("  %3d  %-15s %-14s %-38s %s", index, task, "[" + d.actorDetail() + "]", d.text(), d.observation());
    }

    static String line(int index, TraceStep d) {
        return String.format("  %3d  %-4s %-12s %-38s %s", index, d.actor(), "[" + d.actorDetail() + "]", d.text(), d.observation());
    }
}
