package nscheck.checkers.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) or SIGTERM during a long run: the JVM runs this hook, which asks the run to
 * stop and then waits for the command to print what it has (partial matrix, agreement table,
 * walks so far) before the JVM exits with 130 or 143 (128 + the signal, the JVM's own status).
 * Commands open one around their run and close it after printing.
 */
final class Interruption implements AutoCloseable {
    /** How long the hook waits for the partial report; a second signal or SIGKILL still ends it at once. */
    static final long REPORT_WAIT_SECONDS = 30;

    private final CountDownLatch reported = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    Interruption(Runnable stop) {
        hook = new Thread(() -> {
            requested = true;
            stop.run();
            try {
                reported.await(REPORT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "nscheck-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** True once a signal asked the run to stop: its report is partial. */
    boolean requested() {
        return requested;
    }

    /** The exit code for a run that ended: 130 when interrupted (the JVM's status is 130 or 143 either way), else {@code code}. */
    int exitCode(int code) {
        return requested ? ExitCode.INTERRUPTED : code;
    }

    /** The report is printed: the JVM may exit now. */
    @Override
    public void close() {
        reported.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: the JVM exits once it returns
        }
    }
}
