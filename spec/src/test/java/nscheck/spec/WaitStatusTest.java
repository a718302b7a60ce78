package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Signals;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Wait status (kernel/exit.c wait_task_zombie; issue 19 item 3): exit(n) reads back as
 * WEXITSTATUS n and CLD_EXITED, a fatal signal as WTERMSIG and CLD_KILLED, also for a task the
 * death of its namespace's init killed (zap_pid_ns_processes).
 */
class WaitStatusTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10));
    private static final Syscall FORK = new Syscall.Clone(0);
    private static Syscall waitid(ProcessCall.Waitid.Field f) {
        return new ProcessCall.Waitid(ProcessCall.Waitid.P_ALL, 0, f);
    }

    @Test
    void exitAndSignalsReadBackThroughWaitpid() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(1, FORK);                                    // T2 = 3
        r.call(2, new Syscall.Exit(3));
        assertEquals(0x300, r.value(1, new ProcessCall.WaitStatus(3)));
        r.value(1, FORK);                                    // T2 = 4
        r.value(1, new Syscall.Kill(4, Signals.SIGTERM));
        r.call(2, new Syscall.SignalDelivery());
        assertEquals(Signals.SIGTERM, r.value(1, new ProcessCall.WaitStatus(-1)));
        r.call(1, new Syscall.Exit(256 + 7));                // only the low byte is kept
        assertEquals(0x700, r.value(0, new ProcessCall.WaitStatus(-1)));
    }

    @Test
    void waitidReportsCodeAndStatus() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(1, FORK);
        r.call(2, new Syscall.Exit(3));
        assertEquals(1, r.value(1, waitid(ProcessCall.Waitid.Field.SI_CODE)), "CLD_EXITED");
        r.value(1, FORK);
        r.call(2, new Syscall.Exit(3));
        assertEquals(3, r.value(1, waitid(ProcessCall.Waitid.Field.SI_STATUS)));
        r.value(1, FORK);
        r.value(1, new Syscall.Kill(r.k.task(2).numberAtLevel(0), Signals.SIGKILL));
        r.call(2, new Syscall.SignalDelivery());
        assertEquals(2, r.value(1, waitid(ProcessCall.Waitid.Field.SI_CODE)), "CLD_KILLED");
        assertEquals(Errno.EINVAL, r.errno(1, new ProcessCall.Waitid(ProcessCall.Waitid.P_PID, 0, ProcessCall.Waitid.Field.SI_PID)));
        assertEquals(Errno.EINVAL, r.errno(1, new ProcessCall.Waitid(ProcessCall.Waitid.P_PGID, -1, ProcessCall.Waitid.Field.SI_PID)));
        assertEquals(Errno.ECHILD, r.errno(1, waitid(ProcessCall.Waitid.Field.SI_PID)));
    }

    /** Q (parent X outside B, Q inside B) after B's init exit(7): Q is CLD_KILLED 9, the init CLD_EXITED 7. */
    @Test
    void theInitsDeathKillsItsNamespaceWithSigkill() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                    // X = T1 (2)
        r.value(1, new Syscall.Unshare(CLONE_NEWPID));
        int y = r.pid(1, FORK);                              // Y = T2, init of B
        int q = r.pid(1, FORK);                              // Q = T3, 2 in B, parent X
        r.call(2, new Syscall.Exit(7));
        r.call(3, new Syscall.SignalDelivery());
        assertEquals(q, r.value(1, new ProcessCall.Waitid(ProcessCall.Waitid.P_PID, q, ProcessCall.Waitid.Field.SI_PID)));
        assertEquals(nscheck.spec.call.Errno.ENOMEM, r.errno(1, FORK), "B is closed: disable_pid_allocation");
        SpecRun again = new SpecRun(s);
        again.value(0, FORK);
        again.value(1, new Syscall.Unshare(CLONE_NEWPID));
        again.value(1, FORK);
        int q2 = again.pid(1, FORK);
        again.call(2, new Syscall.Exit(7));
        again.call(3, new Syscall.SignalDelivery());
        assertEquals(Signals.SIGKILL, again.value(1, new ProcessCall.Waitid(ProcessCall.Waitid.P_PID, q2, ProcessCall.Waitid.Field.SI_STATUS)));
        assertEquals(0x700, again.value(1, new ProcessCall.WaitStatus(y)));
    }
}
