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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill(-1) and the kernel threads of init_pid_ns (kernel/signal.c kill_something_info;
 * docs/semantics.md KT2): only a caller in the root namespace meets them, each of them (the last
 * one too), and they alone make the call succeed. Under seeded-kthread-killable a SIGKILL that
 * reaches them ends them, which shows whom the walk reached.
 */
class KillEveryKernelThreadTest {
    private static SpecRun booted(Variant v) {
        return new SpecRun(new Semantics(v, new Limits(6, 2, 10, 2)));
    }

    @Test
    void theKernelThreadsAloneMakeKillMinusOneSucceedInTheRootNamespace() {
        assertEquals(Errno.ESRCH, new SpecRun(Mainline.INSTANCE).errno(0, new Syscall.Kill(-1, 0)), "no kernel threads: nobody to signal");
        SpecRun r = booted(Mainline.INSTANCE);
        assertEquals(0, r.value(0, new Syscall.Kill(-1, 0)));
    }

    /** With kthreadd gone only the last kernel thread is left, and it still counts. */
    @Test
    void theLastKernelThreadIsWalkedToo() {
        SpecRun r = booted(KthreadBugs.KILLABLE);
        r.value(0, new Syscall.Kill(2, Signals.SIGKILL));
        assertEquals(0, r.value(0, new Syscall.Kill(-1, 0)), "kernel thread 3 is left");
        r.value(0, new Syscall.Kill(3, Signals.SIGKILL));
        assertEquals(Errno.ESRCH, r.errno(0, new Syscall.Kill(-1, 0)));
    }

    @Test
    void onlyACallerInTheRootNamespaceReachesThem() {
        SpecRun r = booted(KthreadBugs.KILLABLE);
        r.value(0, new Syscall.Clone(0));                             // T1
        r.value(1, new Syscall.Clone(CLONE_NEWPID));                  // T2: init of N
        assertEquals(Errno.ESRCH, r.errno(2, new Syscall.Kill(-1, 0)), "alone in N: the kernel threads are not met");
        r.value(2, new Syscall.Clone(0));                             // T3: 2 in N
        r.value(2, new Syscall.Kill(-1, Signals.SIGKILL));            // reaches T3 only
        assertTrue(r.k.kthreads().at(Kernel.ROOT_NS, 2) && r.k.kthreads().at(Kernel.ROOT_NS, 3));
        r.call(1, new Syscall.Kill(-1, Signals.SIGKILL));
        assertFalse(r.k.kthreads().at(Kernel.ROOT_NS, 2), "kthreadd");
        assertFalse(r.k.kthreads().at(Kernel.ROOT_NS, 3), "the last one");
    }
}
