package nscheck.spec.rules;

import nscheck.spec.state.Credentials;
import nscheck.spec.call.Errno;
import nscheck.spec.state.IpcNamespace;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.PeerCred;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.SemUndoList;
import nscheck.spec.state.SigInfo;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.TaskContext;

import java.util.List;

import static nscheck.spec.call.CloneFlags.CLONE_NEWIPC;
import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;
import static nscheck.spec.call.CloneFlags.CLONE_SYSVSEM;
import static nscheck.spec.call.CloneFlags.has;

/**
 * Where {@link Semantics} hands over to the rules for kernel objects beyond PIDs (signals with
 * siginfo, SysV IPC, Unix socket credentials, user namespaces): the calls themselves, and the
 * hooks clone, unshare and exit run.
 */
public final class ObjectCalls {
    private ObjectCalls() {}

    static boolean handles(Syscall call) {
        return call instanceof Syscall.SigBlock || call instanceof Syscall.Setpgid || call instanceof Syscall.Sigqueue || call instanceof Syscall.Sigwaitinfo
                || call instanceof Syscall.Msgget || call instanceof Syscall.Msgsnd || call instanceof Syscall.Msgrcv
                || call instanceof Syscall.MsgStat || call instanceof Syscall.Semget || call instanceof Syscall.Semop
                || call instanceof Syscall.SemGetpid || call instanceof Syscall.SemGetval || call instanceof Syscall.SemRmid
                || call instanceof Syscall.Shmget || call instanceof Syscall.ShmAttach || call instanceof Syscall.ShmStat
                || call instanceof Syscall.Listen || call instanceof Syscall.Connect || call instanceof Syscall.Send
                || call instanceof Syscall.SendCreds || call instanceof Syscall.RecvCreds || call instanceof Syscall.PeerCredQuery
                || call instanceof Syscall.WriteIdMaps || call instanceof Syscall.Setuid;
    }

    static List<Outcome> step(Semantics s, Kernel k, int actor, Syscall call) {
        if (call instanceof Syscall.Sigwaitinfo w) return SignalRules.sigwaitinfo(k, actor, w.uid());
        if (call instanceof Syscall.Semop op) return IpcRules.semop(k, actor, op.op());
        return List.of(single(s, k, actor, call));
    }

    private static Outcome single(Semantics s, Kernel k, int actor, Syscall call) {
        if (call instanceof Syscall.SigBlock) return SignalRules.sigblock(k, actor);
        if (call instanceof Syscall.Setpgid) return SignalRules.setpgid(k, actor);
        if (call instanceof Syscall.Sigqueue q) return SignalRules.sigqueue(s, k, actor, q.pid());
        if (call instanceof Syscall.Msgget) return IpcRules.msgget(k, actor);
        if (call instanceof Syscall.Msgsnd) return IpcRules.msgsnd(k, actor);
        if (call instanceof Syscall.Msgrcv) return IpcRules.msgrcv(k, actor);
        if (call instanceof Syscall.MsgStat m) return IpcRules.msgStat(s, k, actor, m.receiver());
        if (call instanceof Syscall.Semget) return IpcRules.semget(k, actor);
        if (call instanceof Syscall.SemGetpid) return IpcRules.semGetpid(s, k, actor);
        if (call instanceof Syscall.SemGetval) return IpcRules.semGetval(k, actor);
        if (call instanceof Syscall.SemRmid) return IpcRules.semRmid(k, actor);
        if (call instanceof Syscall.Shmget) return IpcRules.shmget(k, actor);
        if (call instanceof Syscall.ShmAttach) return IpcRules.shmAttach(k, actor);
        if (call instanceof Syscall.ShmStat m) return IpcRules.shmStat(s, k, actor, m.last());
        if (call instanceof Syscall.Listen) return SocketRules.listen(k, actor);
        if (call instanceof Syscall.Connect) return SocketRules.connect(k, actor);
        if (call instanceof Syscall.Send) return SocketRules.send(k, actor);
        if (call instanceof Syscall.SendCreds c) return SocketRules.sendCreds(s, k, actor, c.pid(), c.uid());
        if (call instanceof Syscall.RecvCreds r) return SocketRules.recv(s, k, actor, r.uid());
        if (call instanceof Syscall.PeerCredQuery p) return SocketRules.peerCred(s, k, actor, p.uid());
        if (call instanceof Syscall.WriteIdMaps) return UserNsRules.writeIdMaps(k, actor);
        if (call instanceof Syscall.Setuid u) return UserNsRules.setuid(s, k, actor, u.uid());
        throw new IllegalArgumentException("no rule for " + call);
    }

    /**
     * Ground truth for the invariants: the struct pid reference a PID-reporting call reads, as the
     * state before the call holds it; null for calls that report no PID or have nothing to report.
     */
    public static PidRef referent(Kernel k, int actor, Syscall call) {
        if (call instanceof Syscall.Sigwaitinfo w && !w.uid()) {
            List<SigInfo> q = k.objects().context(actor).pending();
            return q.isEmpty() ? null : q.get(0).sender();
        }
        if (call instanceof Syscall.MsgStat m) return IpcRules.msgReferent(k, actor, m.receiver());
        if (call instanceof Syscall.SemGetpid) return IpcRules.semReferent(k, actor);
        if (call instanceof Syscall.ShmStat m) return IpcRules.shmReferent(k, actor, m.last());
        if (call instanceof Syscall.RecvCreds r && !r.uid()) {
            PeerCred c = SocketRules.incoming(k, actor);
            return c == null ? null : c.pid();
        }
        if (call instanceof Syscall.PeerCredQuery p && !p.uid()) {
            PeerCred c = SocketRules.peer(k, actor);
            return c == null ? null : c.pid();
        }
        return null;
    }

