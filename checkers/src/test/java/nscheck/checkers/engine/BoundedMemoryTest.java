package nscheck.checkers.engine;

import nscheck.checkers.store.BitstateSet;
import nscheck.checkers.store.ByteSink;
import nscheck.checkers.store.EncodedFrontier;
import nscheck.checkers.store.StateCodec;
import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bitstate and the disk-backed frontier work for every model, kernel models included: with room to
 * spare the bitstate search and the spilling search find exactly what the exact in-memory search
 * finds, trace for trace; and no worker ever counts a state twice in a bitstate set.
 */
class BoundedMemoryTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({
            "pidns-basic,      ",
            "pidns-init-death, seeded-shallow-zap",
            "futex-robust,     ",
            "ipc-sem,          ",
    })
    void aKernelModelUnderBitstateOrASpillingFrontierFindsWhatTheExactSearchFinds(String model, String variant) throws Exception {
        Model<?, ?> m = ModelCatalog.find(model).build(Map.of(), variant);
        CheckOptions o = CheckOptions.defaults().quiet();
        CheckResult<?, ?> exact = new ParallelBfs<>(m, o, Progress.NONE, 2).run();
        CheckResult<?, ?> bitstate = new ParallelBfs<>(m, o, Progress.NONE, 2, new StateStorage(new BitstateSet(24), -1, null)).run();
        ParallelBfsTest.assertSame(exact, bitstate);
        CheckResult<?, ?> spilled = new ParallelBfs<>(m, o, Progress.NONE, 2, new StateStorage(null, 0, tmp)).run();
        ParallelBfsTest.assertSame(exact, spilled);
        CheckResult<?, ?> both = new Bfs<>(m, o, Progress.NONE, new StateStorage(new BitstateSet(24), 0, tmp)).run();
        ParallelBfsTest.assertSame(exact, both);
        try (var left = Files.list(tmp)) {
            assertEquals(0, left.count(), "every level's file is deleted once read");
        }
    }

    @Test
    void aSpilledLevelReadsBackEveryState() {
        StateCodec codec = new StateCodec();
        List<List<Integer>> states = new ArrayList<>();
        try (EncodedFrontier level = new EncodedFrontier(0, tmp)) {
            ByteSink sink = new ByteSink(64);
            for (int i = 0; i < 200_000; i++) {
                List<Integer> s = List.of(i, -i, i % 7);
                states.add(s);
                sink.reset();
                codec.encode(s, sink);
                level.add(sink);
            }
            assertTrue(level.spilledBytes() > 0, "a zero budget sends full blocks to disk");
            for (int i = states.size() - 1; i >= 0; i -= 997) assertEquals(states.get(i), codec.decode(level.state(i)));
        }
    }

    /** The bug this replaced: two workers tested the bits, then both set them, and both counted the state. */
    @Test
    void workersAddingTheSameStatesCountEachOnceInTotal() throws Exception {
        int keys = 300_000;
        for (int round = 0; round < 5; round++) {
            BitstateSet bits = new BitstateSet(32);
            AtomicLong fresh = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                threads.add(new Thread(() -> {
                    long mine = 0;
                    for (long k = 0; k < keys; k++) if (bits.add(k * 0x9E3779B97F4A7C15L + 1)) mine++;
                    fresh.addAndGet(mine);
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) t.join();
            assertTrue(fresh.get() <= keys, "counted " + fresh.get() + " of " + keys + " states");
            assertTrue(fresh.get() >= keys - 1, "2^32 bits miss at most a state of " + keys + ": " + fresh.get());
        }
    }
}
