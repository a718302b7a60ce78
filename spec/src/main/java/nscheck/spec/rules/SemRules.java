package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.IpcNamespace;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.SemUndoList;
import nscheck.spec.state.SemaphoreSet;
import nscheck.spec.state.TaskContext;
import nscheck.spec.variant.Variant;

import java.util.List;

import static nscheck.spec.call.CloneFlags.CLONE_SYSVSEM;
import static nscheck.spec.call.CloneFlags.has;
import static nscheck.spec.rules.IpcUtilRules.ipcNsOf;
import static nscheck.spec.rules.IpcUtilRules.ipcOf;
import static nscheck.spec.rules.IpcUtilRules.withIpc;

/**
 * ipc/sem.c: the namespace's semaphore set, its sempid (a struct pid reported with pid_vnr at
 * query time) and the SEM_UNDO lists that exit_sem applies (I1-I3, I6-I9).
 */
final class SemRules {
    private SemRules() {}

    /** semget(KEY, 1, IPC_CREAT) (ksys_semget): the set, created on first use; its id is 0. */
    static Outcome semget(Kernel k, int actor) {
        IpcNamespace n = ipcOf(k, actor);
        if (n.sem() != null) return new Outcome(k, Observation.value(SemaphoreSet.SEMID));
        return new Outcome(withIpc(k, ipcNsOf(k, actor), n.withSem(SemaphoreSet.FRESH)), Observation.value(SemaphoreSet.SEMID));
    }

    /** semtimedop with one SEM_UNDO operation (perform_atomic_semop): would-block, ERANGE, then the update (I2, I6). */
    static List<Outcome> semtimedop(Kernel k, int actor, int op) {
        int ns = ipcNsOf(k, actor);
        IpcNamespace n = k.objects().ipcNs(ns);
        SemaphoreSet set = n.sem();
        if (set == null) return List.of(Outcome.error(k, Errno.EINVAL));
        int result = set.value() + op;
        if (result < 0) return List.of(); // sleeps until another task raises the value
        if (result > SemaphoreSet.SEMVMX) return List.of(Outcome.error(k, Errno.ERANGE));
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
        if (adj < -SemaphoreSet.SEMVMX || adj > SemaphoreSet.SEMVMX) return List.of(Outcome.error(k, Errno.ERANGE));
        o = o.withUndoList(list, o.undoList(list).with(new SemUndoList.Entry(ns, SemaphoreSet.SEMID, adj)));
        o = o.withIpcNs(ns, n.withSem(new SemaphoreSet(result, PidRef.of(k, actor))));
        return List.of(Outcome.zero(k.withObjects(o).collectNamespaces()));
    }

    /** semctl_main GETPID: pid_vnr(sma->sems[semnum].sempid) (I1). */
    static Outcome semctlGetpid(Variant v, Kernel k, int actor) {
        SemaphoreSet set = ipcOf(k, actor).sem();
        if (set == null) return Outcome.error(k, Errno.EINVAL);
        return new Outcome(k, PidRules.pidVnr(v, k, actor, set.sempid()));
    }

    /** semctl_main GETVAL. */
    static Outcome semctlGetval(Kernel k, int actor) {
        SemaphoreSet set = ipcOf(k, actor).sem();
        if (set == null) return Outcome.error(k, Errno.EINVAL);
        return new Outcome(k, Observation.value(set.value()));
    }

    /** semctl IPC_RMID (freeary): the set goes and its undo entries are unlinked from every list (I6). */
    static Outcome semctlRmid(Kernel k, int actor) {
        int ns = ipcNsOf(k, actor);
        IpcNamespace n = k.objects().ipcNs(ns);
        if (n.sem() == null) return Outcome.error(k, Errno.EINVAL);
        KernelObjects o = k.objects().withIpcNs(ns, n.withSem(null));
        for (int i = 0; i < o.undoSlots(); i++)
            if (o.undoList(i) != null) o = o.withUndoList(i, o.undoList(i).without(ns, SemaphoreSet.SEMID));
        return Outcome.zero(k.withObjects(o).collectNamespaces());
    }

    /** The reference semctl GETPID reports on (ground truth for the invariants), or null. */
    static PidRef getpidReferent(Kernel k, int actor) {
        SemaphoreSet set = ipcOf(k, actor).sem();
        return set == null ? null : set.sempid();
    }

    /**
     * copy_semundo: with CLONE_SYSVSEM parent and child share the parent's undo list, which is
     * allocated for the parent first if it has none (I7).
     */
    static Kernel copySemundo(Kernel k, int parent, int flags) {
        if (!has(flags, CLONE_SYSVSEM)) return k;
        KernelObjects o = k.objects();
        TaskContext pc = o.context(parent);
        if (pc.undoList() >= 0) return k;
        int undo = o.freeUndoSlot();
        o = o.addUndoList(SemUndoList.EMPTY);
        return k.withObjects(o.withContext(parent, pc.withUndoList(undo)));
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
            if (other != null && other.undoList() == list) return k.withCollected(o);
        }
        int ns = c.ipcNs();
        IpcNamespace n = ns < 0 ? null : o.ipcNs(ns);
        for (SemUndoList.Entry e : o.undoList(list).entries()) {
            if (n == null || n.sem() == null || e.semid() != SemaphoreSet.SEMID || e.semadj() == 0) continue;
            int v = Math.max(0, Math.min(SemaphoreSet.SEMVMX, n.sem().value() + e.semadj()));
            n = n.withSem(new SemaphoreSet(v, PidRef.of(k, slot)));
        }
        if (n != null) o = o.withIpcNs(ns, n);
        return k.withCollected(o);
    }
}
