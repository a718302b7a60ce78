package nscheck.checkers.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a subcommand writes its files, checked before the search starts: a violation found after
 * an hour must not end in "cannot write" (issue 15: `--out /proc/x`, `--out FILE`).
 */
final class OutDir {
    private OutDir() {}

    /** The directory exists afterwards only if it existed before; a test file proves it is writable. */
    static Path checkDirectory(Path dir, String option) {
        if (Files.exists(dir) && !Files.isDirectory(dir))
            throw new UsageError(option + " " + dir + " is a file; it needs a directory (counterexample files go into it)");
        List<Path> created = new ArrayList<>();
        try {
            for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) created.add(p);
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".nscheck-write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new UsageError(option + " " + dir + " is not a writable directory (" + reason(e) + ")");
        } finally {
            for (Path p : created) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // not empty or not ours any more: leave it
                }
            }
        }
        return dir;
    }

    /** A file to be written: its directory must be writable and the path itself not a directory. */
    static Path checkFile(Path file, String option) {
        if (Files.isDirectory(file))
            throw new UsageError(option + " " + file + " is a directory; it needs a file name (or use --out DIR)");
        Path parent = file.toAbsolutePath().getParent();
        checkDirectory(parent, option);
        if (Files.exists(file) && !Files.isWritable(file)) throw new UsageError(option + " " + file + " is not writable");
        return file;
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        return m == null ? kind : kind + ": " + m;
    }
}
