package nscheck.checkers.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One BFS level of object states as the bytes {@link StateCodec} makes of them, back to back in
 * large blocks: a state costs its packed size plus eight bytes of index, instead of its object
 * graph. Appended by one thread; read by any number once the level is complete. A state's bytes
 * never span two blocks, so a reader decodes in place.
 *
 * <p>Disk-backed when given a memory budget, as {@link PackedFrontier} is for packed states: once
 * the level holds that many bytes, each block that fills is written to a temporary file and
 * dropped, and read back (a few blocks cached) when the search reaches it. Levels are read front
 * to back, so the disk is used sequentially.
 */
public final class EncodedFrontier implements AutoCloseable {
    private static final int BLOCK = 1 << 20;
    private static final int CACHED_BLOCKS = 4;

    private final long memoryBudget;
    private final Path spillDirectory;
    private final List<byte[]> blocks = new ArrayList<>();
    /** Per block: its length, and its offset in the file (-1 while in memory). */
    private int[] lengths = new int[16];
    private final List<Long> fileOffsets = new ArrayList<>();
    private byte[] block = new byte[0];
    private int used;
    /** Per state: block index in the high 32 bits, offset in the low 32. */
    private long[] where = new long[1024];
    private int size;
    private long memoryBytes;
    private FileChannel file;
    private Path filePath;
    private long fileBytes;
    private final Map<Integer, byte[]> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, byte[]> eldest) {
            return size() > CACHED_BLOCKS;
        }
    };

    /** A level kept wholly in memory. */
    public EncodedFrontier() {
        this(Long.MAX_VALUE, null);
    }

    /** A level that keeps about {@code memoryBudget} bytes in memory and writes the rest to a file in {@code spillDirectory}. */
    public EncodedFrontier(long memoryBudget, Path spillDirectory) {
        this.memoryBudget = memoryBudget;
        this.spillDirectory = spillDirectory;
    }

    public int size() {
        return size;
    }

    /** Appends the state {@code sink} holds. */
    public void add(ByteSink sink) {
        add(sink.buf, 0, sink.size);
    }

    public void add(byte[] state) {
        add(state, 0, state.length);
    }

    /** Appends the state {@code src[from, from + length)}. */
    public void add(byte[] src, int from, int length) {
        if (used + length > block.length) {
            if (!blocks.isEmpty()) finishBlock();
            // Small levels stay small: blocks double from 4 KiB up to 1 MiB.
            block = new byte[Math.max(Math.min(BLOCK, Math.max(4096, block.length * 2)), length)];
            blocks.add(block);
            if (blocks.size() > lengths.length) lengths = Arrays.copyOf(lengths, lengths.length * 2);
            fileOffsets.add(-1L);
            used = 0;
            memoryBytes += block.length;
        }
        System.arraycopy(src, from, block, used, length);
        if (size == where.length) where = Arrays.copyOf(where, size * 2);
        where[size++] = (long) (blocks.size() - 1) << 32 | used;
        used += length;
        lengths[blocks.size() - 1] = used; // an int[], not a List: no boxed Integer per state
    }

    /** The block being filled is full: past the budget, it goes to the file. */
    private void finishBlock() {
        int b = blocks.size() - 1;
        if (spillDirectory == null || memoryBytes <= memoryBudget) return;
        try {
            if (file == null) {
                filePath = Files.createTempFile(spillDirectory, "nscheck-level-", ".bin");
                filePath.toFile().deleteOnExit();
                file = FileChannel.open(filePath, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            ByteBuffer buf = ByteBuffer.wrap(block, 0, used);
            long at = fileBytes;
            while (buf.hasRemaining()) fileBytes += file.write(buf, fileBytes);
            fileOffsets.set(b, at);
            blocks.set(b, null);
            memoryBytes -= block.length;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the frontier to " + spillDirectory, e);
        }
    }

    /** A reader positioned at state {@code i}. */
    public ByteSource state(int i) {
        long w = where[i];
        return new ByteSource(block((int) (w >>> 32)), (int) w);
    }

    private byte[] block(int b) {
        byte[] inMemory = blocks.get(b);
        if (inMemory != null) return inMemory;
        synchronized (cache) {
            byte[] cached = cache.get(b);
            if (cached != null) return cached;
            byte[] read = new byte[lengths[b]];
            try {
                ByteBuffer buf = ByteBuffer.wrap(read);
                long at = fileOffsets.get(b);
                while (buf.hasRemaining()) {
                    int n = file.read(buf, at + buf.position());
                    if (n < 0) throw new IOException("frontier file ends early");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the frontier back from " + filePath, e);
            }
            cache.put(b, read);
            return read;
        }
    }

    /** For a checkpoint: every state's bytes, in order. */
    public void writeTo(java.io.DataOutputStream out) throws IOException {
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            int b = (int) (where[i] >>> 32), from = (int) where[i];
            int to = i + 1 < size && (int) (where[i + 1] >>> 32) == b ? (int) where[i + 1] : lengths[b];
            out.writeInt(to - from);
            out.write(block(b), from, to - from);
        }
    }

    /** Appends the states {@link #writeTo} wrote. */
    public void readFrom(java.io.DataInputStream in) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            byte[] state = new byte[in.readInt()];
            in.readFully(state);
            add(state);
        }
    }

    /** The memory this level holds. */
    public long bytes() {
        return memoryBytes + (long) where.length * Long.BYTES;
    }

    /** Bytes of this level on disk. */
    public long spilledBytes() {
        return fileBytes;
    }

    /** Deletes the level's file, if it has one. */
    @Override
    public void close() {
        if (file == null) return;
        try {
            file.close();
            Files.deleteIfExists(filePath);
        } catch (IOException e) {
            // A temporary file left behind is deleted on exit; nothing computed is lost.
        } finally {
            file = null;
        }
    }
}
