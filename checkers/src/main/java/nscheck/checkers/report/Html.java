package nscheck.checkers.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The frame of every report page. Each page carries its own style sheet and script inline, so a
 * page opens from a CI artifact, a mail attachment or file:// with no network and no other file.
 */
public final class Html {
    private static final String CSS = resource("report.css");
    private static final String JS = resource("report.js");

    private Html() {}

    /**
     * A complete page.
     *
     * @param root the relative path from the page to the site's root ("" or "../"), for the link home
     */
    public static String page(String title, String root, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + text(title) + "</title><style>" + CSS + "</style></head><body>"
                + "<nav class=\"top\"><a href=\"" + root + "index.html\">nscheck report</a></nav><main>"
                + body + "</main><script>" + JS + "</script></body></html>\n";
    }

    /** Text content: &lt;, &gt; and &amp; escaped. */
    public static String text(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** An attribute value (double-quoted). */
    public static String attr(String s) {
        return text(s).replace("\"", "&quot;");
    }

    /** A file or anchor name made only of characters every file system and URL accepts. */
    public static String slug(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static String resource(String name) {
        try (InputStream in = Html.class.getResourceAsStream("/nscheck/report/" + name)) {
            if (in == null) throw new IllegalStateException("missing resource nscheck/report/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
