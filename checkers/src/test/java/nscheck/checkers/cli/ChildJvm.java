package nscheck.checkers.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * nscheck in a child JVM, for what only a separate process shows: signals and processes that must
 * die with it. Its stdout and stderr are collected as they come; every wait is bounded.
 */
final class ChildJvm implements AutoCloseable {
    /** Generous: the machine is shared and slow under load; a pass never waits this long. */
    static final long WAIT_SECONDS = 180;

    final Process process;
    private final StringBuffer out = new StringBuffer(), err = new StringBuffer();
    private final Thread outPump, errPump;

    ChildJvm(String... args) throws IOException {
        this(List.of("-Xmx1g"), args);
    }

    /** With JVM options of its own (a small heap, a system property). */
    ChildJvm(List<String> jvmOptions, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        // A shell that started the build in the background may have set SIGINT to ignored, and an
        // ignored SIGINT stays ignored across exec (the JVM then installs no handler): reset it.
        if (envResetsSignals()) cmd.addAll(List.of("env", "--default-signal=INT,TERM"));
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        process = new ProcessBuilder(cmd).start();
        outPump = pump(process.getInputStream(), out);
        errPump = pump(process.getErrorStream(), err);
    }

    private static boolean envResetsSignals() {
        try {
            Process p = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Thread pump(InputStream in, StringBuffer into) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            int n;
            try {
                while ((n = in.read(buf)) > 0) into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process is gone
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** Waits until stderr satisfies {@code condition}, or fails after WAIT_SECONDS. */
    void awaitErr(Predicate<String> condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.test(err()) && System.nanoTime() < end) {
            assertTrue(process.isAlive() || condition.test(err()), what + ": the child ended first\n" + out() + err());
            Thread.sleep(50);
        }
        assertTrue(condition.test(err()), what + " within " + WAIT_SECONDS + " s\n" + err());
    }

    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(WAIT_SECONDS, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name);
    }

    int awaitExit() throws InterruptedException {
        assertTrue(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the child exits within " + WAIT_SECONDS + " s\n" + out() + err());
        // The pumps may still be copying the last bytes: they end at end of file, once the child and
        // anything it started have closed its stdout and stderr (a fixed pause was a guess a loaded machine could miss).
        outPump.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        errPump.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        return process.exitValue();
    }

    /** A process that is gone or a zombie no longer runs anything. */
    static boolean gone(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
