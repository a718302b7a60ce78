package nscheck.checkers.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a run whose unit is counted (compare's runs, conform's scenarios, simulate's
 * walks): a line on stderr every {@code --progress} seconds with the count, the rate and, when
 * the total is known, an ETA. A daemon thread, so it never keeps the JVM alive.
 */
final class ProgressTicker implements AutoCloseable {
    private final Thread thread;
    private volatile boolean done;

    ProgressTicker(PrintWriter err, long periodMillis, String what, String unit, long total, LongSupplier count) {
        long start = System.nanoTime();
        thread = new Thread(() -> {
            while (!done && periodMillis > 0) {
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
                if (done) return;
                synchronized (err) {
                    err.println(line(what, unit, count.getAsLong(), total, (System.nanoTime() - start) / 1e9));
                    err.flush();
                }
            }
        }, "nscheck-progress");
        thread.setDaemon(true);
        if (periodMillis > 0) thread.start();
    }

    /** "progress: compare 12/40 runs, 0.31 runs/s, 39 s, ETA 90 s"; without a total, no ETA. */
    static String line(String what, String unit, long n, long total, double seconds) {
        double rate = seconds > 0 ? n / seconds : 0;
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "progress: %s %,d%s %s, %s %s/s, %.0f s", what, n,
                total > 0 ? String.format(Locale.ROOT, "/%,d", total) : "", unit, rate >= 10 ? String.format(Locale.ROOT, "%,.0f", rate)
                        : String.format(Locale.ROOT, "%.2f", rate), unit, seconds));
        if (total > 0) b.append(rate > 0 ? String.format(Locale.ROOT, ", ETA %.0f s", Math.max(0, total - n) / rate) : ", ETA unknown");
        return b.toString();
    }

    @Override
    public void close() {
        done = true;
        thread.interrupt();
    }
}
