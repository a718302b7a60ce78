package nscheck.checkers.cex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import nscheck.checkers.trace.Violation;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import nscheck.model.TraceStep;
import nscheck.model.kernel.KernelModel;
import nscheck.checkers.scenario.CounterexampleForm;
import nscheck.checkers.scenario.ScenarioError;
import nscheck.checkers.scenario.ScenarioFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads and writes counterexample files (Jackson), refusing other formats and versions in one line. */
public final class CounterexampleFile {
    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    /** The largest counterexample file read: a trace of thousands of steps is far below it; /dev/zero is not. */
    public static final long MAX_FILE_BYTES = 16 << 20;

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
        return writeTo(dir.resolve(fileName(cex)), cex);
    }

    /** The name {@link #write} gives a counterexample: MODEL-VARIANT-PROPERTY.json. */
    public static String fileName(Counterexample cex) {
        return cex.model().replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + cex.variant() + "-" + cex.property().name() + ".json";
    }

    /** Writes {@code cex} to exactly {@code file}, creating its directory. */
    public static Path writeTo(Path file, Counterexample cex) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Files.writeString(file, text(cex));
        return file;
    }

    /**
     * A counterexample of a kernel model in the readable form (version 2: tasks by name,
     * arguments in the kernel's words); of a user-space protocol model in version 1, whose steps
     * are not kernel calls.
     */
    static String text(Counterexample cex) throws IOException {
        try {
            if (rebuild(cex) instanceof KernelModel km) {
                String v2 = CounterexampleForm.write(cex, km);
                if (v2 != null) return v2;
            }
        } catch (nscheck.model.ModelException e) {
            // a model that no longer builds: kept as found
        }
        return JSON.writeValueAsString(cex) + "\n";
    }

    /** Writes {@code cex} in version 1, as the corpus in counterexamples/ keeps it. */
    public static Path writeVersion1(Path file, Counterexample cex) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(cex) + "\n");
        return file;
    }

    /**
     * The model the counterexample was found in, rebuilt from today's spec: its name (or file),
     * its bounds and its variant.
     *
     * @throws nscheck.model.ModelException if the model, a bound or the variant no longer exists
     */
    public static Model<?, ?> rebuild(Counterexample cex) {
        return ModelCatalog.find(cex.model()).build(cex.bounds() == null ? Map.of() : cex.bounds(), cex.variant());
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /**
     * Checks a version 1 file's steps against the model it names: each actor a task slot the
     * model has, each call one of its families, each argument one that family takes, of its type.
     * Malformed content is an input error at its JSON path, never a divergence.
     */
    public static void validate(Path file, Counterexample cex, Model<?, ?> m) {
        Integer slots = m.bounds().get("tasks");
        for (int i = 0; i < cex.trace().size(); i++) {
            TraceStep s = cex.trace().get(i);
            String at = file + ": trace[" + i + "]";
            if (!s.actor().matches("T\\d{1,4}")) throw new BadFile(at + ".actor: \"" + s.actor() + "\" is not a task slot (T0, T1, ...)");
            int slot = Integer.parseInt(s.actor().substring(1));
            if (slots != null && slot >= slots)
                throw new BadFile(at + ".actor: " + s.actor() + " is out of range (the model has task slots T0..T" + (slots - 1) + ")");
            if (!m.actionFamilies().contains(s.call()))
                throw new BadFile(at + ".call: unknown call \"" + s.call() + "\" (model " + m.name() + " makes: " + String.join(", ", m.actionFamilies()) + ")");
            if (!(m instanceof KernelModel km)) continue;
            Map<String, Object> sample = null;
            for (var c : km.menu()) {
                if (!c.family().equals(s.call())) continue;
                Map<String, Object> a = KernelModel.arguments(c);
                if (sample == null || (s.args() != null && a.keySet().containsAll(s.args().keySet()))) sample = a;
            }
            if (sample == null || s.args() == null) continue;
            for (var e : s.args().entrySet()) {
                if (!sample.containsKey(e.getKey()))
                    throw new BadFile(at + ".args." + e.getKey() + ": unknown argument (" + s.call() + " takes "
                            + (sample.isEmpty() ? "no arguments" : String.join(", ", sample.keySet())) + ")");
                Object want = sample.get(e.getKey()), got = e.getValue();
                if (want instanceof Number && !(got instanceof Number)) throw new BadFile(at + ".args." + e.getKey() + ": must be a number");
                if (want instanceof Boolean && !(got instanceof Boolean)) throw new BadFile(at + ".args." + e.getKey() + ": must be true or false");
                if (want instanceof List && !(got instanceof List)) throw new BadFile(at + ".args." + e.getKey() + ": must be an array of numbers");
            }
        }
    }

    /** A version 2 file with a model and property, as the steps replay matches. */
    private static Counterexample version2(Path file, com.fasterxml.jackson.databind.JsonNode tree) {
        try {
            return CounterexampleForm.toCounterexample(ScenarioFile.parse(tree));
        } catch (ScenarioError e) {
            throw new BadFile(file + ": " + e.getMessage());
        }
    }

    /** The file's text, refused in one line when it is not a regular file (/dev/zero) or too large to be a trace. */
    public static String readText(Path file) {
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) throw new BadFile(file + ": not a regular file");
            if (Files.size(file) > MAX_FILE_BYTES)
                throw new BadFile(file + ": " + Files.size(file) + " bytes; a counterexample file is at most " + MAX_FILE_BYTES);
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new BadFile(file + ": no such file");
        } catch (IOException e) {
            throw new BadFile(file + ": cannot read: " + e.getMessage());
        }
    }

    public static Counterexample read(Path file) {
        String text = readText(file);
        try {
            var tree = JSON.readTree(text);
            if (tree == null || !tree.isObject()) throw new BadFile(file + ": not a counterexample (no JSON object)");
            if (ScenarioFile.claims(tree)) return version2(file, tree);
            if (!Counterexample.FORMAT.equals(tree.path("format").asText()))
                throw new BadFile(file + ": not a counterexample (format is not \"" + Counterexample.FORMAT + "\")");
            int version = tree.path("version").asInt(-1);
            if (version != Counterexample.VERSION)
                throw new BadFile(file + ": format version " + version + " is not supported (this nscheck reads version "
                        + Counterexample.VERSION + ")");
            Counterexample cex = JSON.treeToValue(tree, Counterexample.class);
            if (cex.trace() == null || cex.property() == null || cex.property().name() == null || cex.model() == null
                    || cex.variant() == null || cex.initial() == null)
                throw new BadFile(file + ": incomplete counterexample (model, variant, property, initial and trace are required)");
            if (!Counterexample.VIOLATES.equals(cex.expect()) && !Counterexample.HOLDS.equals(cex.expect()))
                throw new BadFile(file + ": expect must be \"" + Counterexample.VIOLATES + "\" or \"" + Counterexample.HOLDS
                        + "\", not " + (cex.expect() == null ? "missing" : "\"" + cex.expect() + "\""));
            for (int i = 0; i < cex.trace().size(); i++) {
                TraceStep s = cex.trace().get(i);
                if (s == null || s.actor() == null || s.call() == null || s.observation() == null)
                    throw new BadFile(file + ": step " + (i + 1) + " of the trace lacks its actor, call or observation");
            }
            return cex;
        } catch (JsonProcessingException e) {
            throw new BadFile(file + ": corrupt counterexample: " + oneLine(e.getOriginalMessage())
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        } catch (IllegalArgumentException e) {
            throw new BadFile(file + ": corrupt counterexample: " + oneLine(e.getMessage()));
        }
    }
}
