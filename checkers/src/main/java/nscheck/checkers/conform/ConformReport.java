package nscheck.checkers.conform;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The conformance report: counts and rate per area, every mismatch with its first differing step, the known divergences. */
public final class ConformReport {
    private ConformReport() {}

    public static void print(PrintWriter out, Conformance c, List<AreaResult> results, long millis) {
        out.printf(Locale.ROOT, "conformance of %s against Linux %s (scenarios in the sandbox: fresh user, mount, PID and IPC namespaces; PID namespace at level %d, pid_max %d)%n",
                c.variant().name(), System.getProperty("os.version"), c.probe().level(), c.probe().pidMax());
        out.printf(Locale.ROOT, "%-18s %9s %7s %7s %6s %9s %8s%n", "area", "scenarios", "steps", "agree", "known", "mismatch", "rate");
        int scenarios = 0, steps = 0, agreed = 0, known = 0, mismatches = 0;
        for (AreaResult r : results) {
            out.printf(Locale.ROOT, "%-18s %9d %7d %7d %6d %9d %7.1f%%%n", r.area(), r.scenarios(), r.steps(), r.agreed(),
                    r.known().size(), r.mismatches().size(), 100 * r.rate());
            scenarios += r.scenarios();
            steps += r.steps();
            agreed += r.agreed();
            known += r.known().size();
            mismatches += r.mismatches().size();
        }
        out.printf(Locale.ROOT, "%-18s %9d %7d %7d %6d %9d %7.1f%%%n", "total", scenarios, steps, agreed, known, mismatches,
                scenarios == 0 ? 100.0 : 100.0 * agreed / scenarios);
        out.printf(Locale.ROOT, "%d scenarios, %d steps compared, in %.1f s%n", scenarios, steps, millis / 1000.0);
        for (AreaResult r : results) {
            if (r.failure() != null)
                out.printf("probe failure in %s after %d of %d scenarios (the counts above are of those): %s%n", r.area(), r.scenarios(),
                        r.planned(), r.failure());
            else if (r.interrupted())
                out.printf("interrupted in %s after %d of %d scenarios%n", r.area(), r.scenarios(), r.planned());
        }
        out.println("steps compared per call:");
        for (AreaResult r : results) {
            StringBuilder b = new StringBuilder();
            r.families().forEach((f, n) -> b.append(b.length() == 0 ? "" : ", ").append(f).append(' ').append(n));
            out.printf("  %-18s %s%n", r.area(), b);
        }
        for (AreaResult r : results) for (Mismatch m : r.mismatches()) printMismatch(out, c, m);
        Map<String, Integer> seen = new TreeMap<>();
        for (AreaResult r : results) for (Mismatch m : r.known()) seen.merge(m.known(), 1, Integer::sum);
        out.println("known divergences (deliberate abstractions; reasons in known-divergences.json):");
        for (KnownDivergences.Entry e : c.knownDivergences()) {
            String note = "not-generated".equals(e.kind()) ? "kept out of the scenarios"
                    : "tolerated, seen in " + seen.getOrDefault(e.id(), 0) + " scenarios";
            out.printf("  %-22s %s%n", e.id(), note);
        }
    }

    static String reproducibility(Mismatch m) {
        if (m.reproducible() == null) return "not rerun";
        return m.reproducible() ? "reproducible (the rerun showed it again)"
                : "NOT reproducible (the rerun agreed or differed elsewhere: interference from outside the scenario?)";
    }

    private static void printMismatch(PrintWriter out, Conformance c, Mismatch m) {
        Scenario s = m.scenario();
        out.printf("%nmismatch in %s, %d steps, first difference at %s, %s:%n", s.area(), s.steps().size(),
                m.step() < 0 ? "the final NSpid lines" : "step " + m.step(), reproducibility(m));
        List<String> predicted = c.predictedResults(s);
        for (int i = 0; i < s.steps().size(); i++) {
            Scenario.Step st = s.steps().get(i);
            String spec = i < predicted.size() ? predicted.get(i) : "";
            String mark = i == m.step() ? ">" : " ";
            if (m.step() >= 0 && i > m.step()) break;
            out.printf("  %s %2d  T%-2d %-36s spec %s%n", mark, i, st.actor(), st.call(), spec);
        }
        out.printf("       spec:   %s%n       kernel: %s%n", m.spec(), m.kernel());
    }
}
