package nscheck.checkers.conform;

import nscheck.model.kernel.CallMenu;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Credentials and capabilities (K1, K3, K4): who may create PID, IPC and user namespaces, enter
 * a PID namespace, choose a PID (clone3's set_tid, ns_last_pid) and signal whom, for root, for a
 * task that dropped to uid 1000 with setuid (kuid 101000 under the sandbox's map 0 100000 65536:
 * a real unprivileged kuid, so no mapping to kuid 0 hides kill_ok_by_cred), and for the owner of a new
 * user namespace made with its PID namespace. PIDs 1..4.
 */
final class CapsArea {
    private CapsArea() {}

    static Area caps() {
        List<Syscall> menu = new ArrayList<>(CallMenu.expand(List.of("clone", "setuid", "clone-newpid", "unshare-newpid",
                "clone-newuser-newpid", "unshare-newuser-newpid", "clone-newipc", "unshare-newipc", "setns", "clone3-set-tid",
                "kill-probe", "kill-usr1", "uid-map", "exit", "wait"), 5));
        // the PID-choosing write, at numbers the scenario can reach
        for (int v = 0; v <= 4; v++) menu.add(new Syscall.WriteNsLastPid(v));
        List<Syscall> fixed = List.copyOf(menu);
        List<Syscall> initCalls = CallMenu.expand(List.of("wait"), 5);
        return new Area("caps", "capabilities from credentials and owning user namespaces: namespace creation, setns, set_tid, ns_last_pid, kill permission, uid_map after setuid",
                0, List.of(new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0))),
                (k, slot) -> slot == Kernel.ROOT_INIT ? initCalls : withinNesting(k, slot, fixed));
    }

    /**
     * set_tid no longer than the child's nesting: the scenario's root is itself a child namespace
     * of the probe's, so a longer array reaches the host's levels on the kernel (EEXIST there)
     * where the spec says EINVAL (known divergence "scaled-limits": the scenario namespace's level).
     */
    private static List<Syscall> withinNesting(Kernel k, int slot, List<Syscall> menu) {
        List<Syscall> out = new ArrayList<>();
        int levels = k.ns(k.task(slot).nsForChildren).level() + 1;
        for (Syscall c : menu) {
            if (c instanceof Syscall.Clone3 c3) {
                int l = levels + (nscheck.spec.call.CloneFlags.has(c3.flags(), nscheck.spec.call.CloneFlags.CLONE_NEWPID) ? 1 : 0);
                if (c3.setTid().size() > l) continue;
            }
            out.add(c);
        }
        return out;
    }
}
