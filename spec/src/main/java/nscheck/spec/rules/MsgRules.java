package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.IpcNamespace;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.MsgQueue;
import nscheck.spec.state.PidRef;
import nscheck.spec.variant.Variant;

import static nscheck.spec.rules.IpcUtilRules.ipcNsOf;
import static nscheck.spec.rules.IpcUtilRules.ipcOf;
import static nscheck.spec.rules.IpcUtilRules.withIpc;

/**
 * ipc/msg.c: the namespace's message queue. Each send and receive records the caller's
 * struct pid (task_tgid(current)); IPC_STAT reports it with pid_vnr at query time (I1-I3).
 */
final class MsgRules {
    private MsgRules() {}

    /** msgget(KEY, IPC_CREAT) (ksys_msgget): the queue, created on first use. */
    static Outcome msgget(Kernel k, int actor) {
        IpcNamespace n = ipcOf(k, actor);
        if (n.msg() != null) return Outcome.zero(k);
        return Outcome.zero(withIpc(k, ipcNsOf(k, actor), n.withMsg(MsgQueue.EMPTY)));
    }

    /** do_msgsnd with IPC_NOWAIT: EAGAIN when full; ipc_update_pid(&msq->q_lspid, task_tgid(current)) (I2). */
    static Outcome msgsnd(Kernel k, int actor) {
        IpcNamespace n = ipcOf(k, actor);
        MsgQueue q = n.msg();
        if (q == null) return Outcome.error(k, Errno.EINVAL);
        if (q.messages() >= MsgQueue.MSGMNB) return Outcome.error(k, Errno.EAGAIN);
        return Outcome.zero(withIpc(k, ipcNsOf(k, actor), n.withMsg(new MsgQueue(q.messages() + 1, PidRef.of(k, actor), q.lrpid()))));
    }

    /** do_msgrcv with IPC_NOWAIT: ENOMSG when empty; ipc_update_pid(&msq->q_lrpid, task_tgid(current)) (I2). */
    static Outcome msgrcv(Kernel k, int actor) {
        IpcNamespace n = ipcOf(k, actor);
        MsgQueue q = n.msg();
        if (q == null) return Outcome.error(k, Errno.EINVAL);
        if (q.messages() == 0) return Outcome.error(k, Errno.ENOMSG);
        return Outcome.zero(withIpc(k, ipcNsOf(k, actor), n.withMsg(new MsgQueue(q.messages() - 1, q.lspid(), PidRef.of(k, actor)))));
    }

    /** msgctl_stat: pid_vnr(msq->q_lrpid) if {@code receiver}, else pid_vnr(msq->q_lspid) (I1). */
    static Outcome msgctlStat(Variant v, Kernel k, int actor, boolean receiver) {
        MsgQueue q = ipcOf(k, actor).msg();
        if (q == null) return Outcome.error(k, Errno.EINVAL);
        return new Outcome(k, PidRules.pidVnr(v, k, actor, receiver ? q.lrpid() : q.lspid()));
    }

    /** The reference msgctl_stat reports on (ground truth for the invariants), or null. */
    static PidRef statReferent(Kernel k, int actor, boolean receiver) {
        MsgQueue q = ipcOf(k, actor).msg();
        return q == null ? null : receiver ? q.lrpid() : q.lspid();
    }
}
