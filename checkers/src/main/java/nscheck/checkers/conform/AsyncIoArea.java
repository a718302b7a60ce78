package nscheck.checkers.conform;

import nscheck.model.kernel.CallMenu;
import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Async I/O owners (fs/fcntl.c, A1-A5) of the scenario's pipe, which every actor inherits with
 * O_ASYNC on its read end: F_SETOWN of a process, a group or nobody, F_SETOWN_EX of a thread,
 * a process or a group, F_GETOWN read in other PID namespaces (0 when the owner is invisible or
 * gone), F_SETSIG 0, SIGIO and an invalid signal, writes from any namespace, and the SIGIO they
 * raise read by sigwaitinfo (si_pid, si_code, si_fd), with setuid(1000) so that sigio_perm
 * refuses some owners. The setup makes T1 (PID 2), the init of a child namespace T2 (3, 1 inside)
 * and T3 (4) in the root namespace; PIDs 1..4.
 */
final class AsyncIoArea {
    private AsyncIoArea() {}

    /** Reads and writes several times over, so that random walks read what they set and raise. */
    private static final int WEIGHT = 6;

    static Area asyncIo() {
        List<Syscall> menu = new ArrayList<>(CallMenu.expand(List.of("clone", "clone-newpid", "setpgid", "setuid", "exit", "wait",
                "f-setown", "f-setown-pgrp", "f-setown-ex", "f-setsig"), 5));
        List<Syscall> initCalls = new ArrayList<>(CallMenu.expand(List.of("wait"), 5));
        for (int i = 0; i < WEIGHT; i++) {
            menu.addAll(CallMenu.expand(List.of("f-getown", "pipe-write", "sigwaitinfo-sigio"), 5));
            initCalls.addAll(CallMenu.expand(List.of("f-getown", "sigwaitinfo-sigio"), 5));
        }
        List<Syscall> fixed = List.copyOf(menu);
        List<Syscall> init = List.copyOf(initCalls);
        return new Area("async-io", "F_SETOWN, F_SETOWN_EX, F_GETOWN and F_SETSIG on a pipe with O_ASYNC; SIGIO from writes in any namespace to the owner (sigio_perm), read by sigwaitinfo (si_pid, si_code, si_fd)",
                0, List.of(new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0)),
                        new Scenario.Step(1, new Syscall.Clone(CloneFlags.CLONE_NEWPID)),
                        new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0))),
                (k, slot) -> slot == Kernel.ROOT_INIT ? init : fixed);
    }
}
