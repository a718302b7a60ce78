package nscheck.checkers.report;

import java.util.List;
import java.util.Locale;

/** Small SVG plots drawn here, so a report needs no plotting library or script. */
public final class Plot {
    static final int W = 640, H = 260, LEFT = 70, RIGHT = 16, TOP = 16, BOTTOM = 42;

    private Plot() {}

    /** One bar per label, heights to scale. */
    public static String bars(String id, String title, String xLabel, List<String> labels, List<Long> values) {
        StringBuilder s = open(id, title);
        long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
        double plotW = W - LEFT - RIGHT, plotH = H - TOP - BOTTOM;
        axes(s, max, xLabel);
        int n = Math.max(1, labels.size());
        double slot = plotW / n, bar = Math.max(2, slot * 0.7);
        int every = Math.max(1, (int) Math.ceil(n / (plotW / 28)));
        for (int i = 0; i < labels.size(); i++) {
            double h = plotH * values.get(i) / max;
            double x = LEFT + i * slot + (slot - bar) / 2;
            s.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s: %,d</title></rect>",
                    x, TOP + plotH - h, bar, Math.max(h, 0.5), Html.text(labels.get(i)), values.get(i)));
            if (i % every == 0)
                s.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                        x + bar / 2, H - BOTTOM + 14, Html.text(labels.get(i))));
        }
        return s.append("</svg>").toString();
    }

    /** A line through (x, y) points, both axes from 0. */
    public static String line(String id, String title, String xLabel, double[] xs, double[] ys) {
        StringBuilder s = open(id, title);
        double maxX = 1e-9, maxY = 1;
        for (double x : xs) maxX = Math.max(maxX, x);
        for (double y : ys) maxY = Math.max(maxY, y);
        double plotW = W - LEFT - RIGHT, plotH = H - TOP - BOTTOM;
        axes(s, (long) Math.ceil(maxY), xLabel);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            double x = LEFT + plotW * xs[i] / maxX, y = TOP + plotH - plotH * ys[i] / maxY;
            path.append(i == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
            s.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\"><title>%.2f s: %,.0f</title></circle>",
                    x, y, xs[i], ys[i]));
        }
        if (xs.length > 1) s.append("<path class=\"curve\" d=\"").append(path).append("\"/>");
        for (int i = 0; i <= 4; i++)
            s.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    LEFT + plotW * i / 4, H - BOTTOM + 14, short_(maxX * i / 4)));
        return s.append("</svg>").toString();
    }

    /** Horizontal bars, one per label; zeros are marked, since a call family that never fired is a gap in the model. */
    public static String hbars(String id, String title, List<String> labels, List<Long> values) {
        int rowH = 20, left = 170, right = 90;
        int h = TOP + rowH * Math.max(1, labels.size()) + 10;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"plot\" id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
                id, W, h, W, h, Html.attr(title)));
        long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
        for (int i = 0; i < labels.size(); i++) {
            double y = TOP + i * rowH;
            double w = (W - left - right) * values.get(i) / (double) max;
            s.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", left - 6, y + 13,
                    Html.text(labels.get(i))));
            if (values.get(i) == 0)
                s.append(String.format(Locale.ROOT, "<text class=\"never\" x=\"%d\" y=\"%.1f\">never fired</text>", left + 4, y + 13));
            else
                s.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"14\"><title>%s: %,d</title></rect>"
                                + "<text class=\"value\" x=\"%.1f\" y=\"%.1f\">%,d</text>",
                        left, y + 2, Math.max(w, 1), Html.text(labels.get(i)), values.get(i), left + Math.max(w, 1) + 4, y + 13, values.get(i)));
        }
        return s.append("</svg>").toString();
    }

    private static StringBuilder open(String id, String title) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"plot\" id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
                id, W, H, W, H, Html.attr(title)));
    }

    private static void axes(StringBuilder s, long maxY, String xLabel) {
        double plotH = H - TOP - BOTTOM;
        s.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\"/>", LEFT, TOP, LEFT, TOP + plotH));
        s.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", LEFT, TOP + plotH, W - RIGHT, TOP + plotH));
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotH - plotH * i / 4;
            s.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", LEFT, y, W - RIGHT, y));
            s.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT - 6, y + 4,
                    short_(maxY * i / 4.0)));
        }
        s.append(String.format(Locale.ROOT, "<text class=\"axislabel\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                LEFT + (W - LEFT - RIGHT) / 2.0, H - 6, Html.text(xLabel)));
    }

    /** 1234567 as 1.2M: tick labels stay short. */
    static String short_(double v) {
        if (v >= 1e9) return String.format(Locale.ROOT, "%.1fG", v / 1e9);
        if (v >= 1e6) return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        if (v >= 1e4) return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        if (v == Math.rint(v) || v >= 100) return String.format(Locale.ROOT, "%.0f", v);
        return String.format(Locale.ROOT, "%.2g", v);
    }
}
