package nscheck.checkers.report;

import java.util.List;

/** A page around one sequence chart: what it is about, the chart, the side-by-side view of a divergence, the steps as a table. */
public final class ChartPage {
    private ChartPage() {}

    public static String render(SequenceChart c, String root) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(Html.text(c.title())).append("</h1>");
        b.append("<ul class=\"facts\">");
        for (String[] f : c.facts()) b.append("<li>").append(Html.text(f[0])).append(" <b>").append(Html.text(f[1])).append("</b></li>");
        b.append("</ul>");
        if (c.property() != null) {
            boolean violated = c.violatedRow() >= 0;
            b.append("<div class=\"property").append(violated ? "" : " holds").append("\" id=\"property\"><span class=\"name\">")
                    .append(Html.text(c.property())).append("</span>: ").append(Html.text(c.statement() == null ? "" : c.statement()))
                    .append("<br>");
            if (violated)
                b.append("Violated in the state after <a href=\"#step-").append(c.rows().get(c.violatedRow()).step()).append("\">step ")
                        .append(c.rows().get(c.violatedRow()).step()).append("</a> (the red row).");
            else
                b.append("Holds in every state of this trace.");
            b.append("</div>");
        }
        if (c.divergence() != null) {
            SequenceChart.Divergence d = c.divergence();
            SequenceChart.Row row = c.rows().get(d.row());
            b.append("<h2 id=\"divergence\">First difference: step ").append(row.step()).append("</h2>");
            b.append("<p><code>").append(Html.text(row.actor() + " " + row.call())).append("</code></p>");
            b.append("<div class=\"side\"><div class=\"spec\"><b>").append(Html.text(d.leftLabel())).append("</b><br><code>")
                    .append(Html.text(d.left())).append("</code></div><div class=\"kernel\"><b>").append(Html.text(d.rightLabel()))
                    .append("</b><br><code>").append(Html.text(d.right())).append("</code></div></div>");
            if (d.message() != null) b.append("<p class=\"note\">").append(Html.text(d.message())).append("</p>");
        }
        b.append("<h2>Sequence chart</h2>");
        b.append("<div class=\"legend\"><span>boxes: PID namespaces, nested as they are</span><span>vertical lines: tasks</span>"
                + "<span>on a line: the task's NSpid at that step, outermost level first</span><span>blue: the caller</span>"
                + "<span>green: a new task</span><span>dashed: a zombie</span>"
                + (c.violatedRow() >= 0 ? "<span>red row: the violating state</span>" : "")
                + (c.divergence() != null ? "<span>amber row: the first difference</span>" : "") + "</div>");
        // Two drawings of one chart: calls in a column on the left for wide screens, calls above each row for phones.
        b.append("<div class=\"scroll chart wide\">").append(ChartSvg.render(c, false)).append("</div>");
        b.append("<div class=\"scroll chart narrow\">").append(ChartSvg.render(c, true)).append("</div>");
        if (c.note() != null) b.append("<p class=\"note\">").append(Html.text(c.note())).append("</p>");
        b.append("<h2>Steps</h2><div class=\"scroll\"><table class=\"steps\"><thead><tr><th>step</th><th>actor</th><th>call</th><th>observed</th><th>NSpid after the step</th></tr></thead><tbody>");
        for (int r = 0; r < c.rows().size(); r++) {
            SequenceChart.Row row = c.rows().get(r);
            String cls = r == c.violatedRow() ? " class=\"violating\"" : c.divergence() != null && r == c.divergence().row() ? " class=\"diverging\"" : "";
            b.append("<tr").append(cls).append("><td class=\"num\"><a href=\"#step-").append(row.step()).append("\">").append(row.step())
                    .append("</a></td><td>").append(Html.text(row.actor() == null ? "" : row.actor()))
                    .append(row.detail() != null ? "<br><span class=\"note\">" + Html.text(row.detail()) + "</span>" : "")
                    .append("</td><td><code>").append(Html.text(row.call())).append("</code></td><td class=\"obs\">").append(Html.text(row.observed()))
                    .append("</td><td class=\"mono\">").append(Html.text(nsPids(row.tasks()))).append("</td></tr>");
        }
        b.append("</tbody></table></div>");
        return Html.page(c.title(), root, b.toString());
    }

    private static String nsPids(List<TaskView> tasks) {
        if (tasks == null) return "";
        StringBuilder b = new StringBuilder();
        for (TaskView t : tasks) b.append(b.length() == 0 ? "" : "; ").append(t.name()).append(" [").append(t.nsPid()).append(']')
                .append(t.running() ? "" : " " + t.state());
        return b.toString();
    }
}
