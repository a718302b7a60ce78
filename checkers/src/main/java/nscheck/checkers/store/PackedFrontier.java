package nscheck.checkers.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One BFS level of packed states, as fixed-size segments: workers fill segments of their own
 * and hand them over whole (one lock per {@value #SEGMENT} states), a segment is the unit of
 * work of the next level, and a processed segment is dropped at once so that a level's memory
 * is freed while the next one fills.
 *
 * <p>Disk-backed when given a memory budget: once a level holds that many bytes in memory, further
 * segments are appended to a temporary file and read back when their turn comes (TLC keeps its
 * queue on disk the same way). A level is read front to back, so the disk is used sequentially;
 * the visited set stays in memory (or is bitstate, {@link BitstateSet}, for spaces beyond that).
 */
public final class PackedFrontier implements AutoCloseable {
    public static final int SEGMENT = 4096;

    private final long memoryBudget;
    private final Path spillDirectory;
    private final List<long[]> segments = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();
    /** File offset of each spilled segment, -1 for one in memory. */
    private final List<Long> offsets = new ArrayList<>();
    private long size;
    private long memoryBytes;
    private FileChannel file;
    private Path filePath;
    private long fileBytes;

    /** A level kept wholly in memory. */
    public PackedFrontier() {
        this(Long.MAX_VALUE, null);
    }

    /** A level that keeps at most {@code memoryBudget} bytes in memory and writes the rest to a file in {@code spillDirectory}. */
    public PackedFrontier(long memoryBudget, Path spillDirectory) {
        this.memoryBudget = memoryBudget;
        this.spillDirectory = spillDirectory;
    }

    public synchronized void add(long[] segment, int length) {
        if (length == 0) return;
        long need = (long) segment.length * Long.BYTES;
        if (spillDirectory != null && memoryBytes + need > memoryBudget) {
            offsets.add(spill(segment, length));
            segments.add(null);
        } else {
            offsets.add(-1L);
            segments.add(segment);
            memoryBytes += need;
        }
        lengths.add(length);
        size += length;
    }

    private long spill(long[] segment, int length) {
        try {
            if (file == null) {
                filePath = Files.createTempFile(spillDirectory, "nscheck-frontier-", ".bin");
                file = FileChannel.open(filePath, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        StandardOpenOption.DELETE_ON_CLOSE);
            }
            ByteBuffer buf = ByteBuffer.allocate(length * Long.BYTES);
            buf.asLongBuffer().put(segment, 0, length);
            long at = fileBytes;
            while (buf.hasRemaining()) file.write(buf, at + buf.position());
            fileBytes += (long) length * Long.BYTES;
            return at;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the search frontier to " + spillDirectory + ": " + e.getMessage(), e);
        }
    }

    public int segmentCount() {
        return segments.size();
    }

    /** The states of segment {@code i} (read back from the file if it was spilled). Many threads may read at once. */
    public long[] segment(int i) {
        long[] s = segments.get(i);
        if (s != null) return s;
        int length = lengths.get(i);
        try {
            ByteBuffer buf = ByteBuffer.allocate(length * Long.BYTES);
            long at = offsets.get(i);
            while (buf.hasRemaining()) {
                if (file.read(buf, at + buf.position()) < 0) throw new IOException("frontier file is shorter than written");
            }
            buf.flip();
            long[] out = new long[length];
            buf.asLongBuffer().get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the search frontier back from " + filePath + ": " + e.getMessage(), e);
        }
    }

    public int length(int i) {
        return lengths.get(i);
    }

    /** Lets the garbage collector have segment {@code i}: it has been expanded. */
    public void release(int i) {
        segments.set(i, null);
    }

    public synchronized long size() {
        return size;
    }

    /** Memory the level takes (its spilled part is on disk: {@link #diskBytes()}). */
    public synchronized long bytes() {
        return memoryBytes;
    }

    public synchronized long diskBytes() {
        return fileBytes;
    }

    /** Deletes the spill file, if any. */
    @Override
    public synchronized void close() {
        if (file == null) return;
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            file = null;
        }
    }
}
