package nscheck.model.kernel;

import nscheck.model.Property;
import nscheck.model.Verdict;
import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.PartialSyscallTable;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.OpenFile;
import nscheck.spec.state.TaskContext;

import java.util.List;

/**
 * Invariants over the files tasks hold (pidfds), stated on the state before a call, whatever the
 * variant answers; each has a seeded bug in nscheck.spec.variant.SeededBugs that violates it.
 */
public final class FdInvariants {
    private FdInvariants() {}

    public static List<Property<Kernel, KernelStep>> all(Semantics s) {
        return List.of(pidfdStable(), nsFileScope(), NsNameInvariants.namesUnique());
    }

    /**
     * D2, D3: a pidfd names a struct pid, not a number. Once its process is reaped it reaches
     * nobody, even after another task takes the same numbers: the reason pidfds exist.
     */
    static Property<Kernel, KernelStep> pidfdStable() {
        return new Property.AlwaysStep<>("pidfd-stable",
                "a pidfd whose process has been reaped reaches nobody: pidfd_send_signal fails ESRCH and waitid(P_PIDFD) ECHILD, even once its numbers are reused", (pre, step, post) -> {
            Integer fd = step.call().accept(PIDFD_ARGUMENT);
            if (fd == null) return Verdict.VACUOUS;
            TaskContext c = pre.objects().context(pre.groupLeader(step.actor())); // the group's one table (D5)
            if (!(c.fds().get(fd) instanceof OpenFile.Pidfd p) || !p.reaped()) return Verdict.VACUOUS;
            return Verdict.of(step.result().failed());
        });
    }

    /** The pidfd a call acts on through a process, or null for every other call. */
    private static final PartialSyscallTable<Integer> PIDFD_ARGUMENT = new PartialSyscallTable<>() {
        @Override protected Integer otherwise(Syscall call) { return null; }

        @Override public Integer pidfdSendSignal(FdCalls.PidfdSendSignal call) { return call.flags() == 0 ? call.fd() : null; }

        @Override public Integer waitidPidfd(FdCalls.WaitidPidfd call) { return call.fd(); }
    };

    /**
     * N7: the nsfs ioctls that open a related namespace never reach above the caller. Stated on
     * the file the call returned, against the caller's namespaces before the call.
     */
    static Property<Kernel, KernelStep> nsFileScope() {
        return new Property.AlwaysStep<>("ns-file-scope",
                "a namespace file NS_GET_PARENT or NS_GET_USERNS hands a task names a namespace at or below its own: its active PID namespace, its user namespace", (pre, step, post) -> {
            if (!(step.call() instanceof FdCalls.NsIoctl io) || (io.op() != FdCalls.NS_GET_PARENT && io.op() != FdCalls.NS_GET_USERNS))
                return Verdict.VACUOUS;
            if (step.result().failed()) return Verdict.VACUOUS;
            TaskContext c = post.objects().context(post.groupLeader(step.actor()));
            if (!(c.fds().get((int) step.result().value()) instanceof OpenFile.NsFile n)) return Verdict.VIOLATED;
            if (n.type() == CloneFlags.CLONE_NEWPID) return Verdict.of(pre.isSelfOrDescendant(n.ns(), pre.task(step.actor()).activeNs()));
            return Verdict.of(pre.objects().userNsWithin(n.ns(), pre.objects().context(step.actor()).cred().userNs()));
        });
    }
}
