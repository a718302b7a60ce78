package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.state.IpcNamespace;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.MsgQueue;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.SemUndoList;
import nscheck.spec.state.SemaphoreSet;
import nscheck.spec.state.SharedMemorySegment;
import nscheck.spec.state.TaskContext;

import java.util.List;

/**
 * SysV message queues, semaphores and shared memory in the caller's IPC namespace (ipc/msg.c,
 * ipc/sem.c, ipc/shm.c, I1-I9). Every recorded PID is a struct pid reference taken from the
 * caller (task_tgid(current)) and reported with pid_vnr at query time: the reader's number for
 * it, 0 if the reader cannot see it, and still the old number after the task is reaped (I3).
 */
final class IpcRules {
    private IpcRules() {}

    private static Outcome fail(Kernel k, Errno e) {
        return new Outcome(k, Observation.error(e));
    }

    private static int ipcNsOf(Kernel k, int actor) {
        return k.objects().context(actor).ipcNs();
    }

    private static Kernel withIpc(Kernel k, int ns, IpcNamespace n) {
        return k.withObjects(k.objects().withIpcNs(ns, n)).collectNamespaces();
    }

    /** What a stat call reports about a stored reference: pid_vnr in the caller's PID namespace. */
    private static Outcome report(Semantics s, Kernel k, int actor, PidRef ref) {
        int value = s.variant.pidVnr(k, ref, k.task(actor).activeNs());
        int about = ref == null ? -1 : ref.holder(k);
        return new Outcome(k, Observation.pid(value, about < 0 ? Observation.NOBODY : about));
    }

    // ---- message queues ----

    static Outcome msgget(Kernel k, int actor) {
        int ns = ipcNsOf(k, actor);
        IpcNamespace n = k.objects().ipcNs(ns);
        if (n.msg() != null) return new Outcome(k, Observation.ZERO);
        return new Outcome(withIpc(k, ns, n.withMsg(MsgQueue.EMPTY)), Observation.ZERO);
    }

    static Outcome msgsnd(Kernel k, int actor) {
        int ns = ipcNsOf(k, actor);
        IpcNamespace n = k.objects().ipcNs(ns);
        MsgQueue q = n.msg();
        if (q == null) return fail(k, Errno.EINVAL);
        if (q.messages() >= MsgQueue.MSGMNB) return fail(k, Errno.EAGAIN);
        // do_msgsnd: ipc_update_pid(&msq->q_lspid, task_tgid(current)) (I2).
        return new Outcome(withIpc(k, ns, n.withMsg(new MsgQueue(q.messages() + 1, PidRef.of(k, actor), q.lrpid()))), Observation.ZERO);
    }

    static Outcome msgrcv(Kernel k, int actor) {
        int ns = ipcNsOf(k, actor);
        IpcNamespace n = k.objects().ipcNs(ns);
        MsgQueue q = n.msg();
        if (q == null) return fail(k, Errno.EINVAL);
        if (q.messages() == 0) return fail(k, Errno.ENOMSG);
        // do_msgrcv: ipc_update_pid(&msq->q_lrpid, task_tgid(current)) (I2).
        return new Outcome(withIpc(k, ns, n.withMsg(new MsgQueue(q.messages() - 1, q.lspid(), PidRef.of(k, actor)))), Observation.ZERO);
    }

    static Outcome msgStat(Semantics s, Kernel k, int actor, boolean receiver) {
        MsgQueue q = k.objects().ipcNs(ipcNsOf(k, actor)).msg();
        if (q == null) return fail(k, Errno.EINVAL);
        // msgctl_stat: pid_vnr(msq->q_lspid), pid_vnr(msq->q_lrpid) (I1).
        return report(s, k, actor, receiver ? q.lrpid() : q.lspid());
    }

    /** The reference a stat-like call reports on (ground truth for the invariants), or null. */
    static PidRef msgReferent(Kernel k, int actor, boolean receiver) {
        MsgQueue q = k.objects().ipcNs(ipcNsOf(k, actor)).msg();
        return q == null ? null : receiver ? q.lrpid() : q.lspid();
    }

    // ---- semaphores ----

    static Outcome semget(Kernel k, int actor) {
        int ns = ipcNsOf(k, actor);
        IpcNamespace n = k.objects().ipcNs(ns);
        if (n.sem() != null) return new Outcome(k, Observation.value(SemaphoreSet.SEMID));
        return new Outcome(withIpc(k, ns, n.withSem(SemaphoreSet.FRESH)), Observation.value(SemaphoreSet.SEMID));
    }

    /** semtimedop with one SEM_UNDO operation (perform_atomic_semop): would-block, ERANGE, then the update (I2, I6). */
    static List<Outcome> semop(Kernel k, int actor, int op) {
        int ns = ipcNsOf(k, actor);
        IpcNamespace n = k.objects().ipcNs(ns);
        SemaphoreSet set = n.sem();
        if (set == null) return List.of(fail(k, Errno.EINVAL));
        int result = set.value() + op;
        if (result < 0) return List.of(); // sleeps until another task raises the value
        if (result > SemaphoreSet.SEMVMX) return List.of(fail(k, Errno.ERANGE));
        TaskContext c = k.objects().context(actor);
        KernelObjects o = k.objects();
        int list = c.undoList();
        if (list < 0) {
            // get_undo_list / find_alloc_undo: the first SEM_UNDO operation allocates the list.
            list = o.freeUndoSlot();
            o = o.addUndoList(SemUndoList.EMPTY);
            o = o.withContext(actor, c.withUndoList(list));
        }
        SemUndoList.Entry old = o.undoList(list).entry(SemaphoreSet.SEMID);
        int adj = (old == null ? 0 : old.semadj()) - op;
        if (adj < -SemaphoreSet.SEMVMX || adj > SemaphoreSet.SEMVMX) return List.of(fail(k, Errno.ERANGE));
        o = o.withUndoList(list, o.undoList(list).with(new SemUndoList.Entry(ns, SemaphoreSet.SEMID, adj)));
        o = o.withIpcNs(ns, n.withSem(new SemaphoreSet(result, PidRef.of(k, actor))));
        return List.of(new Outcome(k.withObjects(o).collectNamespaces(), Observation.ZERO));
    }

