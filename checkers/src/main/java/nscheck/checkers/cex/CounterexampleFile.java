package nscheck.checkers.cex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import nscheck.checkers.Violation;
import nscheck.model.Model;
import nscheck.model.TraceStep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes counterexample files (Jackson), refusing other formats and versions in one line. */
public final class CounterexampleFile {
    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CounterexampleFile() {}

    /** A problem with a counterexample file; the message is one line. */
    public static final class BadFile extends RuntimeException {
        public BadFile(String message) {
            super(message);
        }
    }

    public static <S, A> Counterexample of(Model<S, A> model, Violation<S, A> v, String engine, Long seed, boolean minimized) {
        List<TraceStep> steps = new ArrayList<>();
        for (var s : v.trace().steps()) steps.add(model.describe(s.pre(), s.action(), s.post()));
        return new Counterexample(Counterexample.FORMAT, Counterexample.VERSION, model.name(), model.bounds(), model.variant(),
                new Counterexample.PropertyRef(v.property(), v.statement()),
                new Counterexample.FoundBy(engine, seed, minimized), Counterexample.VIOLATES,
                model.describeState(v.trace().initial()), steps);
    }

    /** Writes {@code cex} into {@code dir} as MODEL-VARIANT-PROPERTY.json and returns the path. */
    public static Path write(Path dir, Counterexample cex) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(cex.model().replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + cex.variant() + "-"
                + cex.property().name() + ".json");
        Files.writeString(file, JSON.writeValueAsString(cex) + "\n");
        return file;
    }

    public static Counterexample read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new BadFile(file + ": no such file");
        } catch (IOException e) {
            throw new BadFile(file + ": cannot read: " + e.getMessage());
        }
        try {
            var tree = JSON.readTree(text);
            if (tree == null || !tree.isObject()) throw new BadFile(file + ": not a counterexample (no JSON object)");
            if (!Counterexample.FORMAT.equals(tree.path("format").asText()))
                throw new BadFile(file + ": not a counterexample (format is not \"" + Counterexample.FORMAT + "\")");
            int version = tree.path("version").asInt(-1);
            if (version != Counterexample.VERSION)
                throw new BadFile(file + ": format version " + version + " is not supported (this nscheck reads version "
                        + Counterexample.VERSION + ")");
            Counterexample cex = JSON.treeToValue(tree, Counterexample.class);
            if (cex.trace() == null || cex.property() == null || cex.model() == null)
                throw new BadFile(file + ": incomplete counterexample (model, property and trace are required)");
            return cex;
        } catch (JsonProcessingException e) {
            throw new BadFile(file + ": corrupt counterexample: " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        }
    }
}
