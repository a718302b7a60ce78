package nscheck.model.kernel;

import nscheck.spec.call.PartialSyscallTable;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.CapabilityRules;
import nscheck.spec.state.Credentials;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Task;

/**
 * What a PID-choosing call asks for, every route to choosing a PID (no-unprivileged-pid-choice):
 * clone3's set_tid and clone_with_pids name numbers at levels of the child's namespaces; a write
 * to ns_last_pid names the next number of the writer's active namespace, which its next fork
 * takes. {@code shallowestLevel} is the shallowest level a number was chosen at, and
 * {@code capsFromLevel} the shallowest level whose owning user namespace the caller holds
 * CAP_CHECKPOINT_RESTORE in, both read from the state before the call, by cap_capable's rule
 * (CapabilityRules), not by the variant under check. A call that chooses nothing: null.
 */
public record PidChoice(int shallowestLevel, int capsFromLevel) {
    /** Whether the caller held the privilege at every level it chose at. */
    public boolean privileged() {
        return shallowestLevel >= capsFromLevel;
    }

    /**
     * What {@code call} by {@code actor} chose, read on the namespaces as they are: a clone's on
     * the child's namespaces after it ({@code post}, {@code child} its slot), whoever made them
     * (the call's flags or the variant's), a write on the writer's active namespace before it.
     */
    public static PidChoice of(Kernel pre, Kernel post, int actor, int child, Syscall call) {
        return call.accept(new Of(pre, post, actor, child));
    }

    private static final class Of extends PartialSyscallTable<PidChoice> {
        private final Kernel pre;
        private final Kernel post;
        private final int actor;
        private final int child;

        Of(Kernel pre, Kernel post, int actor, int child) {
            this.pre = pre;
            this.post = post;
            this.actor = actor;
            this.child = child;
        }

        @Override protected PidChoice otherwise(Syscall call) { return null; }

        @Override public PidChoice clone3(Syscall.Clone3 c) {
            Task t = post.task(child);
            if (t == null) return null;
            return new PidChoice(t.level() + 1 - c.setTid().size(), capsFromLevel(t));
        }

        @Override public PidChoice cloneWithPids(Syscall.CloneWithPids c) {
            Task t = post.task(child);
            if (t == null) return null;
            int l = 0;
            while (l < c.pids().size() && c.pids().get(l) == 0) l++;
            return l < c.pids().size() ? new PidChoice(l, capsFromLevel(t)) : null;
        }

        @Override public PidChoice writeNsLastPid(Syscall.WriteNsLastPid c) {
            int ns = pre.task(actor).activeNs();
            return new PidChoice(pre.ns(ns).level(), CapabilityRules.capsFromLevel(pre, actor, ns));
        }

        /** The caller's credentials (unchanged by the clone) against the owners of the child's levels. */
        private int capsFromLevel(Task childTask) {
            Credentials c = pre.objects().context(actor).cred();
            return CapabilityRules.capsFromLevel(post, c, childTask.activeNs());
        }
    }
}
