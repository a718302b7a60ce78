package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.Credentials;
import nscheck.spec.state.IpcNamespace;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.Task;
import nscheck.spec.state.TaskContext;
import nscheck.spec.variant.Variant;

import static nscheck.spec.call.CloneFlags.CLONE_NEWIPC;
import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.call.CloneFlags.CLONE_SYSVSEM;
import static nscheck.spec.call.CloneFlags.has;

/**
 * kernel/nsproxy.c: the namespaces a task holds besides its PIDs, as clone copies them
 * (copy_namespaces), unshare replaces them (unshare_nsproxy_namespaces) and setns enters
 * another task's (P13, I5, I9).
 */
final class NsproxyRules {
    private NsproxyRules() {}

    /**
     * copy_namespaces' checks, asked of the child's credentials {@code cred} (a new user
     * namespace's when CLONE_NEWUSER comes too): a new IPC or PID namespace needs CAP_SYS_ADMIN in
     * the credentials' own user namespace (EPERM, I5, K1), and CLONE_NEWIPC may not come with
     * CLONE_SYSVSEM (EINVAL, I9). Null when the clone may go on.
     */
    static Outcome copyNamespacesRefused(Variant v, Kernel k, Credentials cred, int flags) {
        if (!has(flags, CLONE_NEWIPC) && !has(flags, CLONE_NEWPID)) return null;
        if (!CapabilityRules.capable(k.objects(), cred, cred.userNs())) return Outcome.error(k, Errno.EPERM);
        if (has(flags, CLONE_NEWIPC) && has(flags, CLONE_SYSVSEM) && v.newIpcDropsUndo()) return Outcome.error(k, Errno.EINVAL);
        return null;
    }

    /**
     * copy_namespaces then the rest of the child's context: the parent's IPC namespace or a new
     * one owned by the child's user namespace, the undo list {@code undo} (-1 for none), and the
     * child's credentials {@code cred}, charged (copy_creds, U3, U4).
     */
    static Kernel copyNamespaces(Kernel k, int parent, int child, int flags, int undo, Credentials cred) {
        KernelObjects o = k.objects();
        TaskContext pc = o.context(parent);
        int ipc = pc.ipcNs();
        if (has(flags, CLONE_NEWIPC)) {
            ipc = o.freeIpcNsSlot();
            o = o.addIpcNs(IpcNamespace.empty(cred.userNs()));
        }
        o = CredRules.copyCreds(o, cred).withContext(child, pc.forChild(ipc, undo).withCred(cred));
        return k.withObjects(o);
    }

    /**
     * unshare(CLONE_NEWIPC) and unshare(CLONE_SYSVSEM) (ksys_unshare,
     * unshare_nsproxy_namespaces): NEWIPC needs CAP_SYS_ADMIN (EPERM); both run exit_sem and
     * leave the task without an undo list (I9).
     */
    static Outcome unshareIpc(Variant v, Kernel k, int actor, int flags) {
        KernelObjects o = k.objects();
        TaskContext c = o.context(actor);
        if (has(flags, CLONE_NEWIPC) && !CapabilityRules.capable(o, c.cred(), c.cred().userNs()))
            return Outcome.error(k, Errno.EPERM);
        Kernel cur = k;
        if (has(flags, CLONE_SYSVSEM) || v.newIpcDropsUndo()) cur = SemRules.exitSem(cur, actor);
        if (has(flags, CLONE_NEWIPC)) {
            KernelObjects p = cur.objects();
            int slot = p.freeIpcNsSlot();
            p = p.addIpcNs(IpcNamespace.empty(c.cred().userNs()));
            p = p.withContext(actor, p.context(actor).withIpcNs(slot));
            cur = cur.withCollected(p);
        }
        return Outcome.zero(cur.collectNamespaces());
    }

    /**
     * setns(pidfd_open(pid), CLONE_NEWPID): later children go into the target's active namespace
     * (P13). pidfd_nsset asks ptrace_may_access(PTRACE_MODE_READ_REALCREDS) of the target first
     * (EPERM), then finds its nsproxy (ESRCH once dead); pidns_install asks CAP_SYS_ADMIN in the
     * target namespace's owner and in the caller's own user namespace (EPERM) before the
     * ancestry (EINVAL) (kernel/nsproxy.c, kernel/pid_namespace.c; K1, K4).
     */
    static Outcome setns(Variant v, Kernel k, int actor, int pid) {
        Task t = k.task(actor);
        if (pid <= 0) return Outcome.error(k, Errno.EINVAL);
        int target = v.lookup(k, t.activeNs(), pid);
        if (target < 0) return Outcome.error(k, Errno.ESRCH);
        // pidfd_open without PIDFD_THREAD: a thread's TID names no process (ENOENT on 6.18, found by `nscheck conform`).
        if (k.task(target).hasLeader()) return Outcome.error(k, Errno.ENOENT);
        KernelObjects o = k.objects();
        Credentials c = o.context(actor).cred();
        if (k.groupLeader(target) != k.groupLeader(actor)
                && !CapabilityRules.ptraceMayRead(o, c, o.context(target).cred(), k.task(target).alive()))
            return Outcome.error(k, Errno.EPERM);
        // A dead task has dropped its nsproxy: there is no namespace to enter (settled on the kernel: ESRCH).
        if (!k.task(target).alive()) return Outcome.error(k, Errno.ESRCH);
        int ns = k.task(target).activeNs();
        if (!CapabilityRules.capable(o, c, k.ns(ns).userNs()) || !CapabilityRules.capable(o, c, c.userNs()))
            return Outcome.error(k, Errno.EPERM);
        // pidns_install (kernel/pid_namespace.c): only the active namespace or one below it (P13).
        if (!k.isSelfOrDescendant(ns, t.activeNs())) return Outcome.error(k, Errno.EINVAL);
        return Outcome.zero(k.withTask(actor, t.withNsForChildren(ns)).collectNamespaces());
    }
}
