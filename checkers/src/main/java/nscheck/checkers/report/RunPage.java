package nscheck.checkers.report;

import nscheck.checkers.engine.CheckResult;
import nscheck.checkers.engine.Statistics;
import nscheck.checkers.trace.Violation;
import nscheck.model.Model;
import nscheck.model.Property;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One `check` run: its verdict per property (violations linked to their charts) and its figures. */
public final class RunPage {
    private RunPage() {}

    public static String write(Site site, CheckResult<?, ?> r, List<Path> files, RunFigures figures) throws IOException {
        Model<?, ?> m = r.model();
        String name = "run-" + Html.slug(m.name()) + "-" + Html.slug(m.variant()) + ".html";
        List<String> charts = new ArrayList<>();
        for (Path f : files) charts.add(site.counterexample(f));
        Statistics st = r.stats();
        StringBuilder b = new StringBuilder("<h1>check ").append(Html.text(m.name())).append(" under ").append(Html.text(m.variant())).append("</h1>");
        b.append("<ul class=\"facts\">");
        fact(b, "ending", r.ending().toString().toLowerCase(Locale.ROOT).replace('_', ' '));
        fact(b, "distinct states", String.format(Locale.ROOT, "%,d", st.distinct()));
        fact(b, "generated", String.format(Locale.ROOT, "%,d", st.generated()));
        fact(b, "depth", String.valueOf(st.depth()));
        fact(b, "seconds", String.format(Locale.ROOT, "%.2f", st.seconds()));
        StringBuilder bounds = new StringBuilder();
        m.bounds().forEach((k, v) -> bounds.append(bounds.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        fact(b, "bounds", bounds.toString());
        b.append("</ul>");
        b.append("<h2>Properties</h2><div class=\"scroll\"><table><thead><tr><th>property</th><th>verdict</th><th>statement</th></tr></thead><tbody>");
        List<String> vacuous = r.vacuous();
        for (Property<?, ?> p : m.properties()) {
            int v = indexOf(r.violations(), p.name());
            String verdict = v >= 0 ? "<a href=\"" + Html.attr(charts.get(v)) + "\">violated, " + r.violations().get(v).trace().length() + " steps</a>"
                    : vacuous.contains(p.name()) ? "vacuous" : r.complete() ? "holds" : "not violated so far";
            b.append("<tr><td><code>").append(Html.text(p.name())).append("</code></td><td class=\"")
                    .append(v >= 0 ? "cell-violated" : vacuous.contains(p.name()) ? "cell-incomplete" : "cell-holds").append("\">")
                    .append(verdict).append("</td><td>").append(Html.text(p.statement())).append("</td></tr>");
        }
        for (int v = 0; v < r.violations().size(); v++)
            if (indexOfProperty(m, r.violations().get(v).property()) < 0)
                b.append("<tr><td><code>").append(Html.text(r.violations().get(v).property())).append("</code></td><td class=\"cell-violated\"><a href=\"")
                        .append(Html.attr(charts.get(v))).append("\">violated</a></td><td>").append(Html.text(r.violations().get(v).statement())).append("</td></tr>");
        b.append("</tbody></table></div>");
        b.append("<h2 id=\"levels\">States per level</h2><div class=\"figure scroll\">");
        List<String> depths = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (RunFigures.Level l : figures.levels()) {
            depths.add(String.valueOf(l.depth()));
            counts.add(l.states());
        }
        b.append(Plot.bars("states-per-level", "distinct states first reached at each depth", "depth (steps from an initial state)", depths, counts));
        b.append("</div><h2 id=\"rate\">States per second over time</h2><div class=\"figure scroll\">");
        List<RunFigures.Sample> samples = figures.samples();
        List<double[]> rate = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            double dt = samples.get(i).seconds() - samples.get(i - 1).seconds();
            if (dt > 1e-3) rate.add(new double[] {samples.get(i).seconds(), (samples.get(i).distinct() - samples.get(i - 1).distinct()) / dt});
        }
        if (rate.size() < 2) {
            b.append("<p class=\"note\">The run was too short for a rate over time (").append(samples.size()).append(" samples).</p>");
        } else {
            double[] xs = rate.stream().mapToDouble(p -> p[0]).toArray(), ys = rate.stream().mapToDouble(p -> p[1]).toArray();
            b.append(Plot.line("states-per-second", "distinct states per second over the run", "seconds since the start", xs, ys));
        }
        b.append("</div><h2 id=\"coverage\">Coverage per call family</h2><div class=\"figure scroll\">");
        Map<String, Long> cov = r.coverage().counts();
        b.append(Plot.hbars("coverage", "transitions taken per call family", new ArrayList<>(cov.keySet()), new ArrayList<>(cov.values())));
        b.append("</div>");
        site.write(name, Html.page("check " + m.name() + " under " + m.variant(), "", b.toString()));
        return name;
    }

    private static int indexOf(List<? extends Violation<?, ?>> vs, String property) {
        for (int i = 0; i < vs.size(); i++) if (vs.get(i).property().equals(property)) return i;
        return -1;
    }

    private static int indexOfProperty(Model<?, ?> m, String name) {
        for (int i = 0; i < m.properties().size(); i++) if (m.properties().get(i).name().equals(name)) return i;
        return -1;
    }

    private static void fact(StringBuilder b, String label, String value) {
        b.append("<li>").append(Html.text(label)).append(" <b>").append(Html.text(value)).append("</b></li>");
    }
}
