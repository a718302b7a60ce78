package nscheck.futex;

import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.GradingResult;
import org.openjdk.jcstress.infra.grading.ReportUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome counts of one jcstress run, per test, read back from the run's result file
 * (jcstress-results-*.bin.gz) with jcstress' own reader and grader, so the verdicts here are the
 * ones in jcstress' text and HTML reports. These are jcstress internals, not API: pinned to the
 * jcstress.version in the pom.
 */
public final class StressReport {

    /** One outcome row: the result id (e.g. "0, 1, 1, 2" or "STALE"), how often, how graded. */
    public record Row(String id, long count, Expect expect, String description) {}

    /** One test's results merged across forks and JVM configurations. */
    public record TestOutcomes(String name, Status status, List<Row> rows, List<String> messages) {
        public long count(Expect expect) {
            return rows.stream().filter(r -> r.expect() == expect).mapToLong(Row::count).sum();
        }

        public long total() {
            return rows.stream().mapToLong(Row::count).sum();
        }

        public String simpleName() {
            return name.substring(name.lastIndexOf('.') + 1);
        }
    }

    private final List<TestOutcomes> tests;

    private StressReport(List<TestOutcomes> tests) {
        this.tests = tests;
    }

    public static StressReport read(Path resultFile) throws Exception {
        InProcessCollector collector = new InProcessCollector();
        DiskReadCollector reader = new DiskReadCollector(resultFile.toString(), collector);
        try {
            reader.dump();
        } finally {
            reader.close();
        }
        List<TestOutcomes> tests = new ArrayList<>();
        for (TestResult r : ReportUtils.mergedByName(collector.getTestResults())) {
            List<Row> rows = new ArrayList<>();
            if (!r.isEmpty()) {
                for (GradingResult g : r.grading().gradingResults.values()) {
                    rows.add(new Row(g.id, g.count, g.expect, g.description));
                }
            }
            tests.add(new TestOutcomes(r.getName(), r.status(), rows, r.getMessages()));
        }
        tests.sort(Comparator.comparing(TestOutcomes::name));
        return new StressReport(tests);
    }

    public List<TestOutcomes> tests() {
        return tests;
    }

    /** A fixed-width table of every test's outcomes, for the build log and summary.txt. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        for (TestOutcomes t : tests) {
            Map<Expect, Long> byExpect = new EnumMap<>(Expect.class);
            for (Expect e : Expect.values()) byExpect.put(e, t.count(e));
            sb.append(String.format("%s  [%s]  samples=%,d  acceptable=%,d interesting=%,d forbidden=%,d%n",
                    t.simpleName(), t.status(), t.total(), byExpect.get(Expect.ACCEPTABLE),
                    byExpect.get(Expect.ACCEPTABLE_INTERESTING), byExpect.get(Expect.FORBIDDEN)));
            for (Row row : t.rows()) {
                sb.append(String.format("    %-14s %,14d  %-22s %s%n", row.id(), row.count(), row.expect(), row.description()));
            }
            for (String m : t.messages()) sb.append("    message: ").append(m).append('\n');
        }
        return sb.toString();
    }
}
