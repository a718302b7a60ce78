package nscheck.checkers.conform;

import nscheck.model.kernel.CallMenu;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Processes as container runtimes use them (issue 19): sessions and process groups (setsid,
 * getsid, getpgid, setpgid in full, waitpid(0) and waitpid(-pgid)) and wait status (exit codes
 * and terminating signals through waitpid's status word and waitid's si_pid, si_code and
 * si_status, also for tasks killed by their namespace init's death). PIDs 0..4. The probe's
 * scenario init leads its own session and group (setsid), as the spec's root init does.
 */
final class ProcessArea {
    private ProcessArea() {}

    static Area sessions() {
        List<Syscall> menu = new ArrayList<>(CallMenu.expand(List.of("clone", "clone-newpid", "setsid", "setpgid", "setpgid-any",
                "getsid", "getpgid", "waitpid-pgrp", "exit", "wait"), 5));
        menu.add(new ProcessCall.Waitid(ProcessCall.Waitid.P_PGID, 0, ProcessCall.Waitid.Field.SI_PID));
        for (int p = 2; p < 5; p++) menu.add(new ProcessCall.Waitid(ProcessCall.Waitid.P_PGID, p, ProcessCall.Waitid.Field.SI_PID));
        menu.add(new ProcessCall.Setpgid(0, -1));
        List<Syscall> fixed = List.copyOf(menu);
        List<Syscall> initCalls = CallMenu.expand(List.of("wait", "getsid", "getpgid", "setsid"), 5);
        return new Area("sessions", "setsid, getsid, getpgid and setpgid across a PID namespace, waitpid(0), waitpid(-pgid) and waitid(P_PGID)",
                0, List.of(new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0))),
                (k, slot) -> slot == Kernel.ROOT_INIT ? initCalls : fixed);
    }

    static Area waitStatus() {
        List<Syscall> menu = new ArrayList<>(CallMenu.expand(List.of("clone", "clone-newpid", "unshare-newpid", "exit", "exit-status",
                "kill", "kill-term", "kill-usr1", "wait-status", "waitpid-status", "waitid"), 5));
        for (int p = 1; p < 5; p++) menu.add(new ProcessCall.Waitid(ProcessCall.Waitid.P_PID, p, ProcessCall.Waitid.Field.SI_STATUS));
        menu.add(new ProcessCall.Waitid(ProcessCall.Waitid.P_PID, 0, ProcessCall.Waitid.Field.SI_PID));
        List<Syscall> fixed = List.copyOf(menu);
        List<Syscall> initCalls = CallMenu.expand(List.of("wait-status", "waitid"), 5);
        return new Area("wait-status", "exit codes and terminating signals read by waitpid's status word and waitid's si_pid, si_code and si_status, also after a namespace init's death",
                0, List.of(new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0))),
                (k, slot) -> slot == Kernel.ROOT_INIT ? initCalls : fixed);
    }

    /**
     * Dispositions (issue 19 item 2, so far SIG_IGN and SIG_DFL with SA_NOCLDWAIT): SIGCHLD's
     * auto-reaping (children never become zombies; waitpid blocks while any lives, then ECHILD),
     * SIGUSR1 dropped when ignored unless blocked, what sigaction discards from the queue.
     */
    static Area dispositions() {
        List<Syscall> menu = new ArrayList<>(CallMenu.expand(List.of("clone", "clone-newpid", "sigaction", "sigblock", "kill-usr1",
                "exit", "wait", "waitpid"), 5));
        for (int i = 0; i < 2; i++) menu.addAll(CallMenu.expand(List.of("sigwaitinfo"), 5));
        List<Syscall> fixed = List.copyOf(menu);
        List<Syscall> initCalls = CallMenu.expand(List.of("wait", "sigaction", "sigblock", "sigwaitinfo"), 5);
        return new Area("dispositions", "sigaction SIG_IGN, SIG_DFL and SA_NOCLDWAIT for SIGCHLD and SIGUSR1: auto-reaping, ignored signals dropped unless blocked, pending ones discarded",
                0, List.of(new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0))),
                (k, slot) -> slot == Kernel.ROOT_INIT ? initCalls : fixed);
    }
}
