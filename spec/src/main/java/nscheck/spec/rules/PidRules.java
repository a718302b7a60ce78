package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.FdTable;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.OpenFile;
import nscheck.spec.state.PidRef;
import nscheck.spec.variant.Variant;

/**
 * kernel/pid.c: a stored struct pid reference read back as a number, and pidfd_open (D1).
 * Allocation (alloc_pid) and the translation of a task's own number (pid_nr_ns, find_pid_ns) are
 * the variant's answers.
 */
final class PidRules {
    private PidRules() {}

    /**
     * pid_vnr of a struct pid reference an object keeps (msg_lspid, sempid, shm_cpid, an SCM or
     * peer pid): the caller's number for it, 0 if it cannot see it, and still the old number after
     * the task is reaped (I1, I3, C3, C4).
     */
    static Observation pidVnr(Variant v, Kernel k, int actor, PidRef ref) {
        int value = v.pidVnr(k, ref, k.task(actor).activeNs());
        int about = ref == null ? -1 : ref.holder(k);
        return Observation.pid(value, about < 0 ? Observation.NOBODY : about);
    }

    /**
     * pidfd_open(pid, flags) (kernel/pid.c; pidfd_prepare in kernel/fork.c): flags other than
     * PIDFD_NONBLOCK and PIDFD_THREAD, or pid below 1: EINVAL; no task numbered {@code pid} in the
     * caller's active namespace: ESRCH; a thread that leads no group, without PIDFD_THREAD: ENOENT
     * (6.18; EINVAL before 6.9). A zombie may be opened. No capability or ptrace check (D1).
     */
    static Outcome pidfdOpen(Variant v, Kernel k, int actor, int pid, int flags) {
        if ((flags & ~(FdCalls.PIDFD_NONBLOCK | FdCalls.PIDFD_THREAD)) != 0 || pid <= 0) return Outcome.error(k, Errno.EINVAL);
        int target = v.lookup(k, k.task(actor).activeNs(), pid);
        if (target < 0) return Outcome.error(k, Errno.ESRCH);
        boolean thread = (flags & FdCalls.PIDFD_THREAD) != 0;
        if (!thread && k.task(target).hasLeader()) return Outcome.error(k, Errno.ENOENT);
        OpenFile f = new OpenFile.Pidfd(PidRef.of(k, target), thread, (flags & FdCalls.PIDFD_NONBLOCK) != 0, false);
        return installed(k, actor, f);
    }

    /** fd_install of {@code f} at the caller's lowest free number, which the call returns. */
    static Outcome installed(Kernel k, int actor, OpenFile f) {
        return FilesRules.installed(k, actor, f);
    }

    /** pidfd_get_pid / pidfd_to_pid: the pidfd {@code fd} names in the caller's table, null if it is none (EBADF). */
    static OpenFile.Pidfd pidfd(Kernel k, int actor, int fd) {
        FdTable t = FilesRules.table(k, actor);
        return t.get(fd) instanceof OpenFile.Pidfd p ? p : null;
    }
}
