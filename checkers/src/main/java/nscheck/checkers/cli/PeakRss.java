package nscheck.checkers.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's peak resident memory (VmHWM in /proc/self/status, Linux): what a run really cost,
 * heap, frontier, garbage and JVM included, beside the bytes per state the state tables hold.
 */
final class PeakRss {
    private PeakRss() {}

    /** Bytes, or -1 where /proc does not say. */
    static long bytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (!line.startsWith("VmHWM:")) continue;
                String[] parts = line.substring(6).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc not mounted: no figure rather than a wrong one
        }
        return -1;
    }
}
