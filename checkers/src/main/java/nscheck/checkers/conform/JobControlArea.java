package nscheck.checkers.conform;

import nscheck.model.kernel.CallMenu;
import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.Outcome;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.state.Task;
import nscheck.spec.variant.Mainline;

import java.util.ArrayList;
import java.util.List;

/**
 * Job control (J1-J5): SIGSTOP and SIGCONT to processes and groups, waitpid with
 * WUNTRACED|WCONTINUED, SIGCHLD with CLD_STOPPED and CLD_CONTINUED read by sigwaitinfo, and the
 * orphaned process group rule on exit. The setup makes the research probe's layout: T1 the init
 * of a child PID namespace, its child T2 leading a session of its own (setsid), T2's child T3
 * leading a group of its own (setpgid) and T3's child T4 in that group, so that T3's exit orphans
 * T4's group (its reaper T1 is in another session). Everything happens below T1: the kernel exempts only the global init from the orphan test, and
 * the probe's actor 0 is a namespace's init, not the global one, so T1 (its children's reaper)
 * never changes its group or session and never exits, and actor 0 only stops and continues T1
 * from the ancestor namespace (a namespace init drops SIGSTOP from inside its own). A call that
 * would stop its own caller is not offered: the caller would answer only once continued.
 */
final class JobControlArea {
    private JobControlArea() {}

    /** Only to see whether a call stops its own caller (the arguments do not depend on limits). */
    private static final Semantics SPEC = new Semantics(Mainline.INSTANCE, new Limits(24, 8, 1 << 22));

    static Area jobControl() {
        List<Syscall> below = new ArrayList<>(CallMenu.expand(List.of("clone", "setpgid", "setsid", "exit", "wait", "sigblock", "sigwaitinfo"), 5));
        List<Syscall> signals = new ArrayList<>(CallMenu.expand(List.of("kill-stop", "kill-cont", "wait-untraced", "sigblock-job", "sigwaitinfo-job"), 5));
        // SIGCONT to the caller's group and to groups 2..4 (family kill-pgrp)
        signals.add(new Syscall.Kill(0, nscheck.spec.call.Signals.SIGCONT));
        for (int p = 2; p < 5; p++) signals.add(new Syscall.Kill(-p, nscheck.spec.call.Signals.SIGCONT));
        below.addAll(signals);
        List<Syscall> reaper = new ArrayList<>(CallMenu.expand(List.of("clone", "wait", "sigblock", "sigwaitinfo", "kill-stop", "kill-cont", "wait-untraced"), 5));
        List<Syscall> ancestor = new ArrayList<>();
        for (int sig : new int[] {nscheck.spec.call.Signals.SIGSTOP, nscheck.spec.call.Signals.SIGCONT}) ancestor.add(new Syscall.Kill(2, sig));
        List<Syscall> fixed = List.copyOf(below), init = List.copyOf(reaper), root = List.copyOf(ancestor);
        return new Area("job-control", "SIGSTOP and SIGCONT to processes and groups (a namespace init stopped only from an ancestor namespace), waitpid with WUNTRACED|WCONTINUED, SIGCHLD with CLD_STOPPED and CLD_CONTINUED, and the orphaned process group rule (SIGHUP, SIGCONT) with a namespace init as reaper",
                0, List.of(new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(CloneFlags.CLONE_NEWPID)),
                        new Scenario.Step(1, new Syscall.Clone(0)), new Scenario.Step(2, new ProcessCall.Setsid()),
                        new Scenario.Step(2, new Syscall.Clone(0)), new Scenario.Step(3, new ProcessCall.Setpgid()),
                        new Scenario.Step(3, new Syscall.Clone(0))),
                (k, slot) -> notStoppingItself(k, slot, slot == Kernel.ROOT_INIT ? root : k.isChildReaper(slot) ? init : fixed));
    }

    private static List<Syscall> notStoppingItself(Kernel k, int slot, List<Syscall> calls) {
        List<Syscall> out = new ArrayList<>();
        for (Syscall c : calls) {
            if (c instanceof Syscall.Kill kill && kill.sig() == nscheck.spec.call.Signals.SIGSTOP) {
                List<Outcome> o = SPEC.step(k, slot, c);
                Task after = o.size() == 1 ? o.get(0).next().task(slot) : null;
                if (after != null && after.stopped()) continue;
            }
            out.add(c);
        }
        return out;
    }
}
