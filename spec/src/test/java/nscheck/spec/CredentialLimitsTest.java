package nscheck.spec;

import nscheck.spec.call.AsyncIoCall;
import nscheck.spec.call.Errno;
import nscheck.spec.call.Observation;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.SiCode;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;
import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * User namespace creation and its maps (kernel/user_namespace.c), RLIMIT_NPROC's exemption for
 * kuid 0 (kernel/ucount.c, copy_process), sigaction's discarding of pending signals and what
 * sigwaitinfo names (kernel/signal.c) (docs/semantics.md U3-U5, K1, K4, P10, P18).
 */
class CredentialLimitsTest {
    private static final Syscall FORK = new Syscall.Clone(0);
    private static final Syscall SI_PID = new Syscall.Sigwaitinfo(false);

    /** create_user_ns: a namespace one level below the limit is made, the next is ENOSPC; unmapped creators EPERM first. */
    @Test
    void userNamespacesStopAtTheDepthLimit() {
        SpecRun r = new SpecRun(new Semantics(Mainline.INSTANCE, new Limits(6, 1, 10)));
        r.value(0, FORK);
        r.value(1, new Syscall.Unshare(CLONE_NEWUSER));
        r.value(1, new Syscall.WriteIdMaps());
        assertEquals(Errno.ENOSPC, r.errno(1, new Syscall.Unshare(CLONE_NEWUSER)));
        SpecRun deeper = new SpecRun(new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10)));
        deeper.value(0, FORK);
        deeper.value(1, new Syscall.Unshare(CLONE_NEWUSER));
        assertEquals(Errno.EPERM, deeper.errno(1, new Syscall.Unshare(CLONE_NEWUSER)), "uid 0 unmapped in U1");
        deeper.value(1, new Syscall.WriteIdMaps());
        deeper.value(1, new Syscall.Unshare(CLONE_NEWUSER));
    }

    /** map_write: not init_user_ns's maps, and each map once. */
    @Test
    void mapsAreWrittenOnceAndNeverForTheInitialNamespace() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        assertEquals(Errno.EPERM, r.errno(0, new Syscall.WriteIdMaps()));
        r.value(0, FORK);
        r.value(1, new Syscall.Unshare(CLONE_NEWUSER));
        r.value(1, new Syscall.WriteIdMaps());
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.WriteIdMaps()));
    }

    /** RLIMIT_NPROC does not bind kuid 0, in whatever user namespace it is uid 0. */
    @Test
    void kuidZeroForksPastTheProcessLimit() {
        SpecRun r = new SpecRun(new Semantics(Mainline.INSTANCE, new Limits(8, 2, 16)));
        r.value(0, FORK);
        r.value(1, new Syscall.Unshare(CLONE_NEWUSER));
        r.value(1, new Syscall.WriteIdMaps());                      // uid 0 in U1 is kuid 0
        for (int i = 0; i < 4; i++) r.value(1, FORK);
    }

    /** SIG_IGN discards what is pending, in every thread's queue; SIG_DFL for SIGUSR1 keeps it. */
    @Test
    void sigactionDiscardsPendingSignalsOnlyWhenIgnoring() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, FORK);                                          // T1 = 2
        r.value(1, new Syscall.SigBlock());
        r.value(1, new Syscall.Clone(CLONE_THREAD));               // T2
        r.value(0, new Syscall.Kill(2, Signals.SIGUSR1));
        r.value(2, new ProcessCall.Sigaction(Signals.SIGUSR1, false, false));
        assertEquals(1, r.value(1, SI_PID), "SIG_DFL kept it");
        r.value(0, new Syscall.Kill(2, Signals.SIGUSR1));
        r.value(2, new ProcessCall.Sigaction(Signals.SIGUSR1, true, false));
        assertFalse(r.canCall(1, SI_PID), "SIG_IGN by the other thread discarded it");
        assertEquals(Errno.EINVAL, r.errno(1, new ProcessCall.Sigaction(0, true, false)));
        assertEquals(Errno.EINVAL, r.errno(1, new ProcessCall.Sigaction(Signals.NSIG + 1, true, false)));
    }

    /** SIGCHLD's default is to ignore: setting SIG_DFL discards a pending SIGCHLD too. */
    @Test
    void sigchldDefaultDiscardsAPendingSigchld() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, FORK);                                          // T1 = 2
        r.value(1, new Syscall.SigBlock());
        r.value(1, FORK);                                          // T2 = 3
        r.call(2, new Syscall.Exit(0));
        r.value(1, new ProcessCall.Sigaction(Signals.SIGCHLD, false, false));
        assertFalse(r.canCall(1, SI_PID));
        assertEquals(3, r.value(1, new Syscall.Wait(-1)), "the zombie is still there");
    }

    /** sigwaitinfo names the sender's task (the root init is slot 0); a made-up si_pid names nobody; SIGIO is not its to take. */
    @Test
    void sigwaitinfoNamesTheSender() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, FORK);
        r.value(1, new Syscall.SigBlock());
        r.value(0, new Syscall.Kill(2, Signals.SIGUSR1));
        assertEquals(1, r.value(1, SI_PID));
        assertEquals(0, r.last.about());
        r.value(0, new Syscall.RtSigqueueinfo(2, SiCode.SI_QUEUE, 1, 0));
        assertEquals(1, r.value(1, SI_PID));
        assertEquals(Observation.NOBODY, r.last.about(), "si_pid 1 was written by the sender");
        r.value(1, new AsyncIoCall.Setown(2));
        r.value(0, new AsyncIoCall.PipeWrite());
        assertFalse(r.canCall(1, SI_PID), "only SIGIO is pending");
    }
}
