package nscheck.spec;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.state.UsedNumbers;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * UsedNumbers answers as Kernel#numberInUse for every number of every namespace (alloc_pid's
 * search asks it instead, P3): a task's PID, a group whose leader was reaped, a kernel thread's,
 * numbers past the mask's 64 and 0.
 */
class UsedNumbersTest {
    @Test
    void inUseIsNumberInUseForEveryNumber() {
        SpecRun r = new SpecRun(new Semantics(Mainline.INSTANCE, new Limits(6, 2, 80, 3)));
        r.value(0, new Syscall.WriteNsLastPid(60));
        long t1 = r.pid(0, new Syscall.Clone(0));                     // T1, a number near the mask's end
        r.value(1, new ProcessCall.Setpgid());                          // a group named by T1's number
        r.pid(1, new Syscall.Clone(0));                                 // T2, in that group
        r.call(1, new Syscall.Exit(0));
        r.pid(0, new Syscall.Wait((int) t1));                           // T1 reaped: its group's number stays in use
        r.pid(0, new Syscall.Clone(CloneFlags.CLONE_NEWPID));           // a namespace and its init
        r.pid(0, new Syscall.Clone(0));                                 // numbered 64 and up in init_pid_ns
        assertAgrees(r.k);
    }

    private static void assertAgrees(Kernel k) {
        for (int ns = 0; ns < k.nsSlots(); ns++) {
            if (k.ns(ns) == null) continue;
            long held = UsedNumbers.heldByTasks(k, ns);
            for (int nr = -1; nr <= 90; nr++)
                assertEquals(k.numberInUse(ns, nr), UsedNumbers.inUse(k, held, ns, nr), "ns " + ns + ", number " + nr + " in " + k);
        }
    }
}
