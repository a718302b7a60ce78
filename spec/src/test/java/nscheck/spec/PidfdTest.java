package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.OpenFile;
import nscheck.spec.variant.Mainline;
import nscheck.spec.variant.SeededBugs;
import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pidfds (D1-D4), each case as the 6.18 probe tables of the research settled it. */
class PidfdTest {
    @Test
    void d1_pidfdOpenRefusesBadArgumentsAndNumbersFromTheLowestFreeFd() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.pid(0, new Syscall.Clone(0));
        assertEquals(Errno.EINVAL, r.errno(0, new FdCalls.PidfdOpen(2, 1)), "unknown flag");
        assertEquals(Errno.EINVAL, r.errno(0, new FdCalls.PidfdOpen(0, 0)));
        assertEquals(Errno.EINVAL, r.errno(0, new FdCalls.PidfdOpen(-1, 0)));
        assertEquals(Errno.ESRCH, r.errno(0, new FdCalls.PidfdOpen(7, 0)));
        assertEquals(3, r.value(0, new FdCalls.PidfdOpen(2, 0)));
        assertEquals(4, r.value(0, new FdCalls.PidfdOpen(1, FdCalls.PIDFD_NONBLOCK)));
        assertNull(r.errno(0, new FdCalls.Close(3)));
        assertEquals(Errno.EBADF, r.errno(0, new FdCalls.Close(3)));
        assertEquals(3, r.value(0, new FdCalls.PidfdOpen(2, 0)), "alloc_fd: the lowest free number again");
    }

    @Test
    void d1_aThreadNeedsPidfdThreadAndAZombieCanBeOpened() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.pid(0, new Syscall.Clone(0));
        int tid = r.pid(1, new Syscall.Clone(CLONE_THREAD));
        assertEquals(Errno.ENOENT, r.errno(0, new FdCalls.PidfdOpen(tid, 0)));
        assertEquals(3, r.value(0, new FdCalls.PidfdOpen(tid, FdCalls.PIDFD_THREAD)));
        r.call(2, new Syscall.Exit(0));
        r.call(1, new Syscall.Exit(0));
        assertEquals(4, r.value(0, new FdCalls.PidfdOpen(2, 0)), "a zombie");
    }

    @Test
    void d2_aPidfdHandedIntoAChildNamespaceCannotSignalUpwards() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.pid(0, new Syscall.Clone(0));
        assertEquals(3, r.value(1, new FdCalls.PidfdOpen(1, 0)));
        int inner = r.pid(1, new Syscall.Clone(CLONE_NEWPID));
        int y = r.last.about();
        assertEquals(Errno.EINVAL, r.errno(y, new FdCalls.PidfdSendSignal(3, 0, 0)), "access_pidfd_pidns");
        assertEquals(4, r.value(1, new FdCalls.PidfdOpen(inner, 0)));
        assertNull(r.errno(1, new FdCalls.PidfdSendSignal(4, 0, 0)), "downwards is fine");
        assertEquals(Errno.EBADF, r.errno(1, new FdCalls.PidfdSendSignal(5, 0, 0)));
        assertEquals(Errno.EINVAL, r.errno(1, new FdCalls.PidfdSendSignal(4, 0, 0x100)));
        assertEquals(Errno.EINVAL, r.errno(1, new FdCalls.PidfdSendSignal(4, 0, 3)), "one scope flag at most");
    }

    @Test
    void d3_waitidThroughAPidfdReapsOnlyThatChildAndAReapedPidfdReachesNobody() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.pid(0, new Syscall.Clone(0));
        assertEquals(3, r.value(0, new FdCalls.PidfdOpen(2, FdCalls.PIDFD_NONBLOCK)));
        assertEquals(4, r.value(0, new FdCalls.PidfdOpen(1, 0)));
        assertEquals(Errno.EAGAIN, r.errno(0, new FdCalls.WaitidPidfd(3, false)), "PIDFD_NONBLOCK without WNOHANG");
        assertEquals(0, r.value(0, new FdCalls.WaitidPidfd(3, true)));
        assertEquals(Errno.ECHILD, r.errno(0, new FdCalls.WaitidPidfd(4, false)), "the caller itself");
        assertNull(r.errno(0, new FdCalls.PidfdSendSignal(3, Signals.SIGKILL, 0)));
        r.call(1, Syscall.SIGNAL_DELIVERY);
        assertEquals(2, r.value(0, new FdCalls.WaitidPidfd(3, false)));
        assertTrue(((OpenFile.Pidfd) r.k.objects().context(0).fds().get(3)).reaped());
        assertEquals(Errno.ESRCH, r.errno(0, new FdCalls.PidfdSendSignal(3, 0, 0)));
        assertEquals(Errno.ECHILD, r.errno(0, new FdCalls.WaitidPidfd(3, true)));
    }

    @Test
    void d4_forkCopiesTheTableAndExitClosesIt() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        assertEquals(3, r.value(0, new FdCalls.PidfdOpen(1, 0)));
        r.pid(0, new Syscall.Clone(0));
        assertEquals(r.k.objects().context(0).fds(), r.k.objects().context(1).fds());
        r.call(1, new Syscall.Exit(0));
        assertTrue(r.k.objects().context(1).fds().isEmpty());
    }

    @Test
    void aPidfdFollowedByItsNumberReachesTheNewcomerUnderTheSeededBug() {
        for (var v : new nscheck.spec.variant.Variant[] {Mainline.INSTANCE, SeededBugs.PIDFD_BY_NUMBER}) {
            SpecRun r = new SpecRun(new nscheck.spec.rules.Semantics(v, new nscheck.spec.state.Limits(4, 1, 3)));
            r.pid(0, new Syscall.Clone(0));
            assertEquals(3, r.value(0, new FdCalls.PidfdOpen(2, 0)));
            r.call(1, new Syscall.Exit(0));
            r.pid(0, new Syscall.Wait(-1));
            assertEquals(2, r.pid(0, new Syscall.Clone(0)), "pid_max 3: the number comes back");
            Errno e = r.errno(0, new FdCalls.PidfdSendSignal(3, 0, 0));
            assertEquals(v == Mainline.INSTANCE ? Errno.ESRCH : null, e);
        }
    }
}
