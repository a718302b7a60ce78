package nscheck.checkers.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What `check --checkpoint DIR` was asked, saved as DIR/run.properties, so that `check --resume DIR`
 * rebuilds the same model with the same options (the engine's own file, search.bin, refuses any
 * other model).
 */
record CheckpointRun(String model, String variant, Map<String, Integer> overrides, boolean continuing, Integer bitstateLog2, boolean noSymmetry) {
    static final String FILE = "run.properties";

    static void write(Path dir, CheckpointRun run) throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("model", run.model);
        if (run.variant != null) p.setProperty("variant", run.variant);
        run.overrides.forEach((k, v) -> p.setProperty("set." + k, Integer.toString(v)));
        p.setProperty("continue", Boolean.toString(run.continuing));
        if (run.noSymmetry) p.setProperty("no-symmetry", "true");
        if (run.bitstateLog2 != null) p.setProperty("bitstate", Integer.toString(run.bitstateLog2));
        try (Writer w = Files.newBufferedWriter(dir.resolve(FILE))) {
            p.store(w, "nscheck check --checkpoint: the run to resume with nscheck check --resume " + dir);
        }
    }

    static CheckpointRun read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) throw new UsageError("--resume " + dir + ": no checkpoint there (" + FILE + " is missing)");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageError("--resume " + dir + ": cannot read " + FILE + ": " + e.getMessage());
        }
        String model = p.getProperty("model");
        if (model == null) throw new UsageError("--resume " + dir + ": " + FILE + " names no model");
        Map<String, Integer> overrides = new LinkedHashMap<>();
        try {
            for (String k : p.stringPropertyNames())
                if (k.startsWith("set.")) overrides.put(k.substring(4), Integer.parseInt(p.getProperty(k)));
            String bits = p.getProperty("bitstate");
            return new CheckpointRun(model, p.getProperty("variant"), overrides, Boolean.parseBoolean(p.getProperty("continue")),
                    bits == null ? null : Integer.valueOf(bits), Boolean.parseBoolean(p.getProperty("no-symmetry")));
        } catch (NumberFormatException e) {
            throw new UsageError("--resume " + dir + ": " + FILE + " is damaged: " + e.getMessage());
        }
    }
}
