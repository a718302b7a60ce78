package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Execns2006;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_NEWIPC;
import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;
import static nscheck.spec.call.CloneFlags.CLONE_SYSVSEM;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * unshare(2)'s order and failures (kernel/fork.c ksys_unshare; docs/semantics.md P12, I9, U3),
 * clone's last free task slot, and the execns proposal's call (H3): only namespace flags are
 * refused to unshare there, and execns fails as a whole.
 */
class UnshareAndExecnsTest {
    private static final Syscall FORK = new Syscall.Clone(0);

    /** create_user_ns: a creator whose euid its namespace does not map is EPERM, and nothing else is unshared. */
    @Test
    void aFailedUserNamespaceUnsharesNothingElse() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, FORK);
        r.value(1, new Syscall.Unshare(CLONE_NEWUSER));
        int userNs = r.k.objects().context(1).cred().userNs();
        int ipcNs = r.k.objects().context(1).ipcNs();
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.Unshare(CLONE_NEWUSER | CLONE_NEWIPC)), "uid 0 is unmapped in U1");
        assertEquals(userNs, r.k.objects().context(1).cred().userNs());
        assertEquals(ipcNs, r.k.objects().context(1).ipcNs());
    }

    @Test
    void cloneWithoutAFreeTaskSlotIsEagain() {
        SpecRun r = new SpecRun(new Semantics(Mainline.INSTANCE, new Limits(2, 1, 10)));
        r.value(0, FORK);
        assertEquals(Errno.EAGAIN, r.errno(0, FORK));
    }

    /** Under execns only the namespace flags are refused: unshare(CLONE_SYSVSEM) still works. */
    @Test
    void execnsLeavesUnshareOfTheUndoListAlone() {
        SpecRun r = new SpecRun(Execns2006.INSTANCE);
        r.value(0, new Syscall.Semget());
        r.value(0, FORK);
        r.value(1, new Syscall.Semop(1));
        assertEquals(0, r.value(1, new Syscall.Unshare(CLONE_SYSVSEM)));
        assertEquals(0, r.value(0, new Syscall.SemGetval()), "the undo was applied");
        assertEquals(Errno.EINVAL, r.errno(1, new Syscall.Unshare(CLONE_NEWPID)));
    }

    /** execns is ENOSYS on mainline; under the proposal it drops the undo list and unshares the namespaces asked. */
    @Test
    void execnsDropsTheUndoListAndUnsharesOnlyNamespaces() {
        assertEquals(Errno.ENOSYS, new SpecRun(Mainline.INSTANCE).errno(0, new Syscall.Execns(CLONE_NEWIPC)));
        SpecRun r = new SpecRun(Execns2006.INSTANCE);
        r.value(0, new Syscall.Semget());
        r.value(0, FORK);
        r.value(1, new Syscall.Semop(1));
        assertEquals(0, r.value(1, new Syscall.Execns(CLONE_SYSVSEM)), "no namespace asked: the exec alone");
        assertEquals(0, r.value(0, new Syscall.SemGetval()), "exec dropped the undo list");
        assertEquals(0, r.k.objects().context(1).ipcNs(), "CLONE_SYSVSEM is no namespace");
        r.value(1, new Syscall.Execns(CLONE_NEWPID));
        assertEquals(r.k.task(1).activeNs() != r.k.task(1).nsForChildren, true, "later children go to a new PID namespace");
    }

    /** execns with CLONE_NEWPID past the depth limit fails before the exec releases anything. */
    @Test
    void execnsPastTheDepthLimitChangesNothing() {
        SpecRun r = new SpecRun(new Semantics(Execns2006.INSTANCE, new Limits(6, 1, 10)));
        r.value(0, new Syscall.Semget());
        r.value(0, FORK);                                          // T1
        r.value(1, new Syscall.Clone(CLONE_NEWPID));               // T2: level 1, the limit
        r.value(2, new Syscall.Semop(1));
        assertEquals(Errno.ENOSPC, r.errno(2, new Syscall.Execns(CLONE_NEWPID)));
        assertEquals(1, r.value(0, new Syscall.SemGetval()), "the undo list is still there");
        r.value(1, new Syscall.Execns(CLONE_NEWUSER));             // U1, at the depth limit
        r.value(1, new Syscall.Semop(1));
        assertEquals(2, r.value(0, new Syscall.SemGetval()));
        assertEquals(Errno.ENOSPC, r.errno(1, new Syscall.Execns(CLONE_NEWUSER)), "no user namespace below U1");
        assertEquals(2, r.value(0, new Syscall.SemGetval()), "a failed execns did not exec: T1's undo list stays");
    }
}
