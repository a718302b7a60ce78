package nscheck.model.kernel;

import nscheck.model.Property;
import nscheck.model.Verdict;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Kernel;

import java.util.List;

/**
 * Invariants over credentials and capabilities (K1): stated with cap_capable's rule on the
 * state before a call, independently of the variant; each has a seeded bug in
 * nscheck.spec.variant.SeededBugs that violates it.
 */
public final class CapabilityInvariants {
    private CapabilityInvariants() {}

    public static List<Property<Kernel, KernelStep>> all(Semantics s) {
        return List.of(noUnprivilegedPidChoice());
    }

    /** The PID-reuse attack (2009): whoever can pick a PID can impersonate a process that just exited. */
    public static final String NO_UNPRIVILEGED_PID_CHOICE = "no-unprivileged-pid-choice";
    public static final String NO_UNPRIVILEGED_PID_CHOICE_STATEMENT =
            "no caller obtains a PID it chose (set_tid, clone_with_pids, or ns_last_pid then fork) at a level whose owning user namespace it holds no CAP_CHECKPOINT_RESTORE in";

    private static boolean isClone(KernelStep step) {
        return step.call() instanceof nscheck.spec.call.Syscall.Clone3 || step.call() instanceof nscheck.spec.call.Syscall.CloneWithPids;
    }

    /** A successful write to ns_last_pid is the choice: the writer's next fork takes value+1. */
    static Property<Kernel, KernelStep> noUnprivilegedPidChoice() {
        return new Property.AlwaysStep<>(NO_UNPRIVILEGED_PID_CHOICE, NO_UNPRIVILEGED_PID_CHOICE_STATEMENT, (pre, step, post) -> {
            if (PidChoice.of(pre, pre, step.actor(), -1, step.call()) == null && !isClone(step)) return Verdict.VACUOUS;
            if (step.result().failed()) return Verdict.HOLDS;
            PidChoice choice = PidChoice.of(pre, post, step.actor(), step.result().about(), step.call());
            if (choice == null) return Verdict.VACUOUS;
            return Verdict.of(choice.privileged());
        });
    }
}
