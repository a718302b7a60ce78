package nscheck.checkers.cli;

import nscheck.checkers.golden.GoldenCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14's promise for {@code --checkpoint}: a {@code kill -9} loses at most what was computed
 * since the last checkpoint. A child JVM checks a model with a checkpoint at every level and is
 * killed once it has saved the middle of its search; {@code check --resume} then ends with exactly
 * the counts of an uninterrupted run (the pinned ones of model/golden-counts.json).
 */
class KilledCheckResumesTest {
    private static final String MODEL = "pidns-basic";
    /** Of its 23 levels: early, so that the child is surely still searching when the kill lands, and most of the search is the resumed run's. */
    private static final int KILL_AFTER_DEPTH = 3;

    @TempDir
    Path tmp;

    @Test
    void aCheckKilledAfterACheckpointResumesToTheUninterruptedCounts() throws Exception {
        GoldenCounts.Run pinned = GoldenCounts.read(Path.of("..").resolve(GoldenCounts.FILE)).stream()
                .filter(r -> r.model().equals(MODEL) && r.variant().equals("mainline") && r.symmetry() != null).findFirst().orElseThrow(); // check reduces by default
        Path dir = tmp.resolve("checkpoint");
        int killedAt;
        // The child runs interpreted (-Xint): it reaches depth 3 as soon (no compiler threads beside it) and takes
        // about 5 times as long over the other 20 levels (here 10 s instead of 2), so that the kill lands in the
        // middle of the search on a machine much faster than this one, not after a search that outran the 10 ms polling.
        try (ChildJvm child = new ChildJvm(java.util.List.of("-Xmx1g", "-Xint"), "check", MODEL, "--checkpoint", dir.toString(), "--checkpoint-interval", "0",
                "--progress", "0", "--out", tmp.resolve("first").toString())) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(ChildJvm.WAIT_SECONDS);
            while ((killedAt = savedDepth(dir)) < KILL_AFTER_DEPTH && System.nanoTime() < end) {
                assertTrue(child.process.isAlive(), "the child ended before a checkpoint at depth " + KILL_AFTER_DEPTH + "\n" + child.out() + child.err());
                Thread.sleep(10);
            }
            child.signal("KILL");
            assertEquals(128 + 9, child.awaitExit(), "killed by SIGKILL, not finished\n" + child.out());
        }
        assertTrue(killedAt >= KILL_AFTER_DEPTH, "a checkpoint at depth " + KILL_AFTER_DEPTH + " was written");
        CliTest.Run resumed = CliTest.nscheck("check", "--resume", dir.toString(), "--progress", "0", "--out", tmp.resolve("resumed").toString());
        assertEquals(0, resumed.code(), resumed.err());
        String counts = String.format("%,d distinct states, %,d generated, depth %d,", pinned.distinct(), pinned.generated(), pinned.depth());
        assertTrue(resumed.out().contains(counts), "expected " + counts + "\n" + resumed.out());
    }

    /** The depth the last complete checkpoint in {@code dir} was saved at (its header: magic, identity, depth); -1 if none. */
    private static int savedDepth(Path dir) {
        Path file = dir.resolve("search.bin");
        if (!Files.isRegularFile(file)) return -1;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            in.readUTF();
            in.readUTF();
            return in.readInt();
        } catch (IOException e) {
            return -1; // replaced while read: look again
        }
    }
}
