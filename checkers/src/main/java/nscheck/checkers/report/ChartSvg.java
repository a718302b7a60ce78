package nscheck.checkers.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a {@link SequenceChart} as SVG: a lifeline per task inside nested boxes for its PID
 * namespaces (a task's box is its active namespace, task_active_pid_ns; the boxes around it are
 * the levels its struct pid also has numbers in), the call and what the caller saw in a column on
 * the left, and at every row each task's NSpid numbers on its lifeline, outermost first.
 *
 * <p>The SVG is sized in pixels and never scaled: on a narrow screen the page scrolls it sideways
 * rather than shrinking the text below reading size.
 */
public final class ChartSvg {
    static final double CHAR = 7.25; // advance of a 12px monospace glyph
    static final int ROW = 48;
    static final int LABEL = 20;
    static final int PAD = 12;
    static final int HEADER = 38;

    private ChartSvg() {}

    /** A lifeline: one task from its first row to its last (a slot reused by a new task is a new lifeline). */
    static final class Lifeline {
        final String key;
        final TaskView first;
        final int firstRow;
        int lastRow;
        final TaskView[] atRow;
        double x;

        Lifeline(String key, TaskView first, int firstRow, int rows) {
            this.key = key;
            this.first = first;
            this.firstRow = firstRow;
            this.lastRow = firstRow;
            this.atRow = new TaskView[rows];
        }
    }

    /** A PID namespace: keyed by its path of slots from the root; boxes nest as the tree does. */
    static final class Namespace {
        final String key;
        final int level;
        final List<Namespace> children = new ArrayList<>();
        final List<Lifeline> own = new ArrayList<>();
        String init;
        int firstRow;
        double left, right;

        Namespace(String key, int level, int firstRow) {
            this.key = key;
            this.level = level;
            this.firstRow = firstRow;
        }
    }

    public static String render(SequenceChart chart) {
        return render(chart, false);
    }

