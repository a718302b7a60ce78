package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.NsfsCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * fstat(2) of two files, st_dev and st_ino compared (fs/nsfs.c, fs/pidfs.c; N3, N5): one pidfs
 * inode per struct pid, so two pidfds of one process compare equal and pidfds of two processes do
 * not; a pidfd and a namespace file live on different filesystems; a closed fd is EBADF. And
 * /proc/PID/ns of a number no process has, 0 included, is ENOENT (proc_pid_lookup).
 */
class SameInodeTest {
    private static final int PID = 0;

    private static SpecRun named() {
        return new SpecRun(new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10).withNsNames()));
    }

    @Test
    void pidfdsShareAnInodeExactlyWhenTheyNameOneProcess() {
        SpecRun r = named();
        assertEquals(2, r.pid(0, new Syscall.Clone(0)));
        assertEquals(3, r.pid(0, new Syscall.Clone(0)));
        assertEquals(3, r.value(0, new FdCalls.PidfdOpen(2, 0)));
        assertEquals(4, r.value(0, new FdCalls.PidfdOpen(2, 0)));
        assertEquals(5, r.value(0, new FdCalls.PidfdOpen(3, 0)));
        assertEquals(6, r.value(0, new FdCalls.NsOpen(PID)));
        assertEquals(1, r.value(0, new NsfsCall.SameInode(3, 4)), "one process, one pidfs inode");
        assertEquals(0, r.value(0, new NsfsCall.SameInode(3, 5)), "two processes");
        assertEquals(0, r.value(0, new NsfsCall.SameInode(3, 6)), "pidfs and nsfs: another st_dev");
        assertEquals(0, r.value(0, new NsfsCall.SameInode(6, 3)));
        assertEquals(Errno.EBADF, r.errno(0, new NsfsCall.SameInode(3, 9)));
        assertEquals(Errno.EBADF, r.errno(0, new NsfsCall.SameInode(9, 3)));
    }

    @Test
    void procOfANumberNobodyHasIsEnoent() {
        SpecRun r = named();
        assertEquals(Errno.ENOENT, r.errno(0, new NsfsCall.OpenOther(0, PID)));
        assertEquals(Errno.ENOENT, r.errno(0, new NsfsCall.OpenOther(-1, PID)));
    }
}
