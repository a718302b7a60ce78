package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.Credentials;
import nscheck.spec.state.IpcNamespace;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.OpenFile;
import nscheck.spec.state.Task;
import nscheck.spec.state.TaskContext;
import nscheck.spec.state.UserNamespace;
import nscheck.spec.variant.Variant;

import static nscheck.spec.call.CloneFlags.CLONE_NEWIPC;
import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;
import static nscheck.spec.call.CloneFlags.CLONE_SYSVSEM;
import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
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
        TaskContext cc = pc.forChild(ipc, undo).withCred(cred);
        // a thread shares its process's memory, so the handler's records too (HandlerRules)
        if (has(flags, CLONE_THREAD) && !pc.handled().isEmpty()) cc = cc.withHandled(pc.handled());
        o = CredRules.copyCreds(o, cred).withContext(child, cc);
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
        if (target < 0 && k.kthreads().at(t.activeNs(), pid)) return setnsKthread(k, actor);
        if (target < 0) return Outcome.error(k, Errno.ESRCH);
        // pidfd_open without PIDFD_THREAD: a thread's TID names no process (ENOENT on 6.18, found by `nscheck conform`).
        if (k.task(target).hasLeader()) return Outcome.error(k, Errno.ENOENT);
        return pidfdNsset(v, k, actor, target, CLONE_NEWPID);
    }

    /**
     * setns(pidfd, nstype) once the pidfd names a living struct pid (validate_nsset): the ptrace
     * check (EPERM), the target's nsproxy (ESRCH once it is dead), then ipcns_install before
     * pidns_install, each asking CAP_SYS_ADMIN (EPERM) before anything is committed (N6). A zombie
     * still has its task (pid_task finds it until release_task), so it is ptrace-checked before
     * its missing nsproxy is seen: the dumpability cached at its exit_mm and cap_ptrace_access_check
     * still apply, so a non-dumpable zombie, or one in a user namespace the caller holds no
     * CAP_SYS_PTRACE in, is EPERM, not ESRCH (K4).
     */
    private static Outcome pidfdNsset(Variant v, Kernel k, int actor, int target, int nstype) {
        KernelObjects o = k.objects();
        Credentials c = o.context(actor).cred();
        if (k.groupLeader(target) != k.groupLeader(actor)
                && !CapabilityRules.ptraceMayRead(o, c, o.context(target).cred()))
            return Outcome.error(k, Errno.EPERM);
        // A dead task has dropped its nsproxy (exit_task_namespaces): there is no namespace to enter (settled on the kernel: ESRCH).
        if (!k.task(target).alive()) return Outcome.error(k, Errno.ESRCH);
        int user = has(nstype, CLONE_NEWUSER) ? o.context(target).cred().userNs() : -1;
        int ipc = has(nstype, CLONE_NEWIPC) ? o.context(target).ipcNs() : -1;
        int pid = has(nstype, CLONE_NEWPID) ? k.task(target).activeNs() : -1;
        return install(v, k, actor, user, ipc, pid);
    }

    /**
     * userns_install, ipcns_install then pidns_install (each -1: not asked), then commit_nsset:
     * the later installs ask their capabilities of the credentials the user namespace's install
     * made (nsset->cred), and exit_sem runs for a new IPC namespace.
     */
    private static Outcome install(Variant v, Kernel k, int actor, int user, int ipc, int pid) {
        KernelObjects o = k.objects();
        Credentials old = o.context(actor).cred(), c = old;
        Task t = k.task(actor);
        if (user >= 0) {
            // userns_install: not the caller's own namespace, not a threaded caller (EINVAL); CAP_SYS_ADMIN in the target (EPERM).
            if (user == c.userNs() || k.groupMembers(k.groupLeader(actor)).size() > 1) return Outcome.error(k, Errno.EINVAL);
            if (!CapabilityRules.capable(o, c, user)) return Outcome.error(k, Errno.EPERM);
            c = c.inNewUserNs(user);
        }
        if (ipc >= 0 && (!CapabilityRules.capable(o, c, o.ipcNs(ipc).userNs()) || !CapabilityRules.capable(o, c, c.userNs())))
            return Outcome.error(k, Errno.EPERM);
        if (pid >= 0) {
            if (!CapabilityRules.capable(o, c, k.ns(pid).userNs()) || !CapabilityRules.capable(o, c, c.userNs()))
                return Outcome.error(k, Errno.EPERM);
            // pidns_install (kernel/pid_namespace.c): only the active namespace or one below it (P13).
            if (!k.isSelfOrDescendant(pid, t.activeNs())) return Outcome.error(k, Errno.EINVAL);
        }
        Kernel cur = user >= 0 ? k.withCollected(CredRules.commitCreds(v, o, actor, old, c)) : k;
        if (ipc >= 0) {
            cur = SemRules.exitSem(cur, actor);
            KernelObjects p = cur.objects();
            cur = cur.withCollected(p.withContext(actor, p.context(actor).withIpcNs(ipc)));
        }
        if (pid >= 0) cur = cur.withTask(actor, cur.task(actor).withNsForChildren(pid));
        return Outcome.zero(cur.collectNamespaces());
    }

    /**
     * setns(fd, nstype) (kernel/nsproxy.c; N6): EBADF for no open file. A namespace file: a
     * nonzero nstype other than its type is EINVAL, then that type's install (userns_install:
     * the caller's own user namespace or a threaded caller EINVAL, no CAP_SYS_ADMIN in the target
     * EPERM; the caller gets every capability there). A pidfd: nstype 0 or a type the spec does
     * not model is EINVAL; a reaped process ESRCH; then as setns by PID, for PID and IPC.
     */
    static Outcome setnsFd(Variant v, Kernel k, int actor, int fd, int nstype) {
        OpenFile f = FilesRules.table(k, actor).get(fd);
        if (f == null) return Outcome.error(k, Errno.EBADF);
        if (f instanceof OpenFile.Pidfd p) {
            // check_setns_flags: the spec has PID, IPC and user namespaces only; other CLONE_NEW* bits are not generated.
            if (nstype == 0 || (nstype & ~(CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUSER)) != 0) return Outcome.error(k, Errno.EINVAL);
            int target = v.pidfdTask(k, p);
            if (target < 0) return Outcome.error(k, Errno.ESRCH);
            return pidfdNsset(v, k, actor, target, nstype);
        }
        OpenFile.NsFile n = (OpenFile.NsFile) f;
        if (nstype != 0 && nstype != n.type()) return Outcome.error(k, Errno.EINVAL);
        return install(v, k, actor, n.type() == CLONE_NEWUSER ? n.ns() : -1, n.type() == CLONE_NEWIPC ? n.ns() : -1,
                n.type() == CLONE_NEWPID ? n.ns() : -1);
    }

    /** A kernel thread's credentials as ptrace_may_access reads them: init_cred, no dumpability cached (task_still_dumpable). */
    private static final Credentials KTHREAD_CRED = new Credentials(UserNamespace.INIT, 0, 0, 0, true, false);

    /**
     * setns(pidfd_open(kernel thread), CLONE_NEWPID): pidfd_prepare has no PF_KTHREAD check, so the
     * pidfd opens; ptrace_may_access sees init_cred and no mm, and a kernel thread never cached a
     * dumpability (user_dumpable 0): CAP_SYS_PTRACE in init_user_ns is asked either way; the thread's
     * nsproxy is init_nsproxy, so pidns_install asks for init_pid_ns, owned by init_user_ns,
     * which only a task already in it may enter (P13, K1, K4).
     */
    private static Outcome setnsKthread(Kernel k, int actor) {
        Task t = k.task(actor);
        KernelObjects o = k.objects();
        Credentials c = o.context(actor).cred();
        if (!CapabilityRules.ptraceMayRead(o, c, KTHREAD_CRED)) return Outcome.error(k, Errno.EPERM);
        if (!CapabilityRules.capable(o, c, k.ns(Kernel.ROOT_NS).userNs()) || !CapabilityRules.capable(o, c, c.userNs()))
            return Outcome.error(k, Errno.EPERM);
        if (t.activeNs() != Kernel.ROOT_NS) return Outcome.error(k, Errno.EINVAL);
        return Outcome.zero(k.withTask(actor, t.withNsForChildren(Kernel.ROOT_NS)).collectNamespaces());
    }
}
