package nscheck.checkers.cluster;

import nscheck.checkers.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `check --cluster` set up wrong: one line, exit 2, before any search. */
class ClusterCommandTest {
    private static String[] run(int expected, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(expected, code, out + "\n" + err);
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void noMemberJoiningIsAnErrorOfOneLine() throws Exception {
        String[] r = run(2, "check", "futex-mutex", "--cluster", "lonely-" + UUID.randomUUID(), "--members",
                "127.0.0.1:" + MemberProcesses.freePort(), "--cluster-port", String.valueOf(MemberProcesses.freePort()), "--join-timeout", "1");
        assertTrue(r[1].startsWith("nscheck: cluster: only 0 of 1 members joined cluster lonely-"), r[1]);
        assertEquals(1, r[1].lines().count(), r[1]);
        assertTrue(!r[0].contains("distinct states"), r[0]);
    }

    @Test
    void badClusterOptionsAreUsageErrors() {
        String[] r = run(2, "check", "futex-mutex", "--cluster", "x", "--members", "not an address");
        assertTrue(r[1].contains("--members wants HOST:PORT"), r[1]);
        r = run(2, "check", "futex-mutex", "--embedded-members", "2", "--bitstate", "20");
        assertTrue(r[1].contains("do not combine with --cluster"), r[1]);
    }
}
