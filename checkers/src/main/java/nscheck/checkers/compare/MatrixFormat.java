package nscheck.checkers.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The comparison matrix as text, Markdown or JSON. Rows are invariants, columns variants. */
public final class MatrixFormat {
    private MatrixFormat() {}

    public static String text(Matrix m) {
        int first = Math.max(9, m.invariants().stream().mapToInt(String::length).max().orElse(9));
        StringBuilder s = new StringBuilder();
        s.append("models: ").append(String.join(", ", m.models())).append('\n');
        s.append("columns:");
        for (int i = 0; i < m.variants().size(); i++) s.append(i == 0 ? " " : ", ").append(i + 1).append('=').append(m.variants().get(i));
        s.append("\n\n");
        s.append(pad("invariant", first));
        for (int i = 0; i < m.variants().size(); i++) s.append("  ").append(pad(String.valueOf(i + 1), 7));
        s.append('\n');
        for (String inv : m.invariants()) {
            s.append(pad(inv, first));
            for (String v : m.variants()) s.append("  ").append(pad(m.cell(inv, v).code(), 7));
            s.append('\n');
        }
        s.append(counterexamples(m, false));
        return s.toString();
    }

    public static String markdown(Matrix m) {
        StringBuilder s = new StringBuilder("| invariant |");
        for (String v : m.variants()) s.append(" `").append(v).append("` |");
        s.append("\n| --- |");
        s.append(" --- |".repeat(m.variants().size()));
        s.append('\n');
        for (String inv : m.invariants()) {
            s.append("| `").append(inv).append("` |");
            for (String v : m.variants()) {
                Cell c = m.cell(inv, v);
                s.append(' ').append(c.verdict() == Cell.Status.VIOLATED ? "**" + c.code() + "**" : c.code()).append(" |");
            }
            s.append('\n');
        }
        s.append('\n').append(counterexamples(m, true));
        return s.toString();
    }

    private static String counterexamples(Matrix m, boolean md) {
        StringBuilder s = new StringBuilder(md ? "" : "\n");
        s.append(md ? "Counterexamples (FAIL n: the shortest trace has n steps):\n\n" : "counterexamples (FAIL n: the shortest trace has n steps):\n");
        for (String inv : m.invariants())
            for (String v : m.variants()) {
                Cell c = m.cell(inv, v);
                if (c.verdict() != Cell.Status.VIOLATED) continue;
                s.append(md ? "- " : "  ").append(v).append(" / ").append(inv).append(": ").append(c.length())
                        .append(c.length() == 1 ? " step in " : " steps in ").append(c.model()).append(", ")
                        .append(md ? "`" + c.file() + "`" : c.file()).append('\n');
            }
        return s.toString();
    }

    public static String json(Matrix m) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("models", m.models());
        root.put("variants", m.variants());
        root.put("invariants", m.invariants());
        List<Map<String, Object>> cells = new ArrayList<>();
        for (String inv : m.invariants())
            for (String v : m.variants()) {
                Cell c = m.cell(inv, v);
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("variant", v);
                cell.put("invariant", inv);
                cell.put("verdict", switch (c.verdict()) {
                    case HOLDS -> "holds";
                    case VIOLATED -> "violated";
                    case NOT_APPLICABLE -> "n/a";
                    case INCOMPLETE -> "incomplete";
                });
                if (c.verdict() == Cell.Status.VIOLATED) {
                    cell.put("length", c.length());
                    cell.put("model", c.model());
                    cell.put("file", c.file());
                }
                cells.add(cell);
            }
        root.put("cells", cells);
        root.put("states", m.states());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
