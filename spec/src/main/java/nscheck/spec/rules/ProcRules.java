package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.Credentials;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.Task;
import nscheck.spec.variant.Variant;

/**
 * fs/proc: a proc superblock is bound to one PID namespace, the mounter's active one
 * (proc_init_fs_context: task_active_pid_ns(current), not pid_for_children), and every number it
 * shows or resolves is of that namespace, whoever reads (V1-V4). The spec keeps of a mount
 * namespace only what /proc needs: which PID namespace the task's proc shows ({@link Task#procNs}).
 */
final class ProcRules {
    private ProcRules() {}

    /**
     * unshare(CLONE_NEWNS) needs CAP_SYS_ADMIN in the caller's user namespace (EPERM); the new
     * mount namespace is owned by it, so may_mount passes; mounting proc then needs CAP_SYS_ADMIN
     * in the owner of the caller's active PID namespace (mount_capable with fc->user_ns =
     * pid_ns->user_ns; EPERM, the new mount namespace kept: it shows the proc the old one did).
     * The new proc shows the active PID namespace (V1).
     */
    static Outcome mountProc(Kernel k, int actor) {
        KernelObjects o = k.objects();
        Credentials c = o.context(actor).cred();
        if (!CapabilityRules.capable(o, c, c.userNs())) return Outcome.error(k, Errno.EPERM);
        Task t = k.task(actor);
        if (!CapabilityRules.capable(o, c, k.ns(t.activeNs()).userNs())) return Outcome.error(k, Errno.EPERM);
        // the old proc's superblock is still the old mount namespace's; collected if nobody holds it
        return Outcome.zero(k.withTask(actor, t.withProcNs(t.activeNs())).collectNamespaces());
    }

    /** proc_self_get_link / proc_thread_self_get_link: ENOENT when the reader has no number in the proc's namespace (V2). */
    static Outcome readlinkSelf(Variant v, Kernel k, int actor, boolean thread) {
        int nr = v.procSelfPid(k, actor, thread);
        return nr == 0 ? Outcome.error(k, Errno.ENOENT) : new Outcome(k, Observation.value(nr));
    }

    /**
     * /proc/N/status: N is looked up in the proc's namespace (proc_pid_lookup, any task with that
     * number there, a zombie or a thread too), ENOENT if none; task_state prints NSpid from the
     * proc's level down to the task's own, so entry {@code entry} is the task's number at level
     * proc level + entry, 0 past the end of the line (V3).
     */
    static Outcome statusNspid(Variant v, Kernel k, int actor, int pid, int entry) {
        if (pid <= 0) return Outcome.error(k, Errno.ENOENT);
        int target = v.lookup(k, k.task(actor).procNs, pid);
        if (target < 0) return Outcome.error(k, Errno.ENOENT);
        Task t = k.task(target);
        int level = v.nspidStartLevel(k, actor) + entry;
        return new Outcome(k, Observation.value(level <= t.level() ? t.numberAtLevel(level) : 0));
    }
}
