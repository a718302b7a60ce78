import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a mutation run's time goes, per test class (run with the source launcher:
 * java TestCost.java SHARDS_DIR SUREFIRE_REPORTS_DIR...). Reads each shard's mutations.xml and
 * linecoverage.xml (checkers/src/mutation/sharded.sh) and the test times of a plain run (surefire's
 * TEST-*.xml of the default build), and prints for every test class: the mutants its tests cover,
 * the survivors among them, its plain run time, survivors x time summed over its tests (the
 * seconds PIT spends rerunning it for mutants nothing kills: a survivor runs every covering test),
 * and the mutants it killed first (PIT runs a mutant's covering tests fastest first and stops at
 * the first failure, so a kill credited to a slow class is one no faster covering test made).
 * The plain times are a proxy: under PIT each test runs in a minion, without the JIT warm-up a
 * class shares in a plain run.
 */
public class TestCost {
    private static final Pattern UNIT = Pattern.compile("\\[class:([^\\]]+)\\]/\\[(?:method|test-template|test-factory):([^(\\]]+)");
    private static final Pattern INDEX = Pattern.compile("#(\\d+)\\]$");

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java TestCost.java SHARDS_DIR SUREFIRE_REPORTS_DIR...");
            System.exit(2);
        }
        // Plain times: class.method -> index (0 when not parameterized) -> seconds.
        Map<String, Map<Integer, Double>> plain = new HashMap<>();
        for (int a = 1; a < args.length; a++) {
            File[] reports = new File(args[a]).listFiles((d, n) -> n.startsWith("TEST-") && n.endsWith(".xml"));
            if (reports == null) continue;
            for (File r : reports) {
                NodeList cases = parse(r).getElementsByTagName("testcase");
                for (int i = 0; i < cases.getLength(); i++) {
                    Element c = (Element) cases.item(i);
                    String name = c.getAttribute("name");
                    String base = name.replaceAll("[(\\[].*", "");
                    Matcher ix = Pattern.compile("\\[(\\d+)\\]$").matcher(name);
                    int index = ix.find() ? Integer.parseInt(ix.group(1)) : 0;
                    plain.computeIfAbsent(c.getAttribute("classname") + "." + base, k -> new HashMap<>())
                            .merge(index, Double.parseDouble(c.getAttribute("time")), Double::sum);
                }
            }
        }
        File[] shards = new File(args[0]).listFiles(f -> f.isDirectory() && !f.getName().endsWith(".partial"));
        Map<String, Set<String>> coveredBy = new HashMap<>(); // test unit -> mutant ids
        Map<String, Set<String>> survivorsBy = new HashMap<>();
        Map<String, Integer> killsFirst = new TreeMap<>();
        Set<String> units = new TreeSet<>();
        for (File shard : shards == null ? new File[0] : shards) {
            File cov = new File(shard, "linecoverage.xml"), mut = new File(shard, "mutations.xml");
            if (!cov.isFile() || !mut.isFile()) continue;
            Map<String, List<String>> blockTests = new HashMap<>();
            NodeList blocks = parse(cov).getElementsByTagName("block");
            for (int i = 0; i < blocks.getLength(); i++) {
                Element b = (Element) blocks.item(i);
                List<String> tests = new ArrayList<>();
                NodeList ts = b.getElementsByTagName("test");
                for (int j = 0; j < ts.getLength(); j++) tests.add(((Element) ts.item(j)).getAttribute("name"));
                blockTests.put(b.getAttribute("classname") + " " + b.getAttribute("method") + " " + b.getAttribute("number"), tests);
                units.addAll(tests);
            }
            NodeList mutations = parse(mut).getElementsByTagName("mutation");
            for (int i = 0; i < mutations.getLength(); i++) {
                Element m = (Element) mutations.item(i);
                String status = m.getAttribute("status");
                String where = text(m, "mutatedClass") + " " + text(m, "mutatedMethod") + text(m, "methodDescription");
                String id = where + " " + text(m, "indexes") + " " + text(m, "mutator") + " " + text(m, "lineNumber");
                boolean survived = status.equals("SURVIVED");
                NodeList bs = m.getElementsByTagName("block");
                for (int j = 0; j < bs.getLength(); j++) {
                    for (String t : blockTests.getOrDefault(where + " " + bs.item(j).getTextContent(), List.of())) {
                        coveredBy.computeIfAbsent(t, k -> new TreeSet<>()).add(id);
                        if (survived) survivorsBy.computeIfAbsent(t, k -> new TreeSet<>()).add(id);
                    }
                }
                String killer = text(m, "killingTest");
                if (!killer.isEmpty() && !status.equals("SURVIVED")) killsFirst.merge(testClass(killer), 1, Integer::sum);
            }
        }
        // Units per class.method, to share a method's plain time among invocations surefire names differently.
        Map<String, Integer> unitsPerMethod = new HashMap<>();
        for (String u : units) unitsPerMethod.merge(method(u), 1, Integer::sum);
        Map<String, double[]> perClass = new TreeMap<>(); // covered, survivors, seconds, survivor-seconds
        Map<String, Set<String>> coveredPerClass = new HashMap<>(), survivorsPerClass = new HashMap<>();
        for (String u : units) {
            String cls = testClass(u);
            double t = time(plain, u, unitsPerMethod);
            double[] row = perClass.computeIfAbsent(cls, k -> new double[4]);
            row[2] += t;
            row[3] += t * survivorsBy.getOrDefault(u, Set.of()).size();
            coveredPerClass.computeIfAbsent(cls, k -> new TreeSet<>()).addAll(coveredBy.getOrDefault(u, Set.of()));
            survivorsPerClass.computeIfAbsent(cls, k -> new TreeSet<>()).addAll(survivorsBy.getOrDefault(u, Set.of()));
        }
        perClass.forEach((cls, row) -> {
            row[0] = coveredPerClass.get(cls).size();
            row[1] = survivorsPerClass.get(cls).size();
        });
        System.out.println("test class: mutants covered, survivors covered, plain seconds, survivors x seconds, killed first");
        perClass.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[3], a.getValue()[3]))
                .forEach(e -> System.out.printf("  %-60s %6.0f %6.0f %8.3f %9.1f %6d%n", e.getKey(), e.getValue()[0], e.getValue()[1],
                        e.getValue()[2], e.getValue()[3], killsFirst.getOrDefault(e.getKey(), 0)));
    }

    private static double time(Map<String, Map<Integer, Double>> plain, String unit, Map<String, Integer> unitsPerMethod) {
        Map<Integer, Double> byIndex = plain.get(method(unit));
        if (byIndex == null) return 0;
        Matcher ix = INDEX.matcher(unit);
        if (ix.find() && byIndex.containsKey(Integer.parseInt(ix.group(1)))) return byIndex.get(Integer.parseInt(ix.group(1)));
        if (byIndex.size() == 1 && byIndex.containsKey(0) && unitsPerMethod.get(method(unit)) == 1) return byIndex.get(0);
        return byIndex.values().stream().mapToDouble(Double::doubleValue).sum() / unitsPerMethod.get(method(unit));
    }

    private static String method(String unit) {
        Matcher m = UNIT.matcher(unit);
        return m.find() ? m.group(1) + "." + m.group(2) : unit;
    }

    private static String testClass(String unit) {
        Matcher m = UNIT.matcher(unit);
        return m.find() ? m.group(1) : unit.replaceAll("\\.\\[.*", "");
    }

    private static org.w3c.dom.Document parse(File f) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f);
    }

    private static String text(Element m, String tag) {
        NodeList n = m.getElementsByTagName(tag);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent();
    }
}
