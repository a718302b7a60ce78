package nscheck.checkers.engine;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The worker threads of a parallel search ({@link ParallelBfs}, {@link ParallelPackedBfs}), and how
 * the coordinating thread waits for them: daemon threads, so that a search abandoned on Ctrl-C never
 * keeps the JVM alive, shut down when the search ends; and a wait that keeps reporting progress and
 * turns an interrupt into a stop request instead of abandoning work already done.
 */
final class WorkerPool implements AutoCloseable {
    private final ExecutorService pool;

    WorkerPool(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "nscheck-bfs-worker");
            t.setDaemon(true);
            return t;
        });
    }

    <T> Future<T> submit(Callable<T> task) {
        return pool.submit(task);
    }

    /**
     * The result of {@code f}. While waiting, {@code tick} runs every quarter of {@code progressMillis}
     * (never if that is 0); an interrupt runs {@code stop} (the workers see it at their next state)
     * and the wait goes on for what they have. A worker's error or runtime exception is rethrown as is.
     */
    static <T> T await(Future<T> f, long progressMillis, Runnable tick, Runnable stop) {
        while (true) {
            try {
                if (progressMillis <= 0) return f.get();
                return f.get(Math.max(1, progressMillis / 4), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                tick.run();
            } catch (InterruptedException e) {
                stop.run();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error err) throw err;
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
