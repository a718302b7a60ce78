package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.TaskContext;
import nscheck.spec.variant.ContainerBit;
import nscheck.spec.variant.Execns2006;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_NEWIPC;
import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Capabilities from credentials and owning user namespaces (K1), kill permission (K3), dumpable (K4); the probe tables of 6.18. */
class CapabilitiesTest {
    /** T1 (PID 2) and T2 (PID 3) forked by the root init; T1 dropped to uid 1000 (its way back to 0 is refused). */
    private static SpecRun twoUsers() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.pid(0, new Syscall.Clone(0));
        r.pid(0, new Syscall.Clone(0));
        r.call(1, new Syscall.Setuid(1000));
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.Setuid(0)));
        return r;
    }

    @Test
    void k1_anUnprivilegedTaskMakesNoPidOrIpcNamespaceButOwnsOneWithItsUserNamespace() {
        SpecRun r = twoUsers();
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.Unshare(CLONE_NEWPID)));
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.Unshare(CLONE_NEWIPC)));
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.Clone(CLONE_NEWPID)));
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.WriteNsLastPid(3)), "ns_last_pid: open succeeds, the write is refused");
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.Setns(1)), "pidns_install: no CAP_SYS_ADMIN");
        assertNull(r.errno(1, new Syscall.Unshare(CLONE_NEWUSER | CLONE_NEWPID)));
        int owner = r.k.objects().context(1).cred().userNs();
        r.pid(1, new Syscall.Clone(0));
        assertEquals(owner, r.k.ns(r.k.task(r.last.about()).activeNs()).userNs(), "the new PID namespace is owned by the new user namespace");
        // Its level is the owner's, the root level is not: a write to ns_last_pid hits the writer's active namespace.
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.WriteNsLastPid(3)));
    }

    @Test
    void k3_killNeedsAMatchingUidOrCapKill() {
        SpecRun r = twoUsers();
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.Kill(3, 0)), "uid 1000 to root");
        int child = r.pid(1, new Syscall.Clone(0));
        assertNull(r.errno(1, new Syscall.Kill(child, 0)), "same uid");
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.Kill(1, 0)), "uid 1000 to root's init, signal 0 included");
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.Kill(1, Signals.SIGUSR1)), "checked before the init-ignores rule");
        assertNull(r.errno(0, new Syscall.Kill(2, 0)), "root holds CAP_KILL");
        assertNull(r.errno(1, new Syscall.Kill(-1, 0)), "kill(-1): refused targets are skipped, the call succeeds");
    }

    @Test
    void k4_setuidLeavesTheTaskNonDumpable() {
        SpecRun r = twoUsers();
        TaskContext c = r.k.objects().context(1);
        assertEquals(false, c.cred().dumpable());
        r.call(1, new Syscall.Unshare(CLONE_NEWUSER));
        assertEquals(Errno.EACCES, r.errno(1, new Syscall.WriteIdMaps()), "its /proc/self/uid_map belongs to root");
    }

    @Test
    void containerBitBringsIpcAndUserNamespacesWithThePidNamespace() {
        SpecRun r = new SpecRun(ContainerBit.INSTANCE);
        r.pid(0, new Syscall.Clone(CLONE_NEWPID));
        TaskContext c = r.k.objects().context(r.last.about());
        assertNotEquals(0, c.ipcNs(), "a new IPC namespace");
        assertNotEquals(0, c.cred().userNs(), "a new user namespace");
        assertEquals(c.cred().userNs(), r.k.ns(r.k.task(r.last.about()).activeNs()).userNs(), "which owns the PID namespace");
    }

    @Test
    void execnsRefusesEveryNamespaceUnshare() {
        SpecRun r = new SpecRun(Execns2006.INSTANCE);
        r.pid(0, new Syscall.Clone(0));
        assertEquals(Errno.EINVAL, r.errno(1, new Syscall.Unshare(CLONE_NEWIPC)));
        assertEquals(Errno.EINVAL, r.errno(1, new Syscall.Unshare(CLONE_NEWUSER)));
        assertNull(r.errno(1, new Syscall.Execns(CLONE_NEWIPC)));
        assertNotEquals(0, r.k.objects().context(1).ipcNs());
    }
}
