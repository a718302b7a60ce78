package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.Credentials;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.NsNames;
import nscheck.spec.state.OpenFile;
import nscheck.spec.state.PidNamespace;
import nscheck.spec.state.Task;
import nscheck.spec.variant.Variant;

import static nscheck.spec.call.CloneFlags.CLONE_NEWIPC;
import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;

/**
 * fs/proc/namespaces.c and fs/nsfs.c: which namespace a task's /proc/PID/ns file names, and what
 * names a namespace to user space (N1, N3, N5, N8): its inode number and its 64-bit id
 * ({@link NsNames}), and its owner's uid.
 */
final class NsNameRules {
    private NsNameRules() {}

    /**
     * The namespace file {@code kind} of task {@code target} (the ns_operations' get): pid is its
     * active PID namespace (task_active_pid_ns: its struct pid's, kept by a zombie until it is
     * reaped), user its credentials' (kept by a zombie too); pid_for_children and ipc go through
     * its nsproxy, which exit_task_namespaces dropped from a zombie, and pid_for_children is none
     * until that namespace has had a child_reaper (pidns_for_children_get). Null: ENOENT.
     */
    static OpenFile.NsFile fileOf(Kernel k, int target, int kind) {
        Task t = k.task(target);
        switch (kind) {
            case 0 -> { return new OpenFile.NsFile(CLONE_NEWPID, t.activeNs()); }
            case 1 -> {
                PidNamespace ns = k.ns(t.nsForChildren);
                if (!t.alive() || ns.childReaper() < 0 && ns.adding()) return null;
                return new OpenFile.NsFile(CLONE_NEWPID, t.nsForChildren);
            }
            case 2 -> { return t.alive() ? new OpenFile.NsFile(CLONE_NEWIPC, k.objects().context(target).ipcNs()) : null; }
            case 3 -> { return new OpenFile.NsFile(CLONE_NEWUSER, k.objects().context(target).cred().userNs()); }
            default -> { return null; }
        }
    }

    /**
     * open("/proc/PID/ns/NAME"): PID is looked up in the PID namespace the caller's proc shows
     * (proc_pid_lookup; ENOENT if nobody, a zombie or a thread found too); proc_ns_get_link then
     * asks ptrace_may_access(PTRACE_MODE_READ_FSCREDS) (EACCES): the caller's fsuid (its euid
     * here) is the target's every uid and its gid the target's, or it holds CAP_SYS_PTRACE in the
     * target's user namespace, and a target whose mm is not dumpable needs CAP_SYS_PTRACE in init_user_ns;
     * then the LSM hook cap_ptrace_access_check (security/commoncap.c): a caller in the target's
     * user namespace must hold every capability the target holds, one anywhere else CAP_SYS_PTRACE
     * in the target's (found by `nscheck conform`: a task that unshared a user namespace may not
     * open its parent's files, though its uid is theirs). Its own thread group always may. Then
     * ns_get_path: ENOENT where {@link #fileOf} has none.
     */
    static Outcome openOther(Variant v, Kernel k, int actor, int pid, int kind) {
        if (pid <= 0) return Outcome.error(k, Errno.ENOENT);
        int target = v.lookup(k, k.task(actor).procNs, pid);
        if (target < 0) return Outcome.error(k, Errno.ENOENT);
        KernelObjects o = k.objects();
        Credentials c = o.context(actor).cred();
        Credentials fs = new Credentials(c.userNs(), c.euid(), c.euid(), c.gid(), c.caps(), c.dumpable());
        Credentials tc = o.context(target).cred();
        if (k.groupLeader(target) != k.groupLeader(actor) && !CapabilityRules.ptraceMayRead(o, fs, tc))
            return Outcome.error(k, Errno.EACCES);
        OpenFile.NsFile f = fileOf(k, target, kind);
        return f == null ? Outcome.error(k, Errno.ENOENT) : PidRules.installed(k, actor, f);
    }

    /**
     * fstat of two files, st_dev and st_ino compared: two namespace files show the same inode
     * exactly when they name the same namespace (one nsfs inode per namespace, numbered by
     * {@link NsNames}); a pidfd shows its struct pid's pidfs inode, so two pidfds of one process
     * compare equal and a pidfd never equals a namespace file (another st_dev).
     */
    static Outcome sameInode(Kernel k, int actor, int fd1, int fd2) {
        OpenFile a = k.objects().context(actor).fds().get(fd1), b = k.objects().context(actor).fds().get(fd2);
        if (a == null || b == null) return Outcome.error(k, Errno.EBADF);
        boolean same;
        if (a instanceof OpenFile.NsFile x && b instanceof OpenFile.NsFile y)
            same = names(k).ino(NsNames.type(x.type()), x.ns()) == names(k).ino(NsNames.type(y.type()), y.ns());
        else if (a instanceof OpenFile.Pidfd x && b instanceof OpenFile.Pidfd y)
            same = x.pid().equals(y.pid()) && x.reaped() == y.reaped();
        else
            same = false;
        return new Outcome(k, Observation.value(same ? 1 : 0));
    }

    /**
     * NS_GET_ID (any type): the namespace's 64-bit id (N3). NS_GET_OWNER_UID (user namespaces
     * only, else EINVAL): the creator's euid as the caller's user namespace maps it
     * (from_kuid_munged: the overflow uid when unmapped).
     */
    static Outcome ioctl(Kernel k, int actor, OpenFile.NsFile n, boolean id) {
        if (id) return new Outcome(k, Observation.value(names(k).id(NsNames.type(n.type()), n.ns())));
        if (n.type() != CLONE_NEWUSER) return Outcome.error(k, Errno.EINVAL);
        KernelObjects o = k.objects();
        int owner = o.userNs(n.ns()).owner();
        return new Outcome(k, Observation.value(o.userNs(o.context(actor).cred().userNs()).fromKernel(owner, false)));
    }

    private static NsNames names(Kernel k) {
        if (k.names() == null) throw new IllegalStateException("this boot keeps no namespace names (Limits#nsNames)");
        return k.names();
    }
}
