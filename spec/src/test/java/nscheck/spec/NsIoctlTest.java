package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.OpenFile;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_NEWIPC;
import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;
import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static nscheck.spec.call.FdCalls.NS_GET_NSTYPE;
import static nscheck.spec.call.FdCalls.NS_GET_PARENT;
import static nscheck.spec.call.FdCalls.NS_GET_PID_FROM_PIDNS;
import static nscheck.spec.call.FdCalls.NS_GET_PID_IN_PIDNS;
import static nscheck.spec.call.FdCalls.NS_GET_TGID_FROM_PIDNS;
import static nscheck.spec.call.FdCalls.NS_GET_TGID_IN_PIDNS;
import static nscheck.spec.call.FdCalls.NS_GET_USERNS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ns_ioctl past NsfsTest (fs/nsfs.c; docs/semantics.md N5-N7): EBADF and ENOTTY, NS_GET_USERNS
 * of each file type, NS_GET_PARENT of the root namespace, the PID forms on the root init and on
 * a thread, and the root namespace's pid_for_children.
 */
class NsIoctlTest {
    private static final int PID = 0, PID_FOR_CHILDREN = 1, IPC = 2, USER = 3;
    private static final Syscall FORK = new Syscall.Clone(0);

    private static Syscall ioctl(int fd, int op, int arg) {
        return new FdCalls.NsIoctl(fd, op, arg);
    }

    /** The namespace an fd returned by an ioctl refers to. */
    private static int nsOf(SpecRun r, int actor, int fd) {
        return ((OpenFile.NsFile) r.k.objects().context(actor).fds().get(fd)).ns();
    }

    @Test
    void noFileIsEbadfAndAPidfdEnotty() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        assertEquals(Errno.EBADF, r.errno(0, ioctl(9, NS_GET_NSTYPE, 0)));
        int fd = r.pid(0, new FdCalls.PidfdOpen(1, 0));
        assertEquals(Errno.ENOTTY, r.errno(0, ioctl(fd, NS_GET_NSTYPE, 0)));
    }

    @Test
    void theRootNamespacesHaveNoParentAndPidForChildrenOpensAtOnce() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        int children = r.pid(0, new FdCalls.NsOpen(PID_FOR_CHILDREN));
        assertEquals(Errno.EPERM, r.errno(0, ioctl(children, NS_GET_PARENT, 0)));
        int user = r.pid(0, new FdCalls.NsOpen(USER));
        assertEquals(Errno.EPERM, r.errno(0, ioctl(user, NS_GET_USERNS, 0)), "init_user_ns has no owner");
        assertEquals(Errno.EPERM, r.errno(0, ioctl(user, NS_GET_PARENT, 0)));
        assertEquals(CLONE_NEWUSER, r.value(0, ioctl(user, NS_GET_NSTYPE, 0)));
    }

    /** NS_GET_USERNS: a PID or IPC namespace's owner, a user namespace's parent; EPERM above the caller's. */
    @Test
    void getUsernsNamesTheOwnerWithinTheCallersReach() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, FORK);                                          // T1
        int pid = r.pid(1, new FdCalls.NsOpen(PID));
        r.value(1, new Syscall.Unshare(CLONE_NEWUSER));
        r.value(1, new Syscall.Unshare(CLONE_NEWIPC));
        int u1 = r.k.objects().context(1).cred().userNs();
        int ipc = r.pid(1, new FdCalls.NsOpen(IPC));
        int user = r.pid(1, new FdCalls.NsOpen(USER));
        int owner = r.pid(1, ioctl(ipc, NS_GET_USERNS, 0));
        assertEquals(u1, nsOf(r, 1, owner), "the new IPC namespace is owned by U1");
        assertEquals(Errno.EPERM, r.errno(1, ioctl(user, NS_GET_USERNS, 0)), "U1's parent is above the caller");
        assertEquals(Errno.EPERM, r.errno(1, ioctl(pid, NS_GET_USERNS, 0)), "the root PID namespace's owner too");
        int rootUser = r.pid(0, new FdCalls.NsOpen(USER));
        assertEquals(Errno.EPERM, r.errno(0, ioctl(rootUser, NS_GET_PARENT, 0)));
        r.value(0, FORK);                                          // T2, in init_user_ns
        int mine = r.pid(2, new FdCalls.NsOpen(PID));
        assertEquals(0, nsOf(r, 2, r.pid(2, ioctl(mine, NS_GET_USERNS, 0))));
    }

    /** The PID forms: the root init is found (slot 0); the TGID forms answer a thread's process; 0 is ESRCH. */
    @Test
    void pidFormsFindTheRootInitAndAThreadsProcess() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        int pid = r.pid(0, new FdCalls.NsOpen(PID));
        assertEquals(1, r.value(0, ioctl(pid, NS_GET_PID_FROM_PIDNS, 1)));
        assertEquals(1, r.value(0, ioctl(pid, NS_GET_PID_IN_PIDNS, 1)));
        assertEquals(Errno.ESRCH, r.errno(0, ioctl(pid, NS_GET_PID_FROM_PIDNS, 0)));
        r.value(0, FORK);                                          // T1 = 2
        assertEquals(3, r.value(1, new Syscall.Clone(CLONE_THREAD)));
        assertEquals(3, r.value(0, ioctl(pid, NS_GET_PID_FROM_PIDNS, 3)));
        assertEquals(2, r.value(0, ioctl(pid, NS_GET_TGID_FROM_PIDNS, 3)));
        assertEquals(3, r.value(0, ioctl(pid, NS_GET_PID_IN_PIDNS, 3)));
        assertEquals(2, r.value(0, ioctl(pid, NS_GET_TGID_IN_PIDNS, 3)));
        int ipc = r.pid(0, new FdCalls.NsOpen(IPC));
        assertEquals(Errno.EINVAL, r.errno(0, ioctl(ipc, NS_GET_PID_FROM_PIDNS, 1)));
    }
}
