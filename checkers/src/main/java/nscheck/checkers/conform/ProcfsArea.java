package nscheck.checkers.conform;

import nscheck.model.kernel.CallMenu;
import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * /proc views (fs/proc, V1-V4): proc mounted in a fresh mount namespace of the caller (it shows
 * the caller's active PID namespace, also after unshare(CLONE_NEWPID)), inherited by the children
 * forked after, in whichever PID namespace they are; /proc/self, /proc/thread-self and the NSpid
 * line of /proc/N/status read through the caller's proc, for every N; EPERM for a caller without
 * CAP_SYS_ADMIN (setuid(1000)) or without it over its PID namespace's owner (unshare(CLONE_NEWUSER)).
 * The setup makes T1 (PID 2), the init of a child namespace T2 (3, 1 inside) and T3 (4) in the
 * root namespace; PIDs 1..4.
 */
final class ProcfsArea {
    private ProcfsArea() {}

    /** Reads several times over, so that random walks read what the mounts changed. */
    private static final int WEIGHT = 3;

    static Area procfs() {
        List<Syscall> menu = new ArrayList<>(CallMenu.expand(List.of("clone", "clone-newpid", "unshare-newpid", "clone-thread",
                "setuid", "unshare-newuser", "exit", "wait"), 5));
        List<Syscall> initCalls = new ArrayList<>(CallMenu.expand(List.of("wait", "mount-proc"), 5));
        for (int i = 0; i < WEIGHT; i++) {
            menu.addAll(CallMenu.expand(List.of("mount-proc", "proc-self"), 5));
            initCalls.addAll(CallMenu.expand(List.of("proc-self"), 5));
        }
        menu.addAll(CallMenu.expand(List.of("proc-nspid"), 5));
        initCalls.addAll(CallMenu.expand(List.of("proc-nspid"), 5));
        List<Syscall> fixed = List.copyOf(menu);
        List<Syscall> init = List.copyOf(initCalls);
        return new Area("procfs", "proc mounted in a new mount namespace (the mounter's active PID namespace), inherited across fork into child PID namespaces; /proc/self, /proc/thread-self and /proc/N/status NSpid read through it",
                0, List.of(new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0)),
                        new Scenario.Step(1, new Syscall.Clone(CloneFlags.CLONE_NEWPID)),
                        new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0))),
                (k, slot) -> slot == Kernel.ROOT_INIT ? init : fixed);
    }
}
