import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The thresholds of the `mutation` profile, read from PIT's mutations.xml (run with the source
 * launcher, no build of its own: java MutationScore.java FILE RULES_REGEX RULES_MIN OVERALL_MIN).
 * FILE may also be a directory of shards (checkers/src/mutation/sharded.sh): the mutations.xml of
 * each of its sub-directories, each shard's PIT run having mutated its own classes with the same
 * tests, counted together as one run.
 * <ul>
 *   <li>of the mutants in the spec's rule classes (class names matching RULES_REGEX) that some test
 *       covers, at least RULES_MIN percent are killed;</li>
 *   <li>of every covered mutant, at least OVERALL_MIN percent are killed;</li>
 *   <li>no method of a rule class is left with no covering test at all (unless the fifth
 *       argument is "report", which only lists them).</li>
 * </ul>
 * Prints the scores, the score of each package and the largest groups of survivors (class and
 * mutator), and writes the same lines to score.txt beside mutations.xml, or in the directory of
 * shards (the file the docs pin);
 * exit status 1 when a threshold is missed, 2 when the file cannot be read.
 */
public class MutationScore {
    public static void main(String[] args) throws Exception {
        if (args.length != 4 && args.length != 5) {
            System.err.println("usage: java MutationScore.java mutations.xml RULES_REGEX RULES_MIN OVERALL_MIN [fail|report]");
            System.exit(2);
        }
        File file = new File(args[0]);
        List<File> inputs = new ArrayList<>();
        File scoreFile;
        if (file.isDirectory()) {
            File[] shards = file.listFiles(File::isDirectory);
            if (shards != null) {
                java.util.Arrays.sort(shards);
                for (File shard : shards) {
                    File xml = new File(shard, "mutations.xml");
                    if (xml.isFile()) inputs.add(xml);
                }
            }
            scoreFile = new File(file, "score.txt");
        } else {
            inputs.add(file);
            scoreFile = file.toPath().resolveSibling("score.txt").toFile();
        }
        if (inputs.isEmpty() || !inputs.get(0).isFile()) {
            System.err.println("MutationScore: no " + file + (file.isDirectory() ? "/*/mutations.xml" : "") + " (did PIT run?)");
            System.exit(2);
        }
        Pattern rules = Pattern.compile(args[1]);
        double rulesMin = Double.parseDouble(args[2]);
        double overallMin = Double.parseDouble(args[3]);

        List<Element> mutations = new ArrayList<>();
        for (File input : inputs) {
            NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(input).getElementsByTagName("mutation");
            for (int i = 0; i < nodes.getLength(); i++) mutations.add((Element) nodes.item(i));
        }
        long[] all = new long[3], rule = new long[3]; // total, covered, killed
        long timedOut = 0;
        Map<String, Boolean> ruleMethodCovered = new TreeMap<>();
        Map<String, Integer> survivors = new TreeMap<>();
        Map<String, long[]> packages = new TreeMap<>();
        for (Element m : mutations) {
            String status = m.getAttribute("status");
            String cls = text(m, "mutatedClass");
            String method = cls + "." + text(m, "mutatedMethod");
            boolean covered = !status.equals("NO_COVERAGE");
            // A mutant that makes a test run past PIT's timeout (twice its unmutated time plus
            // 15 s, checkers/pom.xml) counts as killed, as in PIT: mostly a loop that no longer ends.
            // How many there are is printed, since load on the machine can also cause one.
            boolean killed = status.equals("KILLED") || status.equals("TIMED_OUT") || status.equals("MEMORY_ERROR");
            if (status.equals("TIMED_OUT")) timedOut++;
            boolean isRule = rules.matcher(cls.replaceAll("\\$.*", "")).matches();
            count(all, covered, killed);
            count(packages.computeIfAbsent(cls.substring(0, Math.max(0, cls.lastIndexOf('.'))), p -> new long[3]), covered, killed);
            if (isRule) {
                count(rule, covered, killed);
                ruleMethodCovered.merge(method, covered, Boolean::logicalOr);
            }
            if (covered && !killed) {
                String mutator = text(m, "mutator").replaceAll(".*\\.", "");
                survivors.merge(cls.replaceAll("\\$.*", "") + " " + mutator, 1, Integer::sum);
            }
        }
        List<String> failures = new ArrayList<>();
        List<String> out = new ArrayList<>();
        if (file.isDirectory()) out.add(String.format("%d shards: %s", inputs.size(),
                String.join(" ", inputs.stream().map(f -> f.getParentFile().getName()).toArray(String[]::new))));
        out.add(String.format("mutation score: %d mutants, %d covered, %d killed: %.1f%% of covered (%.1f%% of all)",
                all[0], all[1], all[2], pct(all[2], all[1]), pct(all[2], all[0])));
        out.add(String.format("of the killed, %d timed out", timedOut));
        out.add(String.format("rule classes (%s): %d mutants, %d covered, %d killed: %.1f%% of covered",
                args[1], rule[0], rule[1], rule[2], pct(rule[2], rule[1])));
        if (pct(rule[2], rule[1]) < rulesMin) failures.add(String.format("rule classes: %.1f%% of covered mutants killed, below %.0f%%", pct(rule[2], rule[1]), rulesMin));
        if (pct(all[2], all[1]) < overallMin) failures.add(String.format("overall: %.1f%% of covered mutants killed, below %.0f%%", pct(all[2], all[1]), overallMin));
        TreeSet<String> uncovered = new TreeSet<>();
        ruleMethodCovered.forEach((method, covered) -> { if (!covered) uncovered.add(method); });
        boolean failUncovered = args.length < 5 || !args[4].equals("report");
        if (!uncovered.isEmpty()) {
            String line = "rule methods no test covers: " + String.join(", ", uncovered);
            if (failUncovered) {
                failures.add(line);
                out.add(line);
            } else out.add(line + " (reported, not enforced: mutation.rules.uncovered=report)");
        } else {
            out.add("rule methods no test covers: none");
        }
        // Where the survivors are: the packages with the most covered mutants left alive first.
        out.add("per package (survivors, killed / covered, all mutants):");
        packages.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[1] - b.getValue()[2], a.getValue()[1] - a.getValue()[2]))
                .forEach(e -> out.add(String.format("  %4d  %s: %d / %d (%d): %.1f%%", e.getValue()[1] - e.getValue()[2], e.getKey(),
                        e.getValue()[2], e.getValue()[1], e.getValue()[0], pct(e.getValue()[2], e.getValue()[1]))));
        out.add("largest groups of survivors (class, mutator):");
        survivors.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(15)
                .forEach(e -> out.add(String.format("  %4d  %s", e.getValue(), e.getKey())));
        out.forEach(System.out::println);
        Files.write(scoreFile.toPath(), out);
        if (!failures.isEmpty()) {
            failures.forEach(f -> System.err.println("MutationScore: " + f));
            System.exit(1);
        }
        System.out.println("mutation thresholds met");
    }

    private static void count(long[] c, boolean covered, boolean killed) {
        c[0]++;
        if (covered) c[1]++;
        if (killed) c[2]++;
    }

    private static double pct(long part, long whole) {
        return whole == 0 ? 100.0 : 100.0 * part / whole;
    }

    private static String text(Element m, String tag) {
        NodeList n = m.getElementsByTagName(tag);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent();
    }
}
