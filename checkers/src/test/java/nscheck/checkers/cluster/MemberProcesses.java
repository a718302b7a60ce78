package nscheck.checkers.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Cluster members in separate JVMs on this machine ({@code nscheck member}, from the test
 * classpath), each with a small heap, as a user starts them on real hosts.
 */
final class MemberProcesses implements AutoCloseable {
    final String cluster = "nscheck-test-" + UUID.randomUUID();
    final List<String> addresses = new ArrayList<>();
    final List<Process> processes = new ArrayList<>();

    MemberProcesses(int count, String heap) throws IOException, InterruptedException {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) ports.add(freePort());
        for (int p : ports) addresses.add("127.0.0.1:" + p);
        String java = System.getProperty("java.home") + "/bin/java";
        for (int p : ports) {
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx" + heap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    "nscheck.checkers.cli.Main", "member", "--cluster", cluster, "--port", String.valueOf(p),
                    "--interface", "127.0.0.1", "--members", String.join(",", addresses));
            pb.redirectErrorStream(true);
            processes.add(pb.start());
        }
        for (Process p : processes) awaitReady(p);
    }

    private static void awaitReady(Process p) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = in.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.contains("ready")) {
                // Keep draining, so a chatty member never blocks on a full pipe.
                Thread t = new Thread(() -> {
                    try {
                        while (in.readLine() != null) { /* drained */ }
                    } catch (IOException closed) {
                        // the member was stopped
                    }
                }, "member-output");
                t.setDaemon(true);
                t.start();
                return;
            }
        }
        throw new IllegalStateException("member exited before it was ready:\n" + seen);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Kills member {@code i} as kill -9 would: no goodbye to the others. */
    void kill(int i) throws InterruptedException {
        processes.get(i).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) p.destroy();
        for (Process p : processes) if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
    }
}
