package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.NsfsCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.state.NsNames;
import nscheck.spec.state.UserNamespace;
import nscheck.spec.variant.Mainline;
import nscheck.spec.variant.NsNameBugs;
import nscheck.spec.variant.Variant;
import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_NEWIPC;
import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What names a namespace to user space (N1, N3) and another task's namespace files (N5). */
class NsNamesTest {
    private static final int PID = 0, PID_FOR_CHILDREN = 1, IPC = 2, USER = 3;

    private static SpecRun named(Variant v) {
        return new SpecRun(new Semantics(v, new Limits(6, 2, 10).withNsNames()));
    }

    private static long ino(SpecRun r, int type, int slot) {
        return r.k.names().ino(type, slot);
    }

    @Test
    void n1_theInitialNamespacesHaveTheirFixedInodeNumbers() {
        SpecRun r = named(Mainline.INSTANCE);
        assertEquals(0xEFFFFFFCL, ino(r, NsNames.PID, 0), "PROC_PID_INIT_INO: pid:[4026531836]");
        assertEquals(0xEFFFFFFFL, ino(r, NsNames.IPC, 0));
        assertEquals(0xEFFFFFFDL, ino(r, NsNames.USER, 0));
        assertNull(new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10)).boot().names(), "off unless the boot asks: every other model's states stay");
    }

    @Test
    void n1_inodeNumbersAreLowestFreeOfOnePoolAndComeBack() {
        SpecRun r = named(Mainline.INSTANCE);
        r.pid(0, new Syscall.Clone(0));
        r.call(1, new Syscall.Unshare(CLONE_NEWUSER | CLONE_NEWIPC));
        assertEquals(NsNames.DYNAMIC_FIRST, ino(r, NsNames.USER, 1), "the user namespace is made first (copy_creds)");
        assertEquals(NsNames.DYNAMIC_FIRST + 1, ino(r, NsNames.IPC, 1), "then IPC, from the same IDA");
        int init = r.pid(1, new Syscall.Clone(CLONE_NEWPID));
        assertEquals(NsNames.DYNAMIC_FIRST + 2, ino(r, NsNames.PID, 1));
        long firstId = r.k.names().id(NsNames.PID, 1);
        r.call(r.last.about(), new Syscall.Exit(0));
        assertEquals(init, r.pid(1, new Syscall.Wait(-1)));
        assertEquals(0, ino(r, NsNames.PID, 1), "freed with its last reference");
        r.pid(1, new Syscall.Clone(CLONE_NEWPID));
        assertEquals(NsNames.DYNAMIC_FIRST + 2, ino(r, NsNames.PID, 1), "ida_alloc: the freed number comes back");
        assertNotEquals(firstId, r.k.names().id(NsNames.PID, 1), "an id never does");
    }

    @Test
    void n3_oneNamespaceOneIdThroughEveryFileAndEveryTask() {
        SpecRun r = named(Mainline.INSTANCE);
        r.pid(0, new Syscall.Clone(0));
        assertEquals(3, r.value(1, new FdCalls.NsOpen(PID)));
        r.pid(1, new Syscall.Clone(CLONE_NEWPID));
        int y = r.last.about();
        assertEquals(4, r.value(1, new NsfsCall.OpenOther(3, PID)));                 // B, by X through /proc/3
        assertEquals(4, r.value(y, new FdCalls.NsOpen(PID)));                        // B, by Y
        assertEquals(5, r.value(1, new NsfsCall.OpenOther(2, PID)));                 // X's own, through /proc/2
        long b = r.value(1, new FdCalls.NsIoctl(4, FdCalls.NS_GET_ID, 0));
        assertEquals(b, r.value(y, new FdCalls.NsIoctl(4, FdCalls.NS_GET_ID, 0)), "the same namespace through another task's file");
        assertEquals(1, r.value(1, new NsfsCall.SameInode(3, 5)), "two files of one namespace: one inode");
        assertEquals(0, r.value(1, new NsfsCall.SameInode(3, 4)));
        assertNotEquals(b, r.value(1, new FdCalls.NsIoctl(3, FdCalls.NS_GET_ID, 0)));
    }

    @Test
    void n2_ownerUidIsTheCreatorsEuidAsTheCallerMapsIt() {
        SpecRun r = named(Mainline.INSTANCE);
        r.pid(0, new Syscall.Clone(0));
        r.call(1, new Syscall.Setuid(1000));
        r.call(1, new Syscall.Unshare(CLONE_NEWUSER));
        assertEquals(3, r.value(1, new FdCalls.NsOpen(USER)));
        assertEquals(UserNamespace.OVERFLOW_ID, r.value(1, new FdCalls.NsIoctl(3, FdCalls.NS_GET_OWNER_UID, 0)), "unmapped inside until uid_map is written");
        assertEquals(3, r.value(0, new NsfsCall.OpenOther(2, USER)));
        assertEquals(1000, r.value(0, new FdCalls.NsIoctl(3, FdCalls.NS_GET_OWNER_UID, 0)), "the root init maps the creator's kuid");
        assertEquals(4, r.value(1, new FdCalls.NsOpen(IPC)));
        assertEquals(Errno.EINVAL, r.errno(1, new FdCalls.NsIoctl(4, FdCalls.NS_GET_OWNER_UID, 0)), "user namespaces only");
    }

    @Test
    void n5_anotherTasksFilesNeedPtraceReadAccess() {
        SpecRun r = named(Mainline.INSTANCE);
        r.pid(0, new Syscall.Clone(0));
        r.pid(0, new Syscall.Clone(0));
        r.call(2, new Syscall.Setuid(1000));
        assertEquals(Errno.EACCES, r.errno(2, new NsfsCall.OpenOther(1, PID)), "uid 1000 may not read root's");
        assertEquals(3, r.value(1, new NsfsCall.OpenOther(3, PID)), "root may read uid 1000's");
        assertEquals(Errno.ENOENT, r.errno(1, new NsfsCall.OpenOther(9, PID)), "nobody has that number");
        r.call(1, new Syscall.Unshare(CLONE_NEWUSER));
        assertEquals(Errno.EACCES, r.errno(1, new NsfsCall.OpenOther(1, PID)), "cap_ptrace_access_check: same uid, another user namespace");
        r.call(2, new Syscall.Exit(0));
        assertEquals(3, r.value(0, new NsfsCall.OpenOther(3, PID)), "a zombie keeps its struct pid");
        assertEquals(Errno.ENOENT, r.errno(0, new NsfsCall.OpenOther(3, IPC)), "but not its nsproxy");
    }

    @Test
    void seededBug_anInodeNumberReusedWhileItsNamespaceIsHeld() {
        SpecRun r = named(NsNameBugs.INUM_FREED_WITH_INIT);
        r.pid(0, new Syscall.Clone(0));
        r.pid(1, new Syscall.Clone(CLONE_NEWPID));
        r.call(r.last.about(), new Syscall.Exit(0));
        r.call(1, new Syscall.Unshare(CLONE_NEWIPC));
        assertEquals(ino(r, NsNames.PID, 1), ino(r, NsNames.IPC, 1), "the zombie init still holds its namespace");
    }
}
