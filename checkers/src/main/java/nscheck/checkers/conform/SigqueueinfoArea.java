package nscheck.checkers.conform;

import nscheck.model.kernel.CallMenu;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * rt_sigqueueinfo with a siginfo the caller made (P10b; kernel/signal.c do_rt_sigqueueinfo and
 * send_signal_locked): SI_QUEUE and SI_MESGQ claiming si_pid 1 and si_uid 0 or 1000 to any PID,
 * SI_USER and SI_TKILL (EPERM but to the caller's own TID), across a child PID namespace, after
 * setuid and from a new user namespace, read back by sigwaitinfo (si_pid, si_uid). The setup: T1
 * with the default mask, then the root init blocks SIGUSR1 and SIGCHLD and starts T2 as the init of
 * a child PID namespace with that mask, so T1's signals reach T2 from a sender it cannot see.
 */
final class SigqueueinfoArea {
    private SigqueueinfoArea() {}

    /** Reads are what show si_pid and si_uid: listed several times, as in the signals area. */
    private static final int READ_WEIGHT = 4;

    static Area sigqueueinfo() {
        List<Syscall> menu = new ArrayList<>(CallMenu.expand(List.of("clone", "clone-newpid", "sigblock", "rt-sigqueueinfo", "setuid",
                "unshare-newuser", "exit", "wait"), 5));
        for (int p = 1; p < 5; p++) menu.add(new Syscall.RtSigqueueinfo(p, nscheck.spec.call.SiCode.SI_MESGQ, 3, 1000));
        List<Syscall> initCalls = new ArrayList<>(CallMenu.expand(List.of("wait", "sigblock"), 5));
        for (int i = 0; i < READ_WEIGHT; i++) {
            menu.addAll(CallMenu.expand(List.of("sigwaitinfo", "sigwaitinfo-uid"), 5));
            initCalls.addAll(CallMenu.expand(List.of("sigwaitinfo", "sigwaitinfo-uid"), 5));
        }
        List<Syscall> fixed = List.copyOf(menu);
        return new Area("sigqueueinfo", "rt_sigqueueinfo with caller-made siginfo (si_code, si_pid, si_uid) across PID and user namespaces: EPERM for SI_USER and SI_TKILL to others, si_pid kept or 0, si_uid mapped",
                0, List.of(new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0)),
                        new Scenario.Step(Kernel.ROOT_INIT, new Syscall.SigBlock()),
                        new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(nscheck.spec.call.CloneFlags.CLONE_NEWPID))),
                (k, slot) -> slot == Kernel.ROOT_INIT ? initCalls : fixed);
    }
}
