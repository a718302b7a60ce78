package nscheck.checkers.report;

import nscheck.checkers.cex.Counterexample;
import nscheck.checkers.cex.CounterexampleFile;
import nscheck.checkers.compare.Cell;
import nscheck.checkers.compare.Matrix;
import nscheck.model.TraceStep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The proposal matrix: invariants down, variants across, each failing cell linked to the chart of
 * its counterexample; and the cells that differ from mainline on their own. A proposal that fails
 * an invariant mainline also fails is only news if it fails differently, so each such cell says
 * whether its counterexample is mainline's (same model, same steps, same observations) or not.
 */
public final class MatrixPage {
    public static final String PAGE = "matrix.html";
    static final String MAINLINE = "mainline";

    private MatrixPage() {}

    /** How a cell relates to the same invariant's cell under mainline. */
    enum Relation { BASELINE, SAME, DIFFERS }

    public static String write(Site site, Matrix m) throws IOException {
        String base = m.variants().contains(MAINLINE) ? MAINLINE : m.variants().get(0);
        Map<String, String> charts = new LinkedHashMap<>();
        Map<String, Counterexample> read = new LinkedHashMap<>();
        for (String inv : m.invariants())
            for (String v : m.variants()) {
                Cell c = m.cell(inv, v);
                if (c.verdict() != Cell.Status.VIOLATED || c.file() == null) continue;
                try {
                    read.put(key(inv, v), CounterexampleFile.read(Path.of(c.file())));
                    charts.put(key(inv, v), site.counterexample(Path.of(c.file())));
                } catch (CounterexampleFile.BadFile e) {
                    // the cell stays unlinked; the matrix still says FAIL and the length
                }
            }
        StringBuilder b = new StringBuilder("<h1>Invariants under every variant</h1>");
        b.append("<p class=\"note\">models: ").append(Html.text(String.join(", ", m.models()))).append(" · ")
                .append(String.format("%,d", m.states())).append(" distinct states in all · FAIL n: the shortest counterexample has n steps; "
                        + "a failing cell links to its chart.</p>");
        b.append("<p><a href=\"#differs\">Only the cells that differ from ").append(Html.text(base)).append("</a></p>");
        b.append("<div class=\"scroll\"><table class=\"matrix\"><thead><tr><th>invariant</th>");
        for (String v : m.variants()) b.append("<th>").append(Html.text(v)).append("</th>");
        b.append("</tr></thead><tbody>");
        List<String[]> differing = new ArrayList<>();
        for (String inv : m.invariants()) {
            b.append("<tr><th><code>").append(Html.text(inv)).append("</code></th>");
            for (String v : m.variants()) {
                Cell c = m.cell(inv, v);
                Relation rel = v.equals(base) ? Relation.BASELINE : relation(c, m.cell(inv, base), read.get(key(inv, v)), read.get(key(inv, base)));
                b.append("<td id=\"").append(Html.attr(anchor(inv, v))).append("\" class=\"").append(cls(c)).append("\">")
                        .append(code(c, charts.get(key(inv, v))));
                if (rel == Relation.SAME && c.verdict() == Cell.Status.VIOLATED) b.append("<span class=\"same\">same as ").append(Html.text(base)).append("</span>");
                if (rel == Relation.DIFFERS) {
                    b.append("<span class=\"differs\">differs</span>");
                    differing.add(new String[] {inv, v});
                }
                b.append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table></div>");
        b.append("<h2 id=\"differs\">Cells that differ from ").append(Html.text(base)).append(" (").append(differing.size()).append(")</h2>");
        if (differing.isEmpty()) {
            b.append("<p>Every cell is as under ").append(Html.text(base)).append(".</p>");
        } else {
            b.append("<div class=\"scroll\"><table><thead><tr><th>invariant</th><th>variant</th><th>").append(Html.text(base))
                    .append("</th><th>this variant</th><th>why it differs</th></tr></thead><tbody>");
            for (String[] d : differing) {
                Cell c = m.cell(d[0], d[1]), mc = m.cell(d[0], base);
                b.append("<tr><td><a href=\"#").append(Html.attr(anchor(d[0], d[1]))).append("\"><code>").append(Html.text(d[0])).append("</code></a></td><td>")
                        .append(Html.text(d[1])).append("</td><td class=\"").append(cls(mc)).append("\">").append(code(mc, charts.get(key(d[0], base))))
                        .append("</td><td class=\"").append(cls(c)).append("\">").append(code(c, charts.get(key(d[0], d[1]))))
                        .append("</td><td>").append(Html.text(why(c, mc, read.get(key(d[0], d[1])), read.get(key(d[0], base))))).append("</td></tr>");
            }
            b.append("</tbody></table></div>");
        }
        site.write(PAGE, Html.page("Invariants under every variant", "", b.toString()));
        return PAGE;
    }

    static Relation relation(Cell c, Cell base, Counterexample cex, Counterexample baseCex) {
        if (c.verdict() != base.verdict()) return Relation.DIFFERS;
        if (c.verdict() != Cell.Status.VIOLATED) return Relation.SAME;
        if (c.length() != base.length() || !Objects.equals(c.model(), base.model())) return Relation.DIFFERS;
        if (cex == null || baseCex == null) return Relation.SAME;
        return sameSteps(cex, baseCex) ? Relation.SAME : Relation.DIFFERS;
    }

    /** Same calls by the same actors, observing the same things, from the same initial state. */
    static boolean sameSteps(Counterexample a, Counterexample b) {
        if (!Objects.equals(a.initial(), b.initial()) || a.trace().size() != b.trace().size()) return false;
        for (int i = 0; i < a.trace().size(); i++) {
            TraceStep x = a.trace().get(i), y = b.trace().get(i);
            if (!x.actor().equals(y.actor()) || !Objects.equals(x.text(), y.text()) || !x.observation().equals(y.observation())) return false;
        }
        return true;
    }

    private static String why(Cell c, Cell base, Counterexample cex, Counterexample baseCex) {
        if (c.verdict() != base.verdict()) return says(c) + " where mainline " + says(base);
        if (c.length() != base.length()) return "a " + c.length() + "-step counterexample where mainline's has " + base.length();
        if (!Objects.equals(c.model(), base.model())) return "found in " + c.model() + ", mainline's in " + base.model();
        return "another trace of the same length";
    }

    private static String says(Cell c) {
        return switch (c.verdict()) {
            case HOLDS -> "holds";
            case VIOLATED -> "fails in " + c.length() + (c.length() == 1 ? " step" : " steps");
            case NOT_APPLICABLE -> "is not tested";
            case INCOMPLETE -> "did not finish";
        };
    }

    private static String code(Cell c, String chart) {
        if (c.verdict() == Cell.Status.VIOLATED && chart != null)
            return "<a href=\"" + Html.attr(chart) + "\">" + Html.text(c.code()) + "</a>";
        return Html.text(c.code());
    }

    private static String cls(Cell c) {
        return switch (c.verdict()) {
            case HOLDS -> "cell-holds";
            case VIOLATED -> "cell-violated";
            case NOT_APPLICABLE -> "cell-na";
            case INCOMPLETE -> "cell-incomplete";
        };
    }

    private static String key(String inv, String v) {
        return inv + "\u0000" + v;
    }

    static String anchor(String inv, String v) {
        return "cell-" + Html.slug(inv) + "--" + Html.slug(v);
    }
}
