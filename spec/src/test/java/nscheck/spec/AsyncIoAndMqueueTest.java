package nscheck.spec;

import nscheck.spec.call.AsyncIoCall;
import nscheck.spec.call.Errno;
import nscheck.spec.call.MqueueCall;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import nscheck.spec.variant.SeededBugs;
import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_NEWIPC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Async I/O owners (fs/fcntl.c, A1-A5) and POSIX message queues (ipc/mqueue.c, Q1-Q3): the
 * numbers that cross a PID namespace through them, as conform settled them on Linux 6.18.
 */
class AsyncIoAndMqueueTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10));
    private static final Syscall FORK = new Syscall.Clone(0);
    private static final Syscall GETOWN = new AsyncIoCall.Getown();
    private static final Syscall WRITE = new AsyncIoCall.PipeWrite();
    private static final Syscall SI_CODE = new AsyncIoCall.SigwaitSigio(AsyncIoCall.SI_CODE);
    private static final Syscall SI_FD = new AsyncIoCall.SigwaitSigio(AsyncIoCall.SI_FD);
    private static final Syscall SIGIO_PID = new AsyncIoCall.SigwaitSigio(AsyncIoCall.SI_PID);

    @Test
    void a1_a2_theOwnerIsAStructPidEachReaderNumbersInItsOwnNamespace() {
        SpecRun r = SpecRun.container(s);
        assertEquals(Errno.ESRCH, r.errno(1, new AsyncIoCall.Setown(5)));
        r.value(3, new AsyncIoCall.Setown(1));                     // the container's init, 3 outside
        assertEquals(1, r.value(3, GETOWN));
        assertEquals(3, r.value(0, GETOWN));
        r.value(1, new AsyncIoCall.Setown(2));                     // T1: invisible inside
        assertEquals(0, r.value(3, GETOWN));
        assertEquals(2, r.value(0, GETOWN));
        r.value(1, new nscheck.spec.call.ProcessCall.Setpgid());
        r.value(0, new AsyncIoCall.Setown(-2));                    // T1's group
        assertEquals(-2, r.value(0, GETOWN));
        assertEquals(0, r.value(2, GETOWN));
        assertEquals(Errno.EINVAL, r.errno(0, new AsyncIoCall.SetownEx(7, 2)));
        assertEquals(Errno.EINVAL, r.errno(0, new AsyncIoCall.Setsig(65)));
    }

    @Test
    void a2_anOwnerThatIsGoneReadsZero() {
        SpecRun r = SpecRun.container(s);
        r.value(0, new AsyncIoCall.Setown(2));
        r.call(1, new Syscall.Exit(0));
        assertEquals(2, r.value(0, GETOWN), "a zombie is still attached to its pid");
        r.value(0, new Syscall.Wait(2));
        assertEquals(0, r.value(0, GETOWN));
    }

    @Test
    void a3_a4_aWriteAnywhereSignalsTheOwnerWithTheKernelsSiginfo() {
        SpecRun r = SpecRun.container(s);
        r.value(0, new AsyncIoCall.Setown(1));
        assertEquals(1, r.value(3, WRITE));                         // from inside the container
        assertEquals(AsyncIoCall.SI_KERNEL, r.value(0, SI_CODE));
        r.value(3, WRITE);
        assertEquals(0, r.value(0, SIGIO_PID), "SEND_SIG_PRIV: no sender");
        r.value(0, new AsyncIoCall.Setsig(Signals.SIGIO));
        r.value(3, WRITE);
        r.value(3, WRITE);                                          // a standard signal queues once
        assertEquals(AsyncIoCall.POLL_IN, r.value(0, SI_CODE));
        r.value(1, WRITE);
        assertEquals(AsyncIoCall.PIPE_READ_FD, r.value(0, SI_FD));
        assertTrue(s.step(r.k, 0, SI_CODE).isEmpty(), "nothing queued: sigwaitinfo blocks");
    }

    @Test
    void a5_sigioPermComparesKernelUidsOnly() {
        SpecRun r = SpecRun.container(s);
        r.value(1, new Syscall.Setuid(1000));
        r.value(1, new AsyncIoCall.Setown(1));                      // uid 1000 names root's task
        r.value(3, WRITE);
        assertTrue(s.step(r.k, 0, SI_CODE).isEmpty(), "sigio_perm refuses, silently");
        r.value(0, new AsyncIoCall.Setown(2));                      // root names uid 1000's task
        r.value(3, WRITE);
        assertEquals(AsyncIoCall.SI_KERNEL, r.value(1, SI_CODE));
    }

    @Test
    void a4_seededSigioWriterPidNamesTheWriter() {
        SpecRun r = new SpecRun(SeededBugs.SIGIO_WRITER_PID);
        r.value(0, FORK);
        r.value(0, new AsyncIoCall.Setown(1));
        r.value(1, WRITE);
        assertEquals(2, r.value(0, SIGIO_PID));
    }

    @Test
    void q1_theQueueLivesInTheIpcNamespace() {
        SpecRun r = SpecRun.container(s);
        assertEquals(Errno.ENOENT, r.errno(1, new MqueueCall.Send()));
        r.value(1, new MqueueCall.Open());
        r.value(1, new MqueueCall.Send());
        assertEquals(1, r.value(3, new MqueueCall.Receive()), "a PID namespace does not hide it");
        assertEquals(Errno.EAGAIN, r.errno(3, new MqueueCall.Receive()));
        r.value(3, new Syscall.Unshare(CLONE_NEWIPC));
        assertEquals(Errno.ENOENT, r.errno(3, new MqueueCall.Send()));
    }

    @Test
    void q2_q3_theNotificationNamesTheSenderInTheRegistrantsNamespaceOnce() {
        SpecRun r = SpecRun.container(s);
        Syscall siPid = new Syscall.Sigwaitinfo(false);
        r.value(2, new Syscall.SigBlock());
        r.value(2, new MqueueCall.Open());
        r.value(2, new MqueueCall.Notify(true));
        assertEquals(Errno.EBUSY, r.errno(2, new MqueueCall.Notify(true)));
        assertEquals(Errno.EBUSY, r.errno(1, new MqueueCall.Notify(true)));
        r.value(1, new MqueueCall.Notify(false));                  // not T1's: nothing happens
        r.value(3, new MqueueCall.Send());
        assertEquals(2, r.value(2, siPid), "T3 is 2 inside");
        r.value(1, new MqueueCall.Send());                         // one-shot, and the queue was not empty
        assertTrue(s.step(r.k, 2, siPid).isEmpty());
        r.value(3, new MqueueCall.Receive());
        r.value(3, new MqueueCall.Receive());
        r.value(2, new MqueueCall.Notify(true));
        r.value(1, new MqueueCall.Send());
        assertEquals(0, r.value(2, siPid), "T1 is invisible inside");
    }

    @Test
    void q2_theRegistrationGoesWithTheRegistrantsExit() {
        SpecRun r = SpecRun.container(s);
        r.value(1, new MqueueCall.Open());
        r.value(1, new MqueueCall.Notify(true));
        r.call(1, new Syscall.Exit(0));
        r.value(0, new MqueueCall.Notify(true));
    }
}
