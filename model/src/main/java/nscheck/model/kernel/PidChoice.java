package nscheck.model.kernel;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.PartialSyscallTable;
import nscheck.spec.call.Privilege;
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

    public static PidChoice of(Kernel pre, int actor, Syscall call) {
        return call.accept(new Of(pre, actor));
    }

    private static final class Of extends PartialSyscallTable<PidChoice> {
        private final Kernel k;
        private final int actor;

        Of(Kernel k, int actor) {
            this.k = k;
            this.actor = actor;
        }

        @Override protected PidChoice otherwise(Syscall call) { return null; }

        @Override public PidChoice clone3(Syscall.Clone3 c) {
            int levels = childLevels(c.flags());
            return new PidChoice(levels - c.setTid().size(), capsFromLevel(c.flags()));
        }

        @Override public PidChoice cloneWithPids(Syscall.CloneWithPids c) {
            int l = 0;
            while (l < c.pids().size() && c.pids().get(l) == 0) l++;
            return l < c.pids().size() ? new PidChoice(l, capsFromLevel(c.flags())) : null;
        }

        @Override public PidChoice writeNsLastPid(Syscall.WriteNsLastPid c) {
            int ns = k.task(actor).activeNs();
            return new PidChoice(k.ns(ns).level(), CapabilityRules.capsFromLevel(k, actor, ns));
        }

        private int childLevels(int flags) {
            Task t = k.task(actor);
            return k.ns(t.nsForChildren).level() + 1 + (CloneFlags.has(flags, CloneFlags.CLONE_NEWPID) ? 1 : 0);
        }

        /** The levels of the child's namespaces; a new one is owned by the caller's user namespace, or a new one it owns. */
        private int capsFromLevel(int flags) {
            Task t = k.task(actor);
            int from = CapabilityRules.capsFromLevel(k, actor, t.nsForChildren);
            if (from != Privilege.NONE || !CloneFlags.has(flags, CloneFlags.CLONE_NEWPID)) return from;
            Credentials c = k.objects().context(actor).cred();
            boolean ownsNew = CloneFlags.has(flags, CloneFlags.CLONE_NEWUSER) || CapabilityRules.capable(k.objects(), c, c.userNs());
            return ownsNew ? k.ns(t.nsForChildren).level() + 1 : Privilege.NONE;
        }
    }
}
