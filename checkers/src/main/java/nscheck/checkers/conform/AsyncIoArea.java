package nscheck.checkers.conform;

import nscheck.model.kernel.CallMenu;
import nscheck.spec.call.AsyncIoCall;
import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Credentials;
import nscheck.spec.state.Fown;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.TaskContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Async I/O owners (fs/fcntl.c, A1-A5) of the scenario's pipe, which every actor inherits with
 * O_ASYNC on its read end: F_SETOWN of a process, a group or nobody, F_SETOWN_EX of a thread,
 * a process or a group, F_GETOWN read in other PID namespaces (0 when the owner is invisible or
 * gone), F_SETSIG 0, SIGIO and an invalid signal, writes from any namespace, and the SIGIO they
 * raise read by sigwaitinfo (si_pid, si_code, si_fd), with setuid(1000) so that sigio_perm
 * refuses some owners (known divergence "sigio-global-root" keeps out the writes whose SIGIO
 * only the spec's kuid-0 root lets through). The setup makes T1 (PID 2), the init of a child namespace T2 (3, 1 inside)
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
                (k, slot) -> slot == Kernel.ROOT_INIT ? init : onlyComparableWrites(k, fixed));
    }

    /**
     * The filter of known divergence "sigio-global-root": no pipe write while the owner was set by
     * the spec's root (kuid 0) and one of the owner's tasks passes sigio_perm only because of it.
     */
    static List<Syscall> onlyComparableWrites(Kernel k, List<Syscall> menu) {
        if (!rootClauseAlone(k)) return menu;
        List<Syscall> out = new ArrayList<>();
        for (Syscall c : menu) if (!(c instanceof AsyncIoCall.PipeWrite)) out.add(c);
        return out;
    }

    private static boolean rootClauseAlone(Kernel k) {
        Fown f = k.objects().fown();
        if (f.pid() == null || f.euid() != 0) return false;
        for (int i = 0; i < k.taskSlots(); i++) {
            TaskContext c = k.objects().context(i);
            if (k.task(i) == null || c == null) continue;
            boolean owned = f.type() == Fown.PIDTYPE_PGID ? f.pid().equals(c.pgrp()) : f.pid().holder(k) == i;
            Credentials t = c.cred();
            boolean byIds = f.euid() == t.uid() || f.euid() == t.euid() || f.uid() == t.uid() || f.uid() == t.euid();
            if (owned && !byIds) return true;
        }
        return false;
    }
}
