package nscheck.checkers.cli;

import nscheck.checkers.conform.Probe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** conform's probes as processes: they die with the JVM, and a probe that dies mid-run loses nothing already compared. */
class ProbeLifecycleTest {
    @BeforeAll
    static void root() {
        assumeTrue(Probe.isRoot(), "conform runs against the kernel as root");
    }

    private static List<ProcessHandle> probes(ChildJvm c) {
        return c.process.descendants().filter(p -> p.info().command().orElse("").endsWith("/nsprobe")).toList();
    }

    private static boolean scenariosDone(String err) {
        return err.lines().anyMatch(l -> l.matches("progress: conform [1-9][0-9,]*/.*"));
    }

    @Test
    void killingTheJvmKillsItsProbeAndScenarios() throws Exception {
        try (ChildJvm c = new ChildJvm("conform", "--area", "pidns-basic", "--scenarios", "3000", "--progress", "1")) {
            c.awaitErr(ProbeLifecycleTest::scenariosDone, "a scenario done");
            List<ProcessHandle> tree = c.process.descendants().toList();
            assertFalse(probes(c).isEmpty(), "a probe runs: " + tree);
            c.process.destroyForcibly();
            assertTrue(c.process.waitFor(ChildJvm.WAIT_SECONDS, TimeUnit.SECONDS));
            // PR_SET_PDEATHSIG: the probe gets SIGKILL with its parent, its scenario inits with it. Bounded wait,
            // by ChildJvm's generous bound: a pass never waits long, a loaded machine may take more than seconds.
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(ChildJvm.WAIT_SECONDS);
            while (!tree.stream().allMatch(p -> ChildJvm.gone(p.pid())) && System.nanoTime() < end) Thread.sleep(50);
            assertTrue(tree.stream().allMatch(p -> ChildJvm.gone(p.pid())),
                    "still running after the JVM died: " + tree.stream().filter(p -> !ChildJvm.gone(p.pid())).map(p -> p.pid() + " " + p.info().command().orElse("")).toList());
        }
    }

    @Test
    void aKilledProbeReportsItsScenarioAndKeepsTheResultsSoFar() throws Exception {
        try (ChildJvm c = new ChildJvm("conform", "--area", "pidns-basic", "--scenarios", "3000", "--progress", "1")) {
            c.awaitErr(ProbeLifecycleTest::scenariosDone, "a scenario done");
            List<ProcessHandle> probes = probes(c);
            assertFalse(probes.isEmpty(), "a probe runs");
            probes.forEach(ProcessHandle::destroyForcibly);
            assertEquals(ExitCode.INTERNAL, c.awaitExit(), c.out() + c.err());
            String out = c.out();
            assertTrue(out.startsWith("conformance of mainline"), out);
            assertTrue(out.contains("probe failure in pidns-basic after "), out);
            assertTrue(out.contains("the probe was killed by signal 9 while running scenario "), out);
            String row = out.lines().filter(l -> l.startsWith("pidns-basic ")).findFirst().orElseThrow();
            assertTrue(Integer.parseInt(row.trim().split("\\s+")[1]) > 0, "the scenarios before the crash count: " + row);
            assertFalse(c.err().contains("\tat "), c.err());
        }
    }
}
