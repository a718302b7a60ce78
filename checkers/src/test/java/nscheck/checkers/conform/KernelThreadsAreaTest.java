package nscheck.checkers.conform;

import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The conform area kthreads: the spec booted with kthreadd against the probe's vetted host calls (issue 13 part 2). */
class KernelThreadsAreaTest {
    private static final int PID_MAX = 4194304;

    @Test
    void theCasesVaryOnlyModeAndLettersOfTheFixedTable() {
        List<KernelThreadsArea.Case> cases = KernelThreadsArea.cases(40, 1);
        assertEquals(40, cases.size());
        assertEquals(40, new HashSet<>(cases).size(), "distinct");
        for (KernelThreadsArea.Case c : cases) {
            assertTrue(c.mode() >= 0 && c.mode() < KernelThreadsArea.MODES, c.toString());
            assertTrue(!c.calls().isEmpty() && c.calls().length() <= 16, c.toString());
            for (char l : c.calls().toCharArray()) assertTrue(KernelThreadsArea.CALLS.indexOf(l) >= 0, c.toString());
        }
        for (int m = 0; m < KernelThreadsArea.MODES; m++)
            for (char l : KernelThreadsArea.CALLS.toCharArray())
                assertTrue(cases.contains(new KernelThreadsArea.Case(m, String.valueOf(l))), "every call alone under every caller");
    }

    /** KT2-KT5 for a caller with no capability over the host: every call is refused, none touches kthreadd. */
    @Test
    void theSpecPredictsRefusalsForEveryCaller() {
        for (int m = 0; m < KernelThreadsArea.MODES; m++)
            assertEquals(List.of("= -1 EPERM", "= -1 EPERM", "= -1 EPERM", "= -1 ECHILD", "= -1 EPERM", "= -1 EPERM", "= -1 EPERM"),
                    KernelThreadsArea.predict(Mainline.INSTANCE, PID_MAX, 1, new KernelThreadsArea.Case(m, "kKqwtst")), "mode " + m);
        // Booted without kernel threads, PID 2 is the caller itself: the area can fail.
        assertEquals("= 0", KernelThreadsArea.predict(Mainline.INSTANCE, PID_MAX, 0, new KernelThreadsArea.Case(0, "k")).get(0));
    }

    @Test
    void theKernelAgreesAndASpecWithoutKernelThreadsDoesNot() {
        assumeTrue(Probe.isRoot(), "the kernel runner needs root (it maps the caller's user namespace)");
        Probe probe = Probe.build();
        try {
            probe.hostKernelThreads(0, "k");
        } catch (ProbeUnavailable e) {
            assumeTrue(false, e.getMessage()); // in a container PID 2 is not kthreadd
        }
        AreaResult r = KernelThreadsArea.run(Mainline.INSTANCE, probe, 40, 1);
        assertTrue(r.complete(), r.toString());
        assertEquals(40, r.scenarios());
        assertEquals(List.of(), r.mismatches());
        assertEquals(r.scenarios(), r.agreed());
        AreaResult off = KernelThreadsArea.run(Mainline.INSTANCE, probe, 6, 1, 0);
        assertFalse(off.mismatches().isEmpty(), "a spec booted without kernel threads must disagree");
    }
}
