package nscheck.checkers.report;

import nscheck.checkers.conform.AreaResult;
import nscheck.checkers.conform.Conformance;
import nscheck.checkers.conform.Mismatch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The conformance run: per area the scenarios that agreed, the known divergences and the mismatches, each mismatch with its chart. */
public final class ConformancePage {
    public static final String PAGE = "conform.html";
    /** Charts drawn per area and kind; a run may count thousands of known divergences. */
    static final int CHARTS_PER_AREA = 5;

    private ConformancePage() {}

    public static String write(Site site, Conformance c, List<AreaResult> results) throws IOException {
        StringBuilder b = new StringBuilder("<h1>Conformance of ").append(Html.text(c.variant().name())).append(" against Linux ")
                .append(Html.text(System.getProperty("os.version"))).append("</h1>");
        b.append("<p class=\"note\">Scenarios drawn from the spec ran on this kernel in the sandbox (fresh user, mount, PID and IPC namespaces), PID namespace at level ").append(c.probe().level())
                .append("; every observation was compared with the spec's prediction.</p>");
        b.append("<div class=\"scroll\"><table><thead><tr><th>area</th><th>scenarios</th><th>steps</th><th>agree</th><th>known</th>"
                + "<th>mismatch</th><th>rate</th></tr></thead><tbody>");
        int sc = 0, st = 0, ag = 0, kn = 0, mm = 0;
        for (AreaResult r : results) {
            String area = Html.slug(r.area());
            b.append("<tr id=\"area-").append(area).append("\"><td>").append(Html.text(r.area())).append("</td>")
                    .append(num(r.scenarios())).append(num(r.steps())).append(num(r.agreed()))
                    .append(linked(r.known().size(), "known-" + area)).append(linked(r.mismatches().size(), "mismatch-" + area))
                    .append("<td class=\"num\">").append(String.format(Locale.ROOT, "%.1f%%", 100 * r.rate())).append("</td></tr>");
            sc += r.scenarios();
            st += r.steps();
            ag += r.agreed();
            kn += r.known().size();
            mm += r.mismatches().size();
        }
        b.append("<tr><th>total</th>").append(num(sc)).append(num(st)).append(num(ag)).append(num(kn)).append(num(mm))
                .append("<td class=\"num\">").append(String.format(Locale.ROOT, "%.1f%%", sc == 0 ? 100.0 : 100.0 * ag / sc)).append("</td></tr>");
        b.append("</tbody></table></div>");
        for (AreaResult r : results) {
            section(site, c, b, r, r.mismatches(), "mismatch", "Mismatches");
            section(site, c, b, r, r.known(), "known", "Known divergences");
        }
        site.write(PAGE, Html.page("Conformance of " + c.variant().name() + " against Linux", "", b.toString()));
        return PAGE;
    }

    private static void section(Site site, Conformance c, StringBuilder b, AreaResult r, List<Mismatch> list, String kind, String heading)
            throws IOException {
        if (list.isEmpty()) return;
        String area = Html.slug(r.area());
        b.append("<h2 id=\"").append(kind).append('-').append(area).append("\">").append(heading).append(" in ").append(Html.text(r.area()))
                .append(" (").append(list.size()).append(")</h2><ul class=\"index\">");
        List<Mismatch> drawn = new ArrayList<>(list.subList(0, Math.min(CHARTS_PER_AREA, list.size())));
        for (int i = 0; i < drawn.size(); i++) {
            Mismatch m = drawn.get(i);
            String rel = site.chart("conform-" + area + "-" + kind + "-" + (i + 1),
                    ConformChart.of(c, m, "known" .equals(kind) ? "known divergence " + m.known() : "mismatch"));
            b.append("<li><a href=\"").append(Html.attr(rel)).append("#divergence\">").append(Html.text(
                    (m.step() < 0 ? "final NSpid lines" : "step " + (m.step() + 1)) + ": spec " + m.spec() + ", kernel " + m.kernel()))
                    .append("</a>").append(m.known() != null ? " <span class=\"note\">(" + Html.text(m.known()) + ")</span>" : "").append("</li>");
        }
        if (list.size() > drawn.size()) b.append("<li class=\"note\">").append(list.size() - drawn.size()).append(" more not drawn</li>");
        b.append("</ul>");
    }

    private static String num(int n) {
        return "<td class=\"num\">" + n + "</td>";
    }

    private static String linked(int n, String anchor) {
        return n == 0 ? num(0) : "<td class=\"num\"><a href=\"#" + anchor + "\">" + n + "</a></td>";
    }
}
