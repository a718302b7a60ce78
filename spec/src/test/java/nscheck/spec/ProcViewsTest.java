package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.ProcCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import nscheck.spec.variant.SeededBugs;
import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;
import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * /proc views (fs/proc, V1-V4): a proc shows its mounter's active PID namespace, whoever reads
 * it, as conform and replay --kernel settled them on Linux 6.18.
 */
class ProcViewsTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10));
    private static final Syscall FORK = new Syscall.Clone(0);
    private static final Syscall MOUNT = new ProcCall.MountProc();
    private static final Syscall SELF = new ProcCall.ReadlinkSelf(false);
    private static final Syscall THREAD_SELF = new ProcCall.ReadlinkSelf(true);

    private static Syscall nspid(int pid, int entry) {
        return new ProcCall.StatusNspid(pid, entry);
    }

    /** T1 = 2; T2 = 3 outside, the init (1) of a new namespace, with the root's proc. */
    private SpecRun container(Semantics sem) {
        SpecRun r = new SpecRun(sem);
        r.value(0, FORK);
        r.value(1, new Syscall.Clone(CLONE_NEWPID));
        return r;
    }

    @Test
    void v1_v2_aChildInheritsItsParentsProcUntilItMountsItsOwn() {
        SpecRun r = container(s);
        assertEquals(3, r.value(2, SELF));                          // the root's proc: its outer number
        assertEquals(0, r.value(2, MOUNT));
        assertEquals(1, r.value(2, SELF));
        assertEquals(2, r.value(1, SELF));                          // the parent's proc is unchanged
        assertEquals(2, r.pid(2, new Syscall.Clone(CLONE_THREAD)));
        assertEquals(2, r.value(3, THREAD_SELF));
        assertEquals(1, r.value(3, SELF));
    }

    @Test
    void v1_aProcMountedAfterUnshareNewpidShowsTheActiveNamespace() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(1, new Syscall.Unshare(CLONE_NEWPID));
        r.value(1, MOUNT);
        assertEquals(2, r.value(1, SELF));
        assertEquals(3, r.pid(1, FORK));                             // 1 inside: the child reads its outer number
        assertEquals(3, r.value(2, SELF));
        assertEquals(1, r.value(2, nspid(3, 1)));
    }

    @Test
    void v3_nspidStartsAtTheProcsLevelAndNamesOnlyItsTasks() {
        SpecRun r = container(s);
        assertEquals(3, r.value(2, nspid(3, 0)));
        assertEquals(1, r.value(2, nspid(3, 1)));
        assertEquals(0, r.value(2, nspid(3, 2)));                   // past the end of the line
        r.value(2, MOUNT);
        assertEquals(1, r.value(2, nspid(1, 0)));
        assertEquals(0, r.value(2, nspid(1, 1)));
        assertEquals(Errno.ENOENT, r.errno(2, nspid(2, 0)));         // T1's number outside names nobody here
        assertEquals(2, r.value(0, nspid(2, 0)));
    }

    @Test
    void v1_mountingNeedsCapSysAdminOverThePidNamespacesOwner() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(1, new Syscall.Unshare(CLONE_NEWUSER));
        assertEquals(Errno.EPERM, r.errno(1, MOUNT));
        r.value(0, FORK);
        r.value(2, new Syscall.Setuid(1000));
        assertEquals(Errno.EPERM, r.errno(2, MOUNT));
    }

    @Test
    void seededBugsShowOtherNumbers() {
        SpecRun global = container(new Semantics(SeededBugs.PROC_SELF_GLOBAL, new Limits(6, 2, 10)));
        global.value(2, MOUNT);
        assertNotEquals(1, global.value(2, SELF));
        SpecRun reader = container(new Semantics(SeededBugs.NSPID_READER_LEVEL, new Limits(6, 2, 10)));
        assertEquals(1, reader.value(2, nspid(3, 0)));               // mainline: 3, the root proc's level
    }
}
