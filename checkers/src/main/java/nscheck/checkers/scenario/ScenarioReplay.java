package nscheck.checkers.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * `nscheck replay` of a scenario (a version 2 file without a property): runs it on the spec,
 * prints each step with the name of the task that took it, and passes if every stated result is
 * observed. Bounds too small for the scenario are an input error naming the bound, never a
 * silent EAGAIN.
 */
public final class ScenarioReplay {
    /** The limits a scenario is compared against to find a bound too small: the kernel's own, roughly. */
    public static final Limits ROOMY = new Limits(64, Limits.MAX_PID_NS_LEVEL, 32768);

    private ScenarioReplay() {}

    /** The script of a file in format version 2, or null for a version 1 file. */
    public static Script readIfScenario(Path file) {
        String text;
        try {
            text = nscheck.checkers.cex.CounterexampleFile.readText(file);
        } catch (nscheck.checkers.cex.CounterexampleFile.BadFile e) {
            return null; // the counterexample reader reports it
        }
        JsonNode tree;
        try {
            tree = ScenarioFile.JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
        return ScenarioFile.claims(tree) ? ScenarioFile.parse(tree) : null;
    }

    /** The bounds a kernel run (or a spec run) must not be smaller than; null if they suffice. */
    public static String checkBounds(ScenarioRun.Setting st, Script s, Limits roomy) {
        Limits l = st.semantics().limits;
        Limits wide = new Limits(Math.max(l.maxTasks(), roomy.maxTasks()), Math.max(l.maxLevel(), roomy.maxLevel()), Math.max(l.pidMax(), roomy.pidMax()), 0, l.nsNames());
        return ScenarioRun.boundTooSmall(st, s, wide);
    }

    /**
     * Runs the scenario on the spec and prints it.
     *
     * @return whether every stated result was observed
     * @throws ScenarioError for malformed content or bounds too small
     */
    public static boolean run(Path file, Script s, PrintWriter out, boolean quiet) {
        ScenarioRun.Setting st = ScenarioRun.setting(s);
        String small = checkBounds(st, s, ROOMY);
        if (small != null) throw new ScenarioError("", small);
        ScenarioRun.Result r = ScenarioRun.run(st, s, true);
        if (!quiet) {
            out.printf("replay %s%n", file);
            out.printf("  variant %s, %d steps%s%n", st.semantics().variant.name(), s.steps().size(), s.description() == null ? "" : ": " + s.description());
            out.printf("  initial  %s%n", names(st.initial(), st));
            for (ScenarioRun.Ran ran : r.steps()) out.println(line(ran));
            if (r.diverged()) out.printf("  %3d  DIVERGES: %s%n", r.divergedAt() + 1, r.divergence());
        }
        int stated = 0;
        for (Script.Step step : s.steps()) if (step.result() != null) stated++;
        if (r.diverged()) {
            out.printf("FAIL %s: diverged at step %d of %d: %s%n", file, r.divergedAt() + 1, s.steps().size(), r.divergence());
        } else {
            out.printf("PASS %s: %s%n", file, stated == 0 ? "every step taken (none states a result)"
                    : "every stated result observed (" + stated + " of " + s.steps().size() + " steps state one)");
        }
        if (!quiet) out.println();
        return !r.diverged();
    }

    /** One step: its number in the file (or "k" for the kernel's own), the task, its NSpid, the call, the result. */
    public static String line(ScenarioRun.Ran ran) {
        String n = ran.index() >= 0 ? String.format("%3d", ran.index() + 1) : "  k";
        String expected = ran.expected() == null ? "" : ran.agrees() ? "" : "   expected " + ran.expected();
        return String.format("  %s  %-15s %-14s %-38s %s%s", n, ran.task(), "[NSpid " + ran.pre().task(ran.step().actor()).nsPid() + "]",
                ran.step().call(), ran.step().result(), expected);
    }

    /**
     * The author's names in a version 2 file with a property, for replay's lines: the initial
     * state ({@code init[1]; host[2]}) and the task that takes each step, the kernel's own steps
     * included, in the order the counterexample form lists them ({@link CounterexampleForm}).
     */
    public record TaskNames(String initial, List<String> steps) {}

    public static TaskNames taskNames(Script s) {
        ScenarioRun.Setting st = ScenarioRun.setting(s);
        ScenarioRun.Result r = ScenarioRun.run(st, s, true);
        List<String> steps = new ArrayList<>();
        for (ScenarioRun.Ran ran : r.steps()) steps.add(ran.task());
        return new TaskNames(names(st.initial(), st), steps);
    }

    /** The initial state with the tasks' names: {@code init[1]; host[2]}. */
    static String names(Kernel k, ScenarioRun.Setting st) {
        StringBuilder b = new StringBuilder();
        for (int slot : k.taskSlotList()) {
            if (b.length() > 0) b.append("; ");
            b.append(slot < st.names().size() ? st.names().get(slot) : "T" + slot).append('[').append(k.task(slot).nsPid()).append(']');
        }
        return b.toString();
    }
}
