package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.IpcNamespace;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.SharedMemorySegment;
import nscheck.spec.variant.Variant;

import static nscheck.spec.rules.IpcUtilRules.ipcNsOf;
import static nscheck.spec.rules.IpcUtilRules.ipcOf;
import static nscheck.spec.rules.IpcUtilRules.withIpc;

/**
 * ipc/shm.c: the namespace's shared memory segment, with the struct pids of its creator and its
 * last attacher, reported with pid_vnr at query time (I1-I3).
 */
final class ShmRules {
    private ShmRules() {}

    /** newseg: shp->shm_cprid = get_pid(task_tgid(current)); shm_lprid = NULL (I2). */
    static Outcome shmget(Kernel k, int actor) {
        IpcNamespace n = ipcOf(k, actor);
        if (n.shm() != null) return Outcome.zero(k);
        return Outcome.zero(withIpc(k, ipcNsOf(k, actor), n.withShm(new SharedMemorySegment(PidRef.of(k, actor), null))));
    }

    /** shm_open and shm_close (shmat then shmdt): ipc_update_pid(&shp->shm_lprid, task_tgid(current)) (I2). */
    static Outcome shmatShmdt(Kernel k, int actor) {
        IpcNamespace n = ipcOf(k, actor);
        SharedMemorySegment seg = n.shm();
        if (seg == null) return Outcome.error(k, Errno.EINVAL);
        return Outcome.zero(withIpc(k, ipcNsOf(k, actor), n.withShm(new SharedMemorySegment(seg.cpid(), PidRef.of(k, actor)))));
    }

    /** shmctl_stat: pid_vnr(shp->shm_lprid) if {@code last}, else pid_vnr(shp->shm_cprid) (I1). */
    static Outcome shmctlStat(Variant v, Kernel k, int actor, boolean last) {
        SharedMemorySegment seg = ipcOf(k, actor).shm();
        if (seg == null) return Outcome.error(k, Errno.EINVAL);
        return new Outcome(k, PidRules.pidVnr(v, k, actor, last ? seg.lpid() : seg.cpid()));
    }

    /** The reference shmctl_stat reports on (ground truth for the invariants), or null. */
    static PidRef statReferent(Kernel k, int actor, boolean last) {
        SharedMemorySegment seg = ipcOf(k, actor).shm();
        return seg == null ? null : last ? seg.lpid() : seg.cpid();
    }
}
