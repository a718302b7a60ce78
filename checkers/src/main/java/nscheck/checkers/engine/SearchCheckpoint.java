package nscheck.checkers.engine;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The file a checkpointed search saves itself in, {@value #FILE} in the checkpoint directory: the
 * model it searches (name, variant, bounds, to refuse resuming another), the counters, the
 * coverage, the codec's component table, the visited set, the trace store and the level about to
 * be expanded. Written to a temporary file and renamed over the previous one, so a kill at any
 * moment leaves the last complete checkpoint in place.
 */
final class SearchCheckpoint {
    static final String FILE = "search.bin";
    private static final String MAGIC = "nscheck search checkpoint 1";

    private SearchCheckpoint() {}

    /** What identifies the search, so that a checkpoint is never resumed under another model. */
    static String identity(nscheck.model.Model<?, ?> model) {
        return model.name() + " | " + model.variant() + " | " + model.bounds() + (model.symmetry() == null ? "" : " | symmetry: " + model.symmetry());
    }

    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    interface Reader {
        void read(DataInputStream in) throws IOException;
    }

    static void save(Path directory, String identity, Body body) throws IOException {
        Files.createDirectories(directory);
        Path tmp = Files.createTempFile(directory, "search-", ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeUTF(MAGIC);
            out.writeUTF(identity);
            body.write(out);
        }
        Files.move(tmp, directory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void load(Path directory, String identity, Reader reader) throws IOException {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) throw new IOException("no checkpoint in " + directory + " (" + FILE + " is missing)");
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (!MAGIC.equals(in.readUTF())) throw new IOException(file + " is not an nscheck checkpoint");
            String saved = in.readUTF();
            if (!saved.equals(identity)) throw new IOException("the checkpoint in " + directory + " is of " + saved + ", not " + identity);
            reader.read(in);
        }
    }
}
