package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.KthreadBugs;
import nscheck.spec.variant.Mainline;
import nscheck.spec.variant.Variant;
import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel threads of init_pid_ns (KT1-KT5 in docs/semantics.md): kthreadd at 2 and one more at 3. */
class KernelThreadsTest {
    private static SpecRun booted(Variant v) {
        return new SpecRun(new Semantics(v, new Limits(6, 2, 10, 2)));
    }

    @Test
    void kt1_theBootLeavesInitAtOneAndKernelThreadsAtTheNextNumbers() {
        SpecRun r = booted(Mainline.INSTANCE);
        assertEquals(3, r.value(0, new Syscall.ReadNsLastPid()), "ns_last_pid: the last kernel thread's number");
        assertEquals(4, r.pid(0, new Syscall.Clone(0)), "the first task forked after boot");
        assertTrue(r.k.kthreads().at(Kernel.ROOT_NS, 2) && r.k.kthreads().at(Kernel.ROOT_NS, 3));
        assertFalse(r.k.kthreads().at(Kernel.ROOT_NS, 4));
        // A boot without the option is what every model had before.
        assertEquals(new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10)).boot(), new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10, 0)).boot());
    }

    @Test
    void kt2_killFromTheRootNamespaceChecksPermissionThenIsDropped() {
        SpecRun r = booted(Mainline.INSTANCE);
        int host = r.pid(0, new Syscall.Clone(0));
        Kernel before = r.k;
        assertNull(r.errno(0, new Syscall.Kill(2, Signals.SIGKILL)), "root passes kill_ok_by_cred; the signal is ignored");
        assertEquals(before, r.k, "SIGKILL to kthreadd changes nothing");
        assertNull(r.errno(1, new Syscall.Kill(3, Signals.SIGTERM)));
        assertNull(r.errno(1, new Syscall.Sigqueue(2)));
        assertNull(r.errno(1, new Syscall.Tgkill(2, 2)));
        assertEquals(Errno.ESRCH, r.errno(1, new Syscall.Tgkill(host, 2)), "TID 2 is not in the caller's group");
        r.call(1, new Syscall.Setuid(1000));
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.Kill(2, 0)), "uid 1000 against init_cred");
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.Kill(3, Signals.SIGKILL)));
        assertNull(r.errno(1, new Syscall.Kill(-1, Signals.SIGKILL)), "kill(-1): the kernel threads count in the walk though refused");
        assertTrue(r.k.kthreads().at(Kernel.ROOT_NS, 2));
    }

    @Test
    void kt2_killMinusOneFromRootFindsTheKernelThreadsWhenNoTaskIsLeft() {
        SpecRun r = booted(Mainline.INSTANCE);
        // Only the root init: without kernel threads kill(-1) would find nobody (ESRCH).
        assertNull(r.errno(0, new Syscall.Kill(-1, Signals.SIGKILL)));
        SpecRun plain = new SpecRun(new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10)));
        assertEquals(Errno.ESRCH, plain.errno(0, new Syscall.Kill(-1, Signals.SIGKILL)));
    }

    @Test
    void kt3_noTaskWaitsForAKernelThread() {
        SpecRun r = booted(Mainline.INSTANCE);
        r.pid(0, new Syscall.Clone(0));
        assertEquals(Errno.ECHILD, r.errno(0, new Syscall.Wait(2)));
        assertEquals(Errno.ECHILD, r.errno(1, new Syscall.Wait(3)));
    }

    @Test
    void kt4_aPiFutexWordNamingAKernelThreadIsEperm() {
        // A container's second task takes the lock (its TID is 2 inside); the host reads 2 as kthreadd.
        SpecRun r = booted(Mainline.INSTANCE).withSharedWords(1);
        int host = 1;
        r.pid(0, new Syscall.Clone(0));
        r.pid(host, new Syscall.Clone(CLONE_NEWPID));
        int containerInit = 2;
        assertEquals(2, r.pid(containerInit, new Syscall.Clone(0)));
        int second = 3;
        assertNull(r.errno(second, new Syscall.FutexLockPi(0)));
        assertEquals(2, r.word(0));
        assertEquals(Errno.EPERM, r.errno(host, new Syscall.FutexTrylockPi(0)), "attach_to_pi_owner: PF_KTHREAD");
        assertEquals(Errno.EPERM, r.errno(host, new Syscall.FutexLockPi(0)));
        assertEquals(Errno.EAGAIN, r.errno(containerInit, new Syscall.FutexTrylockPi(0)), "inside, 2 is the owner");
    }

    @Test
    void kt5_setnsThroughAKernelThreadNamesTheRootNamespace() {
        SpecRun r = booted(Mainline.INSTANCE);
        r.pid(0, new Syscall.Clone(0));
        assertNull(r.errno(1, new Syscall.Setns(2)), "root in the root namespace: init_pid_ns is its own");
        r.pid(1, new Syscall.Clone(CLONE_NEWPID));
        assertEquals(Errno.ESRCH, r.errno(2, new Syscall.Setns(3)), "inside a child namespace 3 names nobody");
        SpecRun u = booted(Mainline.INSTANCE);
        u.pid(0, new Syscall.Clone(0));
        u.call(1, new Syscall.Unshare(CLONE_NEWUSER));
        assertEquals(Errno.EPERM, u.errno(1, new Syscall.Setns(2)), "ptrace_may_access: no CAP_SYS_PTRACE in init_user_ns");
    }

    @Test
    void theSeededBugLetsSigkillEndAKernelThread() {
        SpecRun r = booted(KthreadBugs.KILLABLE);
        assertNull(r.errno(0, new Syscall.Kill(3, Signals.SIGKILL)));
        assertFalse(r.k.kthreads().at(Kernel.ROOT_NS, 3));
        assertEquals(1, r.k.kthreads().deadCount());
    }
}
