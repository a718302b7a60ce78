package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.call.Signals;
import nscheck.spec.state.Credentials;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.state.PidNamespace;
import nscheck.spec.state.Task;
import nscheck.spec.state.TaskState;
import nscheck.spec.variant.Variant;

/**
 * kernel/pid_namespace.c: making a PID namespace, the death of its init (zap_pid_ns_processes)
 * and /proc/sys/kernel/ns_last_pid (P1, P4, P6, P12).
 */
final class PidNamespaceRules {
    private PidNamespaceRules() {}

    /**
     * copy_pid_ns / create_pid_namespace: the checks before a new PID namespace owned by
     * {@code owner} exists (P1, P12, K1); null if it may. The owner must be the parent
     * namespace's owner or below it (in_userns).
     */
    static Outcome createRefused(Limits limits, Kernel k, Task t, int owner) {
        if (t.nsForChildren != t.activeNs()) return Outcome.error(k, Errno.EINVAL);
        if (!CapabilityRules.inUserns(k.objects(), k.ns(t.nsForChildren).userNs(), owner)) return Outcome.error(k, Errno.EINVAL);
        if (k.ns(t.nsForChildren).level() + 1 > limits.maxLevel()) return Outcome.error(k, Errno.ENOSPC);
        return null;
    }

    /**
     * unshare(CLONE_NEWPID): only later children enter the new namespace (P12); it needs
     * CAP_SYS_ADMIN in the caller's user namespace, which owns it (unshare_nsproxy_namespaces, K1).
     */
    static Outcome unshareNewPid(Limits limits, Kernel k, int actor) {
        Task t = k.task(actor);
        Credentials c = k.objects().context(actor).cred();
        if (!CapabilityRules.capable(k.objects(), c, c.userNs())) return Outcome.error(k, Errno.EPERM);
        Outcome refused = createRefused(limits, k, t, c.userNs());
        if (refused != null) return refused;
        int slot = k.freeNsSlot();
        Kernel cur = k.addNamespace(PidNamespace.fresh(t.activeNs(), k.ns(t.activeNs()).level() + 1, limits.pidMax(), c.userNs()));
        return Outcome.zero(cur.withTask(actor, t.withNsForChildren(slot)));
    }

    /**
     * zap_pid_ns_processes when the init in {@code slot} of namespace {@code ns} dies: no more
     * entries, SIGKILL to everything the namespace can see, then the init waits until all of it
     * is reaped (P6; see {@link #settle}).
     */
    static Kernel zapPidNsProcesses(Variant v, Kernel k, int ns, int slot) {
        Kernel cur = k.withNamespace(ns, k.ns(ns).closed());
        // One new task table for the init and everything it kills, not a copy per signalled task
        // (zapReaches asks about the task in slot i alone, which no other task's SIGKILL changes).
        Task[] changed = new Task[cur.taskSlots()];
        changed[slot] = k.task(slot).dead(TaskState.EXITING);
        for (int i = 0; i < cur.taskSlots(); i++) {
            Task u = cur.task(i);
            if (i == slot || u == null || !u.alive() || u.pendingSignal != 0) continue;
            if (v.zapReaches(cur, ns, i)) changed[i] = u.withPendingSignal(Signals.SIGKILL);
        }
        return settle(v, cur.withTasks(changed));
    }

    /**
     * The kernel's own reaping, to a fixed point: an init in zap_pid_ns_processes reaps its
     * zombie children, and finishes its exit (becoming a zombie itself) once nothing else holds
     * a number in its namespace. Unreferenced namespaces are freed.
     */
    static Kernel settle(Variant v, Kernel k) {
        // Both cases below need an init in zap_pid_ns_processes (EXITING): without one, only the namespaces are collected.
        boolean changed = anyExiting(k);
        while (changed) {
            changed = false;
            for (int i : k.slotsByCreation()) { // oldest first, not by slot (a label: TaskSymmetry)
                Task u = k.task(i);
                if (u == null) continue;
                if (u.state == TaskState.ZOMBIE && k.task(u.parent) != null && k.task(u.parent).state == TaskState.EXITING) {
                    k = k.release(i);
                    changed = true;
                } else if (u.state == TaskState.EXITING && !othersIn(k, u.activeNs(), i, u.hasLeader() ? u.leader : i)) {
                    // zap_pid_ns_processes waits for init_pids: 1, or 2 when the init is a thread (its dead
                    // leader keeps its pid); then a thread reaps itself (no SIGCHLD), a leader becomes a
                    // zombie and notifies its parent (found by `nscheck conform`).
                    if (u.hasLeader()) {
                        k = k.release(i);
                    } else {
                        k = k.withTask(i, u.withState(TaskState.ZOMBIE));
                        k = SignalRules.doNotifyParent(v, k, i);
                    }
                    changed = true;
                }
            }
        }
        return k.collectNamespaces();
    }

    private static boolean anyExiting(Kernel k) {
        for (int i = 0; i < k.taskSlots(); i++) if (k.task(i) != null && k.task(i).state == TaskState.EXITING) return true;
        return false;
    }

    private static boolean othersIn(Kernel k, int ns, int except, int alsoExcept) {
        for (int i = 0; i < k.taskSlots(); i++) {
            Task u = k.task(i);
            if (i != except && i != alsoExcept && u != null && u.hasNumberIn(ns)) return true;
        }
        return false;
    }

    /** pid_ns_ctl_handler, read: the last number allocated in the caller's active namespace (P4). */
    static Outcome readNsLastPid(Kernel k, int actor) {
        return new Outcome(k, Observation.value(k.ns(k.task(actor).activeNs()).cursor() - 1));
    }

    /**
     * pid_ns_ctl_handler, write: the next allocation in the writer's active namespace searches
     * from value+1 (P4). Choosing the next PID is checkpoint/restore's privilege:
     * checkpoint_restore_ns_capable in the namespace's owner, else EPERM before the range (K1).
     */
    static Outcome writeNsLastPid(Variant v, Kernel k, int actor, int value) {
        int ns = k.task(actor).activeNs();
        PidNamespace p = k.ns(ns);
        if (v.nsLastPidChecksCapability()
                && !CapabilityRules.capable(k.objects(), k.objects().context(actor).cred(), p.userNs()))
            return Outcome.error(k, Errno.EPERM);
        if (value < 0 || value > p.pidMax()) return Outcome.error(k, Errno.EINVAL);
        return Outcome.zero(k.withNamespace(ns, p.withCursor(value + 1)));
    }
}