    static Outcome semGetpid(Semantics s, Kernel k, int actor) {
        SemaphoreSet set = k.objects().ipcNs(ipcNsOf(k, actor)).sem();
        if (set == null) return fail(k, Errno.EINVAL);
        // semctl_main GETPID: pid_vnr(sma->sems[semnum].sempid) (I1).
        return report(s, k, actor, set.sempid());
    }

    static Outcome semGetval(Kernel k, int actor) {
        SemaphoreSet set = k.objects().ipcNs(ipcNsOf(k, actor)).sem();
        if (set == null) return fail(k, Errno.EINVAL);
        return new Outcome(k, Observation.value(set.value()));
    }

    /** IPC_RMID (freeary): the set goes and its undo entries are unlinked from every list (I6). */
    static Outcome semRmid(Kernel k, int actor) {
        int ns = ipcNsOf(k, actor);
        IpcNamespace n = k.objects().ipcNs(ns);
        if (n.sem() == null) return fail(k, Errno.EINVAL);
        KernelObjects o = k.objects().withIpcNs(ns, n.withSem(null));
        for (int i = 0; i < o.undoSlots(); i++)
            if (o.undoList(i) != null) o = o.withUndoList(i, o.undoList(i).without(ns, SemaphoreSet.SEMID));
        return new Outcome(k.withObjects(o).collectNamespaces(), Observation.ZERO);
    }

    static PidRef semReferent(Kernel k, int actor) {
        SemaphoreSet set = k.objects().ipcNs(ipcNsOf(k, actor)).sem();
        return set == null ? null : set.sempid();
    }

    /**
     * exit_sem (I8): the task drops its undo list; the last holder applies every entry to the
     * semaphore that has the entry's id in the task's *current* IPC namespace (the kernel keeps
     * only the id), clamps to [0, SEMVMX] and sets sempid to itself. Never blocks.
     */
    static Kernel exitSem(Kernel k, int slot) {
        KernelObjects o = k.objects();
        TaskContext c = o.context(slot);
        int list = c.undoList();
        if (list < 0) return k;
        o = o.withContext(slot, c.withUndoList(-1));
        for (int i = 0; i < k.taskSlots(); i++) {
            TaskContext other = o.context(i);
            if (other != null && other.undoList() == list) return k.withObjects(o.collect());
        }
        int ns = c.ipcNs();
        IpcNamespace n = ns < 0 ? null : o.ipcNs(ns);
        for (SemUndoList.Entry e : o.undoList(list).entries()) {
            if (n == null || n.sem() == null || e.semid() != SemaphoreSet.SEMID || e.semadj() == 0) continue;
            int v = Math.max(0, Math.min(SemaphoreSet.SEMVMX, n.sem().value() + e.semadj()));
            n = n.withSem(new SemaphoreSet(v, PidRef.of(k, slot)));
        }
        if (n != null) o = o.withIpcNs(ns, n);
        return k.withObjects(o.collect());
    }

    // ---- shared memory ----

    static Outcome shmget(Kernel k, int actor) {
        int ns = ipcNsOf(k, actor);
        IpcNamespace n = k.objects().ipcNs(ns);
        if (n.shm() != null) return new Outcome(k, Observation.ZERO);
        // newseg: shp->shm_cprid = get_pid(task_tgid(current)); shm_lprid = NULL (I2).
        return new Outcome(withIpc(k, ns, n.withShm(new SharedMemorySegment(PidRef.of(k, actor), null))), Observation.ZERO);
    }

    static Outcome shmAttach(Kernel k, int actor) {
        int ns = ipcNsOf(k, actor);
        IpcNamespace n = k.objects().ipcNs(ns);
        SharedMemorySegment seg = n.shm();
        if (seg == null) return fail(k, Errno.EINVAL);
        // shm_open and shm_close: ipc_update_pid(&shp->shm_lprid, task_tgid(current)) (I2).
        return new Outcome(withIpc(k, ns, n.withShm(new SharedMemorySegment(seg.cpid(), PidRef.of(k, actor)))), Observation.ZERO);
    }

    static Outcome shmStat(Semantics s, Kernel k, int actor, boolean last) {
        SharedMemorySegment seg = k.objects().ipcNs(ipcNsOf(k, actor)).shm();
        if (seg == null) return fail(k, Errno.EINVAL);
        // shmctl_stat: pid_vnr(shp->shm_cprid), pid_vnr(shp->shm_lprid) (I1).
        return report(s, k, actor, last ? seg.lpid() : seg.cpid());
    }

    static PidRef shmReferent(Kernel k, int actor, boolean last) {
        SharedMemorySegment seg = k.objects().ipcNs(ipcNsOf(k, actor)).shm();
        return seg == null ? null : last ? seg.lpid() : seg.cpid();
    }
}
