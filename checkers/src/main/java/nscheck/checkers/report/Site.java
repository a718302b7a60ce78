package nscheck.checkers.report;

import nscheck.checkers.cex.Counterexample;
import nscheck.checkers.cex.CounterexampleFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A report directory: pages written into it, and an index.html that links every page in it.
 * Several commands may write into one directory; the index is rebuilt from the pages there each
 * time, so it links what every one of them wrote.
 */
public final class Site {
    /** Where counterexample charts go, under the site's root. */
    public static final String CHARTS = "cex";
    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>");

    private final Path root;

    public Site(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root.resolve(CHARTS));
    }

    public Path root() {
        return root;
    }

    /** Writes {@code html} to {@code relative} (a path with '/' separators) under the root. */
    public Path write(String relative, String html) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, html);
        return p;
    }

    /** The chart page of a counterexample file; returns its path relative to the root. */
    public String counterexample(Path file) throws IOException {
        Counterexample cex = CounterexampleFile.read(file);
        return chart(CounterexampleFile.fileName(cex).replaceFirst("\\.json$", "") + fromSuffix(file, cex),
                CounterexampleChart.of(cex, shown(file).toString()));
    }

    /** A file as the reader knows it: relative to the working directory, never a machine's absolute path to it. */
    private static Path shown(Path file) {
        Path here = Path.of("").toAbsolutePath();
        Path abs = file.toAbsolutePath().normalize();
        if (!file.isAbsolute()) return file.normalize();
        if (abs.startsWith(here) || (here.getParent() != null && abs.startsWith(here.getParent()))) return here.relativize(abs);
        return abs.getFileName();
    }

    /** A file rerecorded from another variant keeps the -from-VARIANT of its name apart from the original's chart. */
    private static String fromSuffix(Path file, Counterexample cex) {
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        int from = name.lastIndexOf("-from-");
        return from >= 0 ? name.substring(from) : "";
    }

    /** Writes a chart page named {@code name}; returns its path relative to the root. */
    public String chart(String name, SequenceChart chart) throws IOException {
        String relative = CHARTS + "/" + Html.slug(name) + ".html";
        write(relative, ChartPage.render(chart, "../"));
        return relative;
    }

    /** Rebuilds index.html from the pages under the root; returns its path. */
    public Path index() throws IOException {
        TreeMap<String, String> top = new TreeMap<>(), charts = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root, 2)) {
            for (Path p : (Iterable<Path>) all.filter(f -> f.toString().endsWith(".html"))::iterator) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.equals("index.html")) continue;
                (rel.startsWith(CHARTS + "/") ? charts : top).put(rel, title(p));
            }
        }
        StringBuilder b = new StringBuilder("<h1>nscheck report</h1>");
        if (top.isEmpty() && charts.isEmpty()) b.append("<p>No pages yet.</p>");
        if (!top.isEmpty()) {
            b.append("<h2>Pages</h2><ul class=\"index\">");
            top.forEach((rel, title) -> b.append("<li><a href=\"").append(Html.attr(rel)).append("\">").append(Html.text(title)).append("</a></li>"));
            b.append("</ul>");
        }
        if (!charts.isEmpty()) {
            b.append("<h2>Counterexamples (").append(charts.size()).append(")</h2><ul class=\"index\">");
            charts.forEach((rel, title) -> b.append("<li><a href=\"").append(Html.attr(rel)).append("\">").append(Html.text(title)).append("</a></li>"));
            b.append("</ul>");
        }
        return write("index.html", Html.page("nscheck report", "", b.toString()));
    }

    private static String title(Path page) throws IOException {
        String text = Files.readString(page);
        Matcher m = TITLE.matcher(text);
        return m.find() ? unescape(m.group(1)) : page.getFileName().toString();
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** The counterexample files named: a directory stands for the *.json files in it. */
    public static List<Path> expand(List<Path> args) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : args) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().forEach(out::add);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }
}
