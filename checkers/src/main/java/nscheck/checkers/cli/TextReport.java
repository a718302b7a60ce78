package nscheck.checkers.cli;

import nscheck.checkers.engine.CheckResult;
import nscheck.checkers.engine.Ending;
import nscheck.checkers.engine.Statistics;
import nscheck.checkers.trace.Trace;
import nscheck.checkers.trace.Violation;
import nscheck.model.Model;
import nscheck.model.TraceStep;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human-readable report of a check: header, progress lines, result, traces, coverage. */
final class TextReport {
    private final PrintWriter out;

    TextReport(PrintWriter out) {
        this.out = out;
    }

    void header(Model<?, ?> m) {
        StringBuilder b = new StringBuilder();
        m.bounds().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        out.printf("model %s, variant %s, bounds%s%n", m.name(), m.variant(), b);
        out.printf("checking: %s%n", String.join(", ", m.properties().stream().map(p -> p.name()).toList()));
        if (m.symmetry() != null)
            out.printf("symmetry: one state per renaming of the %s (counts are classes of states; use --no-symmetry for the unreduced count)%n", m.symmetry());
        out.flush();
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    void progress(Statistics s) {
        out.printf(Locale.ROOT, "progress: %,d states, %,.0f states/s, queue %,d, depth %d, %,d generated, %.0f s%n",
                s.distinct(), s.statesPerSecond(), s.queue(), s.depth(), s.generated(), s.seconds());
        out.flush();
    }

    <S, A> void result(CheckResult<S, A> r, List<Path> files) {
        Statistics s = r.stats();
        for (int i = 0; i < r.violations().size(); i++) trace(r.model(), r.violations().get(i), files.get(i));
        String verdict = r.violated() ? "VIOLATED (" + String.join(", ", r.violations().stream().map(Violation::property).toList()) + ")"
                : switch (r.ending()) {
                    case EXHAUSTED -> "OK: every invariant holds in every reachable state";
                    case DEPTH_BOUND -> "OK up to depth " + s.depth() + ": every invariant holds (deeper states not explored)";
                    case INTERRUPTED -> "INTERRUPTED: no violation in the states explored so far";
                    case OUT_OF_MEMORY -> "OUT OF MEMORY: no violation in the states explored so far";
                    case VIOLATION -> "VIOLATED";
                    case MODEL_ERROR -> "MODEL ERROR: the spec failed; no violation in the states explored before it";
                };
        out.println("result: " + verdict);
        out.printf(Locale.ROOT, "  %,d distinct states, %,d generated, depth %d, %.2f s, %,.0f distinct states/s, %.1f bytes/state%n",
                s.distinct(), s.generated(), s.depth(), s.seconds(), s.statesPerSecond(), s.bytesPerState());
        long rss = PeakRss.bytes();
        if (rss > 0 && s.distinct() > 0)
            out.printf(Locale.ROOT, "  peak RSS %,d MiB, %,.0f bytes/state (the whole process: heap, frontier, JVM; the bytes/state above count the state tables only)%n",
                    rss >> 20, (double) rss / s.distinct());
        if (r.model() instanceof nscheck.model.packed.PackedModelView)
            out.println("  states stored whole (packed in 64 bits): no fingerprint collisions");
        else
            out.printf(Locale.ROOT, "  fingerprint collision probability %.1e (64-bit, birthday bound)%n", s.collisionProbability());
        if (r.failure() != null) {
            out.printf("model error: %s%n  while expanding the last state of this trace:%n", r.failure().error());
            printSteps(r.model(), r.failure().trace());
        }
        if (r.ending() == Ending.INTERRUPTED)
            out.printf("  stopped by the user with %,d states still queued (reached, not yet expanded)%n", s.queue());
        // As for Ctrl-C: how much was left is what tells a user whether more heap would finish the search.
        if (r.ending() == Ending.OUT_OF_MEMORY)
            out.printf("  stopped for lack of memory with %,d states still queued (reached, not yet expanded)%n", s.queue());
        StringBuilder cov = new StringBuilder();
        for (Map.Entry<String, Long> e : r.coverage().counts().entrySet())
            cov.append(String.format(Locale.ROOT, " %s=%,d", e.getKey(), e.getValue()));
        out.println("coverage:" + cov);
        if (!r.coverage().neverFired().isEmpty())
            out.println("warning: never fired: " + String.join(", ", r.coverage().neverFired()));
        if (r.complete())
            for (String p : r.vacuous()) out.println("warning: invariant " + p + " was never exercised (vacuous): the search never reached a state where it could fail");
        out.flush();
    }

    private <S, A> void trace(Model<S, A> m, Violation<S, A> v, Path file) {
        Trace<S, A> t = v.trace();
        out.printf("%nviolation of %s: %s%n", v.property(), v.statement());
        out.printf("shortest counterexample, %d step%s:%n", t.length(), t.length() == 1 ? "" : "s");
        printSteps(m, t);
        out.printf("counterexample written to %s%n%n", file);
    }

    private <S, A> void printSteps(Model<S, A> m, Trace<S, A> t) {
        out.printf("  initial  %s%n", m.describeState(t.initial()));
        int i = 1;
        for (Trace.Step<S, A> s : t.steps()) {
            TraceStep d = m.describe(s.pre(), s.action(), s.post());
            out.printf("  %3d  %-4s %-12s %-38s %s%n", i++, d.actor(), "[" + d.actorDetail() + "]", d.text(), d.observation());
        }
        out.printf("  final    %s%n", m.describeState(t.last()));
    }
}
