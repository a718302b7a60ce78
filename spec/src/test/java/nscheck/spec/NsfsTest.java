package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_NEWIPC;
import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Namespace files (N5-N7), as the 6.18 probe table of the research has them. */
class NsfsTest {
    private static final int PID = 0, PID_FOR_CHILDREN = 1, IPC = 2;

    @Test
    void n5_pidForChildrenIsEnoentUntilAFirstChild() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.pid(0, new Syscall.Clone(0));
        r.call(1, new Syscall.Unshare(CLONE_NEWPID));
        assertEquals(Errno.ENOENT, r.errno(1, new FdCalls.NsOpen(PID_FOR_CHILDREN)));
        r.pid(1, new Syscall.Clone(0));
        assertEquals(3, r.value(1, new FdCalls.NsOpen(PID_FOR_CHILDREN)));
    }

    @Test
    void n7_translationsAcrossTheBoundaryAndTheParentsScope() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.pid(0, new Syscall.Clone(0));
        assertEquals(3, r.value(1, new FdCalls.NsOpen(PID)));              // X's A
        r.pid(1, new Syscall.Clone(CLONE_NEWPID));                         // Y: 3 in A, 1 in B; inherits fd 3
        int y = r.last.about();
        assertEquals(4, r.value(y, new FdCalls.NsOpen(PID)));              // Y's B
        assertEquals(3, r.value(y, new FdCalls.NsIoctl(3, FdCalls.NS_GET_PID_IN_PIDNS, 1)), "no hierarchy check: Y learns its outer PID");
        assertEquals(Errno.ESRCH, r.errno(y, new FdCalls.NsIoctl(3, FdCalls.NS_GET_PID_FROM_PIDNS, 2)), "X is invisible in B");
        assertEquals(Errno.EPERM, r.errno(y, new FdCalls.NsIoctl(4, FdCalls.NS_GET_PARENT, 0)), "its own namespace's parent");
        assertEquals(Errno.EPERM, r.errno(y, new FdCalls.NsIoctl(3, FdCalls.NS_GET_PARENT, 0)));
        assertEquals(CLONE_NEWPID, r.value(y, new FdCalls.NsIoctl(4, FdCalls.NS_GET_NSTYPE, 0)));
        assertEquals(Errno.ENOTTY, r.errno(y, new FdCalls.NsIoctl(4, 64, 0)));
        assertEquals(5, r.value(y, new FdCalls.NsOpen(IPC)));
        assertEquals(Errno.EINVAL, r.errno(y, new FdCalls.NsIoctl(5, FdCalls.NS_GET_PARENT, 0)));
        assertEquals(Errno.EINVAL, r.errno(y, new FdCalls.NsIoctl(5, FdCalls.NS_GET_PID_IN_PIDNS, 1)));
        assertEquals(Errno.EINVAL, r.errno(y, new FdCalls.SetnsFd(3, 0)), "pidns_install: an ancestor");
        assertNull(r.errno(y, new FdCalls.SetnsFd(4, CLONE_NEWPID)));
        assertEquals(Errno.EINVAL, r.errno(y, new FdCalls.SetnsFd(4, CLONE_NEWIPC)), "a PID file named as IPC");
    }

    @Test
    void n5_aHeldNamespaceOutlivesItsInitAndRefusesTheNextFork() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.pid(0, new Syscall.Clone(0));
        r.call(1, new Syscall.Unshare(CLONE_NEWPID));
        int inner = r.pid(1, new Syscall.Clone(0));
        int y = r.last.about();
        assertEquals(3, r.value(1, new FdCalls.NsOpen(PID_FOR_CHILDREN)));
        r.call(1, new Syscall.Kill(inner, Signals.SIGKILL));
        r.call(y, Syscall.SIGNAL_DELIVERY);
        assertEquals(inner, r.pid(1, new Syscall.Wait(-1)));
        r.call(1, new FdCalls.Close(3));
        assertEquals(3, r.value(1, new FdCalls.NsOpen(PID_FOR_CHILDREN)), "the reaper's death does not clear child_reaper's mark");
        assertEquals(4, r.value(1, new FdCalls.NsOpen(PID)));
        r.call(1, new FdCalls.SetnsFd(4, CLONE_NEWPID));
        int held = r.k.objects().context(1).fds().get(3) instanceof nscheck.spec.state.OpenFile.NsFile n ? n.ns() : -1;
        assertEquals(held >= 0 && r.k.ns(held) != null, true, "nothing but the file holds the empty namespace, and it lives");
        r.call(1, new FdCalls.SetnsFd(3, 0));
        assertEquals(Errno.ENOMEM, r.errno(1, new Syscall.Clone(0)), "no PIDNS_ADDING once the init died");
    }
}
