package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.OpenFile;
import nscheck.spec.state.Task;
import nscheck.spec.variant.Variant;

import static nscheck.spec.call.CloneFlags.CLONE_NEWIPC;
import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;

/**
 * fs/nsfs.c and fs/proc/namespaces.c: namespace files, opened from /proc/self/ns or by an nsfs
 * ioctl, and the nsfs ioctls that read a namespace's relations and translate PIDs (N5, N7).
 */
final class NsfsRules {
    private NsfsRules() {}

    /**
     * open("/proc/self/ns/NAME") (proc_ns_get_link; N5): the caller's active PID namespace, its
     * pid_ns_for_children, its IPC namespace or its user namespace. pid_for_children is ENOENT
     * while that namespace has never had a child_reaper (after unshare(CLONE_NEWPID), before the
     * first fork: pidns_for_children_get); the reaper's death does not clear it, so it opens again
     * then. Opening one's own files passes ptrace_may_access.
     */
    static Outcome nsOpen(Kernel k, int actor, int kind) {
        OpenFile f = NsNameRules.fileOf(k, actor, kind);
        return f == null ? Outcome.error(k, Errno.ENOENT) : PidRules.installed(k, actor, f);
    }

    /**
     * ns_ioctl (N7): EBADF for no open file, ENOTTY on a pidfd (pidfd_ioctl knows no nsfs number)
     * and for an unknown number. NS_GET_USERNS: the owning user namespace (a user namespace's is its
     * parent), only if it is the caller's or below it (ns_get_owner), else EPERM. NS_GET_PARENT: a
     * PID namespace's parent, only if it is the caller's active namespace or below it
     * (pidns_get_parent: EPERM for the caller's own and anything above); a user namespace's parent as
     * NS_GET_USERNS; an IPC namespace has no hierarchy (EINVAL). NS_GET_NSTYPE: the CLONE_NEW* flag.
     * The PID forms (PID files only, else EINVAL): FROM_PIDNS looks {@code arg} up in the file's
     * namespace and answers in the caller's; IN_PIDNS looks it up in the caller's and answers in the
     * file's, with no hierarchy check at all (a task holding an ancestor's file learns its number
     * there); 0 or no task is ESRCH. The TGID forms answer the thread group leader's number.
     */
    static Outcome nsIoctl(Variant v, Kernel k, int actor, int fd, int op, int arg) {
        OpenFile f = FilesRules.table(k, actor).get(fd);
        if (f == null) return Outcome.error(k, Errno.EBADF);
        if (!(f instanceof OpenFile.NsFile n)) return Outcome.error(k, Errno.ENOTTY);
        KernelObjects o = k.objects();
        Task t = k.task(actor);
        int callerUserNs = o.context(actor).cred().userNs();
        switch (op) {
            case FdCalls.NS_GET_USERNS, FdCalls.NS_GET_PARENT -> {
                if (op == FdCalls.NS_GET_PARENT && n.type() == CLONE_NEWIPC) return Outcome.error(k, Errno.EINVAL);
                if (op == FdCalls.NS_GET_PARENT && n.type() == CLONE_NEWPID) {
                    int parent = k.ns(n.ns()).parent();
                    if (parent < 0 || !v.nsParentVisible(k, parent, t.activeNs())) return Outcome.error(k, Errno.EPERM);
                    return PidRules.installed(k, actor, new OpenFile.NsFile(CLONE_NEWPID, parent));
                }
                int owner = n.type() == CLONE_NEWPID ? k.ns(n.ns()).userNs()
                        : n.type() == CLONE_NEWIPC ? o.ipcNs(n.ns()).userNs() : o.userNs(n.ns()).parent();
                if (owner < 0 || !o.userNsWithin(owner, callerUserNs)) return Outcome.error(k, Errno.EPERM);
                return PidRules.installed(k, actor, new OpenFile.NsFile(CLONE_NEWUSER, owner));
            }
            case FdCalls.NS_GET_NSTYPE -> { return new Outcome(k, Observation.value(n.type())); }
            case FdCalls.NS_GET_ID, FdCalls.NS_GET_OWNER_UID -> { return NsNameRules.ioctl(k, actor, n, op == FdCalls.NS_GET_ID); }
            case FdCalls.NS_GET_PID_FROM_PIDNS, FdCalls.NS_GET_TGID_FROM_PIDNS, FdCalls.NS_GET_PID_IN_PIDNS, FdCalls.NS_GET_TGID_IN_PIDNS -> {
                if (n.type() != CLONE_NEWPID) return Outcome.error(k, Errno.EINVAL);
                boolean in = op == FdCalls.NS_GET_PID_IN_PIDNS || op == FdCalls.NS_GET_TGID_IN_PIDNS;
                int task = arg <= 0 ? -1 : v.lookup(k, in ? t.activeNs() : n.ns(), arg);
                if (task < 0) return Outcome.error(k, Errno.ESRCH);
                if (op == FdCalls.NS_GET_TGID_FROM_PIDNS || op == FdCalls.NS_GET_TGID_IN_PIDNS) task = k.groupLeader(task);
                int value = v.translate(k, task, in ? n.ns() : t.activeNs());
                if (value == 0) return Outcome.error(k, Errno.ESRCH);
                // FROM answers in the caller's namespace (a PID it may use); IN in the file's, which may be an ancestor's.
                return new Outcome(k, in ? Observation.value(value) : Observation.pid(value, task));
            }
            default -> { return Outcome.error(k, Errno.ENOTTY); }
        }
    }
}
