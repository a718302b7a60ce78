package nscheck.futex;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waits of the two-thread tests for another thread to reach a state (asleep in the futex table,
 * finished). A correct mutex gets there in microseconds of CPU; the bound is only there so that a
 * broken one fails with a diagnostic instead of hanging the build, and is generous enough never
 * to fire on a correct one however loaded the machine (no test asserts a timing).
 */
final class Await {
    static final long BOUND_SECONDS = 300;

    private Await() {}

    /** Until {@code condition} holds; else fails with {@code what}, the other thread's stack and {@code state}. */
    static void until(BooleanSupplier condition, String what, Thread other, Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) fail(diagnostic(what, other, state));
            Thread.sleep(1);
        }
    }

    /** Until {@code t} has finished; else fails with {@code what}, its stack and {@code state}. */
    static void joined(Thread t, String what, Supplier<String> state) throws InterruptedException {
        t.join(TimeUnit.SECONDS.toMillis(BOUND_SECONDS));
        if (t.isAlive()) fail(diagnostic(what, t, state));
    }

    private static String diagnostic(String what, Thread t, Supplier<String> state) {
        StringBuilder b = new StringBuilder(what).append(" (not within ").append(BOUND_SECONDS).append(" s); ")
                .append(state.get()).append("; ").append(t.getName()).append(" is ").append(t.getState());
        for (StackTraceElement e : t.getStackTrace()) b.append("\n    at ").append(e);
        return b.toString();
    }
}
