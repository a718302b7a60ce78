package nscheck.checkers.cluster;

import nscheck.checkers.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A member killed (kill -9) in the middle of a search: its share of the visited set is gone, so
 * the run ends with one line and exit 3, never with a count. Three members: two in the check's
 * JVM, the one that is killed in a JVM of its own.
 */
class ClusterMemberLossTest {
    @Test
    void aMemberKilledMidRunEndsTheRunWithOneLineAndNoCounts() throws Exception {
        try (MemberProcesses members = new MemberProcesses(1, "256m")) {
            StringWriter out = new StringWriter();
            StringBuffer err = new StringBuffer();
            PrintWriter errWriter = new PrintWriter(new java.io.Writer() {
                @Override
                public void write(char[] c, int off, int len) {
                    err.append(c, off, len);
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            }, true);
            // The member is killed after the first progress line, which comes only once a level outlasts the
            // coordinator's 200 ms poll and a second has passed: pidns-init-death (7 s here, the first line at 2 s)
            // could end before that on a fast machine. pidns-large's 1,673,193 states take minutes and its middle
            // levels seconds each on any machine, so the line comes and the run is still going when the kill lands.
            String[] args = {"check", "pidns-large", "--cluster", members.cluster, "--members", String.join(",", members.addresses),
                    "--embedded-members", "2", "--cluster-size", "3", "--cluster-port", String.valueOf(MemberProcesses.freePort()), "--progress", "1", "--no-minimize",
                    "--out", System.getProperty("java.io.tmpdir")};
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.run(args, new PrintWriter(out, true), errWriter));
            long deadline = System.currentTimeMillis() + 120_000;
            while (!err.toString().contains("progress:") && !run.isDone() && System.currentTimeMillis() < deadline) Thread.sleep(100);
            assertFalse(run.isDone(), "the search ended before a member could be killed:\n" + out + err);
            members.kill(0);
            int code = run.get(120, TimeUnit.SECONDS);
            assertEquals(3, code, out + "\n" + err);
            String last = err.toString().lines().filter(l -> !l.startsWith("progress:")).reduce((a, b) -> b).orElse("");
            assertTrue(last.startsWith("nscheck: cluster: member 127.0.0.1:") && last.contains("left the cluster mid-run"), err.toString());
            assertFalse(out.toString().contains("distinct states"), "no count after a lost member:\n" + out);
        }
    }
}
