package nscheck.checkers.conform;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The vetted host calls (Probe#hostKernelThreads, nsprobe --host-kthreads): what each call does
 * when it names kthreadd from an unprivileged caller, as kernel/signal.c, kernel/exit.c,
 * kernel/sys.c, kernel/futex/pi.c, kernel/pid.c and kernel/nsproxy.c say (issue 13 part 2).
 * The list is fixed: a change to it shows here.
 */
class HostKernelThreadsTest {
    @Test
    void kthreaddAnswersAnUnprivilegedCallerAsTheKernelSourceSays() {
        assumeTrue(Probe.isRoot(), "the kernel runner needs root (it maps the caller's user namespace)");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("kill(2, 0)", "= -1 EPERM");                           // kill_ok_by_cred: kuid 0, no CAP_KILL in init_user_ns
        expected.put("waitpid(2, WNOHANG)", "= -1 ECHILD");                 // not the caller's child (its parent is the idle task, ppid 0)
        expected.put("getpgid(2)", "= 0");                                  // init_struct_pid of the idle task
        expected.put("getsid(2)", "= 0");
        expected.put("futex(FUTEX_TRYLOCK_PI, owner 2)", "= -1 EPERM");     // attach_to_pi_owner: PF_KTHREAD
        expected.put("pidfd_open(2)", "= 0");                               // pidfd_prepare has no PF_KTHREAD check
        expected.put("waitid(P_PIDFD, WEXITED|WNOHANG)", "= -1 ECHILD");
        expected.put("setns(pidfd(2), CLONE_NEWPID)", "= -1 EPERM");        // ptrace_may_access: root's task, no CAP_SYS_PTRACE
        Probe probe = Probe.build();
        Map<String, String> seen;
        try {
            seen = probe.hostKernelThreads();
        } catch (ProbeUnavailable e) {
            assumeTrue(false, e.getMessage()); // in a container PID 2 is not kthreadd
            return;
        }
        assertEquals(expected, seen);
    }
}
