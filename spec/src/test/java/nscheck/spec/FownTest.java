package nscheck.spec;

import nscheck.spec.call.AsyncIoCall;
import nscheck.spec.call.Errno;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A file's async I/O owner (fs/fcntl.c f_setown, f_setown_ex, f_getown, send_sigio; docs/semantics.md
 * A1-A5) past the cases of AsyncIoAndMqueueTest: the argument checks, owner types, a process group
 * owner, and which queue SIGIO goes to.
 */
class FownTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(8, 2, 16));

    private static final Syscall FORK = new Syscall.Clone(0);
    private static final Syscall GETOWN = new AsyncIoCall.Getown();
    private static final Syscall WRITE = new AsyncIoCall.PipeWrite();
    private static final Syscall SI_CODE = new AsyncIoCall.SigwaitSigio(AsyncIoCall.SI_CODE);

    @Test
    void setownAndSetsigCheckTheirArguments() {
        SpecRun r = new SpecRun(s);
        assertEquals(Errno.EINVAL, r.errno(0, new AsyncIoCall.Setown(Integer.MIN_VALUE)), "-INT_MIN overflows");
        assertEquals(Errno.ESRCH, r.errno(0, new AsyncIoCall.SetownEx(AsyncIoCall.F_OWNER_PID, -3)));
        assertEquals(Errno.EINVAL, r.errno(0, new AsyncIoCall.Setsig(-1)));
        assertEquals(Errno.EINVAL, r.errno(0, new AsyncIoCall.Setsig(65)));
        r.value(0, new AsyncIoCall.Setsig(64));
        r.value(0, new AsyncIoCall.Setsig(0));
    }

    @Test
    void aWriteWithoutAnOwnerSignalsNobody() {
        SpecRun r = new SpecRun(s);
        assertEquals(1, r.value(0, WRITE));
        assertEquals(0, r.value(0, GETOWN));
        assertFalse(r.canCall(0, SI_CODE));
    }

    /** The root init (slot 0) as owner. */
    @Test
    void theRootInitCanOwnTheFile() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(1, new AsyncIoCall.Setown(1));
        assertEquals(1, r.value(1, GETOWN));
        r.value(1, WRITE);
        assertEquals(AsyncIoCall.SI_KERNEL, r.value(0, SI_CODE));
    }

    /** F_OWNER_TID names a thread; F_OWNER_PID with a thread's TID finds no process leader (pid_task(PIDTYPE_TGID)). */
    @Test
    void aThreadOwnsTheFileOnlyAsATid() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                              // T1 = 2
        assertEquals(3, r.value(1, new Syscall.Clone(CLONE_THREAD)));  // T2 = TID 3
        r.value(0, new AsyncIoCall.SetownEx(AsyncIoCall.F_OWNER_TID, 3));
        assertEquals(3, r.value(0, GETOWN));
        r.value(0, new AsyncIoCall.SetownEx(AsyncIoCall.F_OWNER_PID, 3));
        assertEquals(0, r.value(0, GETOWN));
    }

    /** A process group owner: every member gets SIGIO. */
    @Test
    void aGroupOwnerSignalsEveryMember() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                              // T1 = 2
        r.value(1, new ProcessCall.Setpgid());
        r.value(1, FORK);                                              // T2 = 3, group 2
        r.value(0, new AsyncIoCall.Setown(-2));
        r.value(0, WRITE);
        assertEquals(AsyncIoCall.SI_KERNEL, r.value(1, SI_CODE));
        assertEquals(AsyncIoCall.SI_KERNEL, r.value(2, SI_CODE));
        assertFalse(r.canCall(0, SI_CODE), "the writer is no member");
    }

    /** A TID owner's SIGIO goes to the thread's private queue, a process owner's to the shared one: both queue. */
    @Test
    void aTidOwnersSigioQueuesApartFromTheProcesses() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                              // T1 = 2
        r.value(0, new AsyncIoCall.Setown(2));
        r.value(0, WRITE);
        r.value(0, WRITE);                                             // a standard signal queues once
        r.value(0, new AsyncIoCall.SetownEx(AsyncIoCall.F_OWNER_TID, 2));
        r.value(0, WRITE);
        assertEquals(AsyncIoCall.SI_KERNEL, r.value(1, SI_CODE));
        assertEquals(AsyncIoCall.SI_KERNEL, r.value(1, SI_CODE));
        assertFalse(r.canCall(1, SI_CODE));
    }

    /** sigwaitinfo({SIGIO}) does not take a pending SIGUSR1. */
    @Test
    void aSigioWaitLeavesSigusr1Alone() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(1, new Syscall.SigBlock());
        r.value(0, new Syscall.Kill(2, Signals.SIGUSR1));
        assertFalse(r.canCall(1, SI_CODE));
        assertEquals(1, r.value(1, new Syscall.Sigwaitinfo(false)));
    }
}
