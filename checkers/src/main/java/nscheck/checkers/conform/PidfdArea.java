package nscheck.checkers.conform;

import nscheck.model.kernel.CallMenu;
import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * pidfds (D1-D4): pidfd_open, pidfd_send_signal, waitid(P_PIDFD) and close by tasks in two
 * nested PID namespaces, with pidfds inherited across fork into a child namespace. The setup:
 * T1 (PID 2) opens a pidfd on the scenario's init (fd 3), then makes T2, the init of a child
 * namespace, which inherits that pidfd of an ancestor-namespace process; T1 opens T2 (fd 4) and
 * the init opens T1 with PIDFD_NONBLOCK (its fd 3). Every scenario starts with pidfds that
 * cross a namespace boundary in both directions. Threads are made and named (PIDFD_THREAD,
 * ENOENT) and make file calls on their process's one table (CLONE_FILES, D5): a pidfd one
 * thread opens or closes is opened or closed for all of them.
 */
final class PidfdArea {
    private PidfdArea() {}

    static Area pidfd() {
        List<Syscall> fdCalls = new ArrayList<>(CallMenu.expand(List.of("pidfd-open", "pidfd-send-signal", "waitid-pidfd", "close"), 5));
        fdCalls.add(new FdCalls.PidfdSendSignal(3, 0, 0x100));
        fdCalls.add(new FdCalls.PidfdSendSignal(4, Signals.SIGUSR1, 1));
        fdCalls.add(new FdCalls.PidfdOpen(3, FdCalls.PIDFD_THREAD | FdCalls.PIDFD_NONBLOCK));
        fdCalls.add(new FdCalls.PidfdOpen(2, 1));
        List<Syscall> menu = new ArrayList<>(fdCalls);
        menu.addAll(CallMenu.expand(List.of("clone", "clone-newpid", "exit", "wait", "sigblock", "sigwaitinfo", "sigwaitinfo"), 5));
        menu.add(new Syscall.Clone(CloneFlags.CLONE_THREAD));
        List<Syscall> fixed = List.copyOf(menu);
        List<Syscall> initCalls = new ArrayList<>(fdCalls);
        initCalls.addAll(CallMenu.expand(List.of("wait"), 5));
        List<Syscall> init = List.copyOf(initCalls);
        List<Syscall> threadCalls = new ArrayList<>(CallMenu.expand(List.of("gettid", "exit"), 5));
        threadCalls.addAll(fdCalls);
        List<Scenario.Step> setup = List.of(
                new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0)),
                new Scenario.Step(1, new FdCalls.PidfdOpen(1, 0)),
                new Scenario.Step(1, new Syscall.Clone(CloneFlags.CLONE_NEWPID)),
                new Scenario.Step(1, new FdCalls.PidfdOpen(3, 0)),
                new Scenario.Step(Kernel.ROOT_INIT, new FdCalls.PidfdOpen(2, FdCalls.PIDFD_NONBLOCK)));
        return new Area("pidfd", "pidfd_open, pidfd_send_signal, waitid(P_PIDFD) and close across two PID namespaces, pidfds inherited into a child namespace, reaped and reused numbers",
                0, setup, (k, slot) -> slot == Kernel.ROOT_INIT ? init : k.task(slot).hasLeader() ? threadCalls : fixed);
    }
}