    /**
     * @param compact for narrow screens: no column on the left, each row's call and observation on a
     *                line of its own above the row's numbers, so the chart is only as wide as its lanes
     */
    public static String render(SequenceChart chart, boolean compact) {
        List<SequenceChart.Row> rows = chart.rows();
        int n = rows.size();
        Map<String, Lifeline> lines = new LinkedHashMap<>();
        Map<String, Namespace> spaces = new LinkedHashMap<>();
        Map<Integer, String> current = new LinkedHashMap<>(); // slot -> key of its lifeline in the previous row
        int generation = 0;
        for (int r = 0; r < n; r++) {
            List<TaskView> tasks = rows.get(r).tasks();
            if (tasks == null) continue;
            Map<Integer, String> now = new LinkedHashMap<>();
            for (TaskView t : tasks) {
                String key = current.get(t.slot());
                if (key == null || !lines.get(key).first.activeNamespace().equals(t.activeNamespace())) {
                    key = t.name() + (lines.containsKey(t.name()) ? "#" + (++generation) : "");
                    lines.put(key, new Lifeline(key, t, r, n));
                }
                Lifeline l = lines.get(key);
                l.lastRow = r;
                l.atRow[r] = t;
                now.put(t.slot(), key);
                for (int level = 0; level < t.namespaces().length; level++) {
                    String ns = t.namespaces()[level];
                    int lv = level;
                    int row = r;
                    Namespace space = spaces.computeIfAbsent(ns, k -> new Namespace(k, lv, row));
                    if (level > 0) {
                        Namespace parent = spaces.get(t.namespaces()[level - 1]);
                        if (!parent.children.contains(space)) parent.children.add(space);
                    }
                    if (space.init == null && level < t.numbers().length && t.numbers()[level] == 1) space.init = display(key, t);
                }
            }
            for (String key : now.values()) {
                Lifeline l = lines.get(key);
                Namespace home = spaces.get(l.first.activeNamespace());
                if (!home.own.contains(l)) home.own.add(l);
            }
            current = now;
        }
        List<Namespace> roots = new ArrayList<>();
        for (Namespace s : spaces.values()) if (s.level == 0) roots.add(s);
        int depth = spaces.values().stream().mapToInt(s -> s.level).max().orElse(0);

        int leftWidth = 220;
        for (SequenceChart.Row row : rows)
            leftWidth = Math.max(leftWidth, (int) (CHAR * (Math.max(row.call().length() + 9, row.observed().length() + 6)) + 24));
        if (chart.divergence() != null) {
            SequenceChart.Divergence d = chart.divergence();
            String both = d.leftLabel() + " " + d.left() + " · " + d.rightLabel() + " " + d.right();
            leftWidth = Math.max(leftWidth, (int) (CHAR * (both.length() + 7)) + 24);
        }
        leftWidth = compact ? 0 : Math.min(leftWidth, 460);
        int laneWidth = compact ? 64 : 96;
        for (Lifeline l : lines.values())
            for (TaskView t : l.atRow)
                if (t != null) laneWidth = Math.max(laneWidth, (int) (CHAR * (t.nsPid().length() + (compact ? 0 : 4))) + (compact ? 22 : 16));

        double[] x = {leftWidth + 8};
        for (Namespace root : roots) place(root, x, laneWidth);
        double lanesRight = x[0];
        String verdict = chart.violatedRow() >= 0 && chart.property() != null && !compact ? "✗ " + chart.property() + " violated" : null;
        double width = Math.max(x[0] + 8 + (verdict == null ? 0 : CHAR * verdict.length() + 16), leftWidth + 200);
        double center = compact ? 34 : ROW / 2.0;
        String arrow = compact ? "arrow-narrow" : "arrow";
        double headerTop = 8 + (depth + 1) * LABEL;
        double rowsTop = headerTop + HEADER;
        double rowsBottom = rowsTop + n * ROW;
        double height = rowsBottom + (depth + 1) * 8 + 10;

        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT,
                "<svg class=\"seqchart%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"%s\">",
                compact ? " compact" : "", width, height, width, height, Html.attr(chart.title())));
        s.append("<defs><marker id=\"" + arrow + "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" class=\"arrowhead\"/></marker></defs>");
        // Row bands first, so boxes and lifelines draw over them.
        for (int r = 0; r < n; r++) {
            String cls = "band" + (r % 2 == 1 ? " odd" : "") + (r == chart.violatedRow() ? " violating" : "")
                    + (chart.divergence() != null && r == chart.divergence().row() ? " diverging" : "");
            s.append(rect(cls, 0, rowsTop + r * ROW, width, ROW));
        }
        for (Namespace root : roots) box(s, root, depth, rowsBottom);
        for (Lifeline l : lines.values()) lifeline(s, l, headerTop, rowsTop, center);
        for (int r = 0; r < n; r++) row(s, chart, r, lines, rowsTop, leftWidth, center, compact, width);
        if (verdict != null)
            s.append(text("verdict", lanesRight + 8, rowsTop + chart.violatedRow() * ROW + ROW / 2.0 + 4, verdict));
        s.append("</svg>");
        return s.toString();
    }

    /** Lays out a namespace's own lifelines, then its children's boxes, inside its own box. */
    private static void place(Namespace ns, double[] x, int laneWidth) {
        ns.left = x[0];
        x[0] += PAD;
        ns.own.sort((a, b) -> a.firstRow != b.firstRow ? Integer.compare(a.firstRow, b.firstRow) : Integer.compare(a.first.slot(), b.first.slot()));
        for (Lifeline l : ns.own) {
            l.x = x[0] + laneWidth / 2.0;
            x[0] += laneWidth;
        }
        for (Namespace c : ns.children) place(c, x, laneWidth);
        if (ns.own.isEmpty() && ns.children.isEmpty()) x[0] += laneWidth;
        x[0] += PAD;
        ns.right = x[0];
        x[0] += 4;
    }

    private static void box(StringBuilder s, Namespace ns, int depth, double rowsBottom) {
        double top = 8 + ns.level * LABEL;
        double bottom = rowsBottom + (depth - ns.level + 1) * 8;
        String label = ns.key.equals(CounterexampleChart.UNKNOWN_NAMESPACE) ? "namespaces not known" : ns.level == 0 ? "root PID namespace" : "level " + ns.level + (ns.init != null ? " · init " + ns.init : "");
        String title = (ns.level == 0 ? "the root PID namespace" : "a PID namespace at level " + ns.level
                + (ns.init != null ? ", whose init (pid 1) is " + ns.init : "")) + (ns.firstRow > 0 ? ", from step " + ns.firstRow : "");
        s.append("<g class=\"ns\" data-ns=\"").append(Html.attr(ns.key)).append("\" data-level=\"").append(ns.level).append("\">");
        s.append("<title>").append(Html.text(title)).append("</title>");
        s.append(String.format(Locale.ROOT, "<rect class=\"nsbox level%d\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\"/>",
                ns.level % 4, ns.left, top, ns.right - ns.left, bottom - top));
        // A narrow box (one lane on a phone) gets a shorter label rather than one running into its neighbour.
        double room = ns.right - ns.left - 10;
        if (label.length() * 6.0 > room && ns.level > 0) label = "L" + ns.level + (ns.init != null ? " · " + ns.init : "");
        if (label.length() * 6.0 > room && ns.level > 0) label = "L" + ns.level;
        if (label.length() * 6.0 > room && ns.level == 0) label = "root";
        s.append(text("nslabel", ns.left + 6, top + 14, label));
        s.append("</g>");
        for (Namespace c : ns.children) box(s, c, depth, rowsBottom);
    }

    private static void lifeline(StringBuilder s, Lifeline l, double headerTop, double rowsTop, double center) {
        String name = display(l.key, l.first);
        double yHead = headerTop + 14;
        s.append("<g class=\"task\" data-task=\"").append(Html.attr(l.first.name())).append("\">");
        String sub = l.first.leader() >= 0 ? "thread of T" + l.first.leader() : l.firstRow > 0 ? "from step " + l.firstRow : "";
        s.append(text("taskname", l.x, yHead, name, "middle"));
        if (!sub.isEmpty()) s.append(text("tasksub", l.x, yHead + 14, sub, "middle"));
        double from = l.firstRow == 0 ? headerTop + HEADER - 6 : rowsTop + l.firstRow * ROW + center;
        if (l.firstRow > 0)
            s.append(String.format(Locale.ROOT, "<line class=\"lifeline before\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                    l.x, headerTop + HEADER - 6, l.x, from));
        for (int r = Math.max(l.firstRow, 0); r <= l.lastRow; r++) {
            TaskView t = l.atRow[r];
            if (t == null) continue;
            double y0 = r == l.firstRow ? from : rowsTop + r * ROW;
            double y1 = r == l.lastRow ? rowsTop + r * ROW + center : rowsTop + (r + 1) * ROW;
            s.append(String.format(Locale.ROOT, "<line class=\"lifeline %s\" data-task=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                    t.state(), l.first.name(), l.x, y0, l.x, y1));
        }
        if (l.lastRow < l.atRow.length - 1) {
            // Reaped (release_task): the task and its numbers are gone after this row.
            double y = rowsTop + l.lastRow * ROW + center + 16;
            s.append(String.format(Locale.ROOT, "<path class=\"gone\" d=\"M%.1f,%.1f l8,8 m0,-8 l-8,8\"><title>%s is gone after step %d</title></path>",
                    l.x - 4, y - 4, l.first.name(), l.lastRow));
        }
        s.append("</g>");
    }

    private static void row(StringBuilder s, SequenceChart chart, int r, Map<String, Lifeline> lines, double rowsTop, int leftWidth,
                            double center, boolean compact, double width) {
        SequenceChart.Row row = chart.rows().get(r);
        double top = rowsTop + r * ROW, mid = top + center;
        boolean violating = r == chart.violatedRow();
        boolean diverging = chart.divergence() != null && r == chart.divergence().row();
        s.append("<g class=\"step").append(violating ? " violating" : "").append(diverging ? " diverging" : "")
                .append("\" id=\"").append(compact ? "narrow-" : "").append("step-").append(row.step()).append("\" data-step=\"").append(row.step()).append("\">");
        if (compact) {
            compactLine(s, chart, row, top, violating, diverging, width);
        } else {
        s.append(text("stepno", 8, top + 19, String.valueOf(row.step())));
        if (row.actor() == null) {
            s.append(text("call", 36, top + 19, row.call()));
        } else {
            s.append("<text class=\"call\" x=\"36\" y=\"").append(fmt(top + 19)).append("\"><tspan class=\"actor\">")
                    .append(Html.text(row.actor())).append("</tspan> ").append(Html.text(clip(row.call(), leftWidth, 4))).append("<title>")
                    .append(Html.text(row.actor() + (row.detail() != null ? " (" + row.detail() + ")" : "") + " " + row.call()))
                    .append("</title></text>");
        }
        String second = diverging
                ? chart.divergence().leftLabel() + " " + chart.divergence().left() + " · " + chart.divergence().rightLabel() + " " + chart.divergence().right()
                : row.actor() == null ? clip(row.observed(), leftWidth, 2) : "→ " + row.observed();
        s.append(text(diverging ? "observed diverging" : "observed", 36, top + 36, clip(second, leftWidth, 2)));
        }
        // Which lifeline acted: the actor's task in this row's pre-state (its lifeline in the previous row).
        Lifeline actor = null;
        for (Lifeline l : lines.values()) {
            int at = r > 0 && l.atRow[r - 1] != null ? r - 1 : r;
            if (l.atRow[at] != null && l.atRow[at].name().equals(row.actor())) actor = l;
        }
        if (actor != null && !compact) {
            TaskView shown = actor.atRow[r];
            double half = shown == null ? 4 : (CHAR * shown.nsPid().length() + 14) / 2 + 3;
            s.append(String.format(Locale.ROOT, "<line class=\"callarrow\" x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" marker-end=\"url(#arrow)\"/>",
                    leftWidth - 2, mid, actor.x - half, mid));
        }
        for (Lifeline l : lines.values()) {
            TaskView t = l.atRow[r];
            if (t == null) continue;
            boolean acts = l == actor;
            boolean born = r > 0 && l.firstRow == r;
            if (born && actor != null && actor != l)
                s.append(String.format(Locale.ROOT, "<path class=\"spawn\" d=\"M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f\" marker-end=\"url(#%s)\"/>",
                        actor.x, mid - 6, actor.x, mid - 22, l.x, mid - 22, l.x, mid - 12, compact ? "arrow-narrow" : "arrow"));
            String label = t.nsPid();
            double w = CHAR * label.length() + 14;
            String cls = "nspid" + (acts ? " actor" : "") + (born ? " born" : "") + (t.running() ? "" : " " + t.state());
            s.append("<g class=\"").append(cls).append("\" data-task=\"").append(t.name()).append("\" data-nspid=\"").append(label).append("\">");
            s.append("<title>").append(Html.text(t.name() + " NSpid " + label + " (" + t.state() + ")" + numbersByLevel(t))).append("</title>");
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"20\" rx=\"10\"/>", l.x - w / 2, mid - 10, w));
            s.append(text("nr", l.x, mid + 4, label, "middle"));
            s.append("</g>");
        }
        s.append("</g>");
    }

    /** The narrow chart's row text: step, caller, call and observation on one line above the row's numbers. */
    private static void compactLine(StringBuilder s, SequenceChart chart, SequenceChart.Row row, double top, boolean violating,
                                    boolean diverging, double width) {
        String what = row.actor() == null ? row.call()
                : row.call() + (diverging ? "  " + chart.divergence().leftLabel() + " " + chart.divergence().left() + " · "
                        + chart.divergence().rightLabel() + " " + chart.divergence().right() : " → " + row.observed());
        String mark = violating ? " ✗" : "";
        int max = (int) ((width - 16) / CHAR) - String.valueOf(row.step()).length() - (row.actor() == null ? 0 : row.actor().length() + 1) - mark.length() - 1;
        if (what.length() > max) what = what.substring(0, Math.max(1, max - 1)) + "…";
        s.append("<text class=\"call line").append(diverging ? " diverging" : "").append("\" x=\"8\" y=\"").append(fmt(top + 14))
                .append("\"><tspan class=\"stepno\">").append(row.step()).append("</tspan> ");
        if (row.actor() != null) s.append("<tspan class=\"actor\">").append(Html.text(row.actor())).append("</tspan> ");
        s.append(Html.text(what));
        if (!mark.isEmpty()) s.append("<tspan class=\"verdict\">").append(mark).append("</tspan>");
        s.append("<title>").append(Html.text((row.actor() == null ? "" : row.actor() + " ") + row.call() + " " + row.observed())).append("</title></text>");
    }

    /** A lifeline's name: the task's, primed when its slot was used by an earlier task in the trace. */
    private static String display(String key, TaskView t) {
        return key.contains("#") ? t.name() + "′" : t.name();
    }

    private static String numbersByLevel(TaskView t) {
        StringBuilder b = new StringBuilder(":");
        for (int l = 0; l < t.numbers().length; l++) b.append(" level ").append(l).append(" pid ").append(t.numbers()[l]).append(l + 1 < t.numbers().length ? "," : "");
        return b.toString();
    }

    private static String clip(String text, int leftWidth, int indent) {
        int max = (int) ((leftWidth - 36 - 8) / CHAR) - indent;
        return text.length() <= max ? text : text.substring(0, Math.max(1, max - 1)) + "…";
    }

    private static String rect(String cls, double x, double y, double w, double h) {
        return String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>", cls, x, y, w, h);
    }

    static String text(String cls, double x, double y, String text) {
        return text(cls, x, y, text, null);
    }

    static String text(String cls, double x, double y, String text, String anchor) {
        return String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\"%s>%s</text>", cls, x, y,
                anchor == null ? "" : " text-anchor=\"" + anchor + "\"", Html.text(text));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
