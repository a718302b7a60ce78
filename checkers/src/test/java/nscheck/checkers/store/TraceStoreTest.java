package nscheck.checkers.store;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceStoreTest {
    /** A chain longer than several chunks: every path crosses chunk boundaries and comes back whole. */
    @Test
    void pathsCrossChunks() throws Exception {
        TraceStore store = new TraceStore();
        long small = 0;
        int n = 3 * TraceStore.CHUNK + 17;
        for (int i = 0; i < n; i++) {
            assertEquals(i, store.add(i - 1, i % 5));
            if (i == 10) small = store.bytes();
        }
        assertTrue(small <= 2 * 1024 * Integer.BYTES, "a small search keeps a small store");
        int[] path = store.path(n - 1);
        assertEquals(n, path.length);
        for (int i = 0; i < n; i++) assertEquals(i % 5, path[i]);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.writeTo(new DataOutputStream(bytes));
        TraceStore back = TraceStore.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(n, back.size());
        assertArrayEquals(path, back.path(n - 1));
        assertArrayEquals(store.path(TraceStore.CHUNK), back.path(TraceStore.CHUNK));
    }
}