    /** The kernel uid a uid-reporting call reads, and the user namespace it is to be read in. */
    public record UidReferent(int kuid, int readerUserNs) {}

    /**
     * Ground truth for the invariants: what a uid-reporting call reads, or null. A siginfo is
     * read in the user namespace its receiver had when it was queued; socket credentials in the
     * reader's current one (scm_recv and SO_PEERCRED map at read time).
     */
    public static UidReferent referentUid(Kernel k, int actor, Syscall call) {
        if (call instanceof Syscall.Sigwaitinfo w && w.uid()) {
            List<SigInfo> q = k.objects().context(actor).pending();
            return q.isEmpty() ? null : new UidReferent(q.get(0).senderKuid(), q.get(0).readerUserNs());
        }
        PeerCred c = call instanceof Syscall.RecvCreds r && r.uid() ? SocketRules.incoming(k, actor)
                : call instanceof Syscall.PeerCredQuery p && p.uid() ? SocketRules.peer(k, actor) : null;
        return c == null ? null : new UidReferent(c.kuid(), k.objects().context(actor).cred().userNs());
    }

    // ---- hooks ------------------------------------------------------------------------------

    /**
     * copy_process before any PID is allocated: RLIMIT_NPROC (copy_creds, U5), then
     * copy_namespaces: CLONE_NEWIPC needs CAP_SYS_ADMIN (EPERM, I5) and may not come with
     * CLONE_SYSVSEM (EINVAL, I9). Null when the clone may go on.
     */
    static Outcome cloneRefused(Semantics s, Kernel k, int actor, int flags) {
        Outcome nproc = UserNsRules.forkRefused(k, actor);
        if (nproc != null) return nproc;
        if (has(flags, CLONE_NEWIPC)) {
            Credentials c = k.objects().context(actor).cred();
            if (!UserNsRules.capable(k.objects(), c, c.userNs())) return new Outcome(k, Observation.error(Errno.EPERM));
            if (has(flags, CLONE_SYSVSEM) && s.variant.newIpcDropsUndo()) return new Outcome(k, Observation.error(Errno.EINVAL));
        }
        return null;
    }

    /**
     * The child's context after copy_process: credentials charged (U3, U4), the parent's IPC
     * namespace or a new one (CLONE_NEWIPC), and the parent's undo list if CLONE_SYSVSEM (I7:
     * copy_semundo allocates one for the parent first if it has none).
     */
    static Kernel forked(Kernel k, int parent, int child, int flags) {
        KernelObjects o = k.objects();
        TaskContext pc = o.context(parent);
        int ipc = pc.ipcNs();
        if (has(flags, CLONE_NEWIPC)) {
            ipc = o.freeIpcNsSlot();
            o = o.addIpcNs(new IpcNamespace(pc.cred().userNs(), null, null, null));
        }
        int undo = -1;
        if (has(flags, CLONE_SYSVSEM)) {
            undo = pc.undoList();
            if (undo < 0) {
                undo = o.freeUndoSlot();
                o = o.addUndoList(SemUndoList.EMPTY);
                pc = pc.withUndoList(undo);
                o = o.withContext(parent, pc);
            }
        }
        o = UserNsRules.chargeChild(o, pc.cred()).withContext(child, pc.forChild(ipc, undo));
        return k.withObjects(o);
    }

    /** unshare(2) flags handled here rather than by the PID-namespace rules. */
    static boolean handlesUnshare(int flags) {
        return has(flags, CLONE_NEWUSER) || has(flags, CLONE_NEWIPC) || has(flags, CLONE_SYSVSEM);
    }

    /**
     * unshare(CLONE_NEWUSER), unshare(CLONE_NEWIPC), unshare(CLONE_SYSVSEM) (kernel/fork.c
     * ksys_unshare): NEWIPC needs CAP_SYS_ADMIN (EPERM); both NEWIPC and SYSVSEM run exit_sem and
     * leave the task without an undo list (I9).
     */
    static Outcome unshare(Semantics s, Kernel k, int actor, int flags) {
        if (has(flags, CLONE_NEWUSER)) return UserNsRules.unshareUser(s, k, actor);
        KernelObjects o = k.objects();
        TaskContext c = o.context(actor);
        if (has(flags, CLONE_NEWIPC) && !UserNsRules.capable(o, c.cred(), c.cred().userNs()))
            return new Outcome(k, Observation.error(Errno.EPERM));
        Kernel cur = k;
        if (has(flags, CLONE_SYSVSEM) || s.variant.newIpcDropsUndo()) cur = IpcRules.exitSem(cur, actor);
        if (has(flags, CLONE_NEWIPC)) {
            KernelObjects p = cur.objects();
            int slot = p.freeIpcNsSlot();
            p = p.addIpcNs(new IpcNamespace(c.cred().userNs(), null, null, null));
            p = p.withContext(actor, p.context(actor).withIpcNs(slot));
            cur = cur.withObjects(p.collect());
        }
        return new Outcome(cur.collectNamespaces(), Observation.ZERO);
    }

    /**
     * do_exit before exit_notify: exit_sem (I8), the fds close, exit_task_namespaces drops the
     * IPC namespace, and a dead task's signal queue is flushed.
     */
    static Kernel exiting(Kernel k, int slot) {
        Kernel cur = IpcRules.exitSem(k, slot);
        cur = SocketRules.closeOnExit(cur, slot);
        KernelObjects o = cur.objects();
        TaskContext c = o.context(slot);
        o = o.withContext(slot, c.dead());
        return cur.withObjects(o.collect());
    }
}
