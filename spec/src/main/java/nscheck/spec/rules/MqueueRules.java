package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.Credentials;
import nscheck.spec.state.IpcNamespace;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.PosixMqueue;
import nscheck.spec.state.UserNamespace;
import nscheck.spec.variant.Variant;

import static nscheck.spec.rules.IpcUtilRules.ipcNsOf;
import static nscheck.spec.rules.IpcUtilRules.ipcOf;
import static nscheck.spec.rules.IpcUtilRules.withIpc;

/**
 * ipc/mqueue.c: the IPC namespace's one POSIX message queue (Q1), mq_notify's registration (Q2)
 * and the SIGEV_SIGNAL notification the first message into an empty queue sends, in the
 * sender's context, to the registrant's process (Q3).
 */
final class MqueueRules {
    private MqueueRules() {}

    /**
     * mq_open(O_CREAT): the name resolves in the caller's IPC namespace's mqueue mount; created if
     * absent (Q1), by an inode owned by the caller's fsuid and fsgid (the effective ids), which
     * the mount's user namespace (the IPC namespace's owner) must map: else EOVERFLOW (may_o_create;
     * found by `nscheck conform`: unshare(CLONE_NEWUSER) then CLONE_NEWIPC, with no maps written).
     */
    static Outcome mqOpen(Kernel k, int actor) {
        IpcNamespace n = ipcOf(k, actor);
        if (n.mq() != null) return Outcome.zero(k);
        Credentials c = k.objects().context(actor).cred();
        UserNamespace owner = k.objects().userNs(n.userNs());
        if (owner.fromKernel(c.euid(), false) == UserNamespace.OVERFLOW_ID || owner.fromKernel(c.gid(), true) == UserNamespace.OVERFLOW_ID)
            return Outcome.error(k, Errno.EOVERFLOW);
        return Outcome.zero(withIpc(k, ipcNsOf(k, actor), n.withMq(PosixMqueue.EMPTY)));
    }

    /**
     * mq_timedsend with O_NONBLOCK: ENOENT while the caller's namespace has no queue, EAGAIN when
     * full; no receiver ever sleeps (O_NONBLOCK), so the message is queued and __do_notify runs:
     * with a registration and the queue now holding one message, the notification goes out and
     * the registration is removed (one-shot) (Q3).
     */
    static Outcome mqTimedsend(Variant v, Kernel k, int actor) {
        IpcNamespace n = ipcOf(k, actor);
        PosixMqueue q = n.mq();
        if (q == null) return Outcome.error(k, Errno.ENOENT);
        if (q.messages() >= PosixMqueue.MAXMSG) return Outcome.error(k, Errno.EAGAIN);
        q = q.withMessages(q.messages() + 1);
        if (q.owner() == null || q.messages() != 1) return Outcome.zero(withIpc(k, ipcNsOf(k, actor), n.withMq(q)));
        PidRef owner = q.owner();
        int ownerUserNs = q.ownerUserNs();
        Kernel next = withIpc(k, ipcNsOf(k, actor), n.withMq(q.unregistered()));
        // pid_task(notify_owner, PIDTYPE_TGID): the owner's group leader, while it is not reaped
        int task = owner.holder(next);
        if (task < 0 || next.task(task).hasLeader() || !next.task(task).alive()) return Outcome.zero(next);
        Credentials c = next.objects().context(actor).cred();
        int uid = v.fromKernelId(next, ownerUserNs, c.uid(), false);
        Outcome sent = SignalRules.mqNotifySignal(v, next, actor, task, uid);
        // a sender that notified itself with SIGUSR1 unblocked dies on its way back to user space
        return new Outcome(sent.next(), sent.observation().returns() ? Observation.ZERO : Observation.NO_RETURN);
    }

    /** mq_timedreceive with O_NONBLOCK: ENOENT without a queue, EAGAIN when empty (Q1). */
    static Outcome mqTimedreceive(Kernel k, int actor) {
        IpcNamespace n = ipcOf(k, actor);
        PosixMqueue q = n.mq();
        if (q == null) return Outcome.error(k, Errno.ENOENT);
        if (q.messages() == 0) return Outcome.error(k, Errno.EAGAIN);
        // the message's length: every message is one byte
        return new Outcome(withIpc(k, ipcNsOf(k, actor), n.withMq(q.withMessages(q.messages() - 1))), Observation.value(1));
    }

    /**
     * do_mq_notify: with a notification, EBUSY if anyone (the caller included) is registered,
     * else the caller's process (get_pid(task_tgid(current))) and its user namespace; with NULL,
     * the registration is removed if it is the caller's process's, and the call succeeds either
     * way. ENOENT (the probe's mq_open) while the namespace has no queue (Q2).
     */
    static Outcome doMqNotify(Kernel k, int actor, boolean register) {
        IpcNamespace n = ipcOf(k, actor);
        PosixMqueue q = n.mq();
        if (q == null) return Outcome.error(k, Errno.ENOENT);
        PidRef tgid = PidRef.of(k, k.groupLeader(actor));
        if (!register) {
            if (!tgid.equals(q.owner())) return Outcome.zero(k);
            return Outcome.zero(withIpc(k, ipcNsOf(k, actor), n.withMq(q.unregistered())));
        }
        if (q.owner() != null) return Outcome.error(k, Errno.EBUSY);
        int userNs = k.objects().context(actor).cred().userNs();
        return Outcome.zero(withIpc(k, ipcNsOf(k, actor), n.withMq(q.registered(tgid, userNs))).collectNamespaces());
    }

    /**
     * exit_files -> mqueue_flush_file: when the last thread of a process exits its files close,
     * and a queue whose registration is that process's loses it. Every queue of every namespace:
     * the process may hold queues of namespaces it has left (Q2).
     */
    static Kernel closeOnExit(Kernel k, int slot) {
        int leader = k.groupLeader(slot);
        for (int i : k.groupMembers(leader)) if (i != slot && k.task(i).alive()) return k;
        return failedForkFlush(k, slot, false);
    }

    /**
     * copy_process failing after copy_files (in copy_namespaces or alloc_pid): bad_fork_cleanup_files
     * closes the child's copy of the caller's descriptors with current the caller, so
     * mqueue_flush_file drops the caller's process's registrations (found by `nscheck conform`:
     * clone(CLONE_NEWPID) refused EPERM, then another task's mq_notify succeeds). A thread's
     * clone shares the descriptor table and closes nothing (Q2).
     */
    static Kernel failedForkFlush(Kernel k, int actor, boolean sharesFiles) {
        if (sharesFiles) return k;
        PidRef tgid = null; // made at the first registration met: most exits meet none
        Kernel cur = k;
        for (int ns = 0; ns < cur.objects().ipcNsSlots(); ns++) {
            IpcNamespace n = cur.objects().ipcNs(ns);
            if (n == null || n.mq() == null) continue;
            if (tgid == null) tgid = PidRef.of(k, k.groupLeader(actor));
            if (!tgid.equals(n.mq().owner())) continue;
            cur = withIpc(cur, ns, n.withMq(n.mq().unregistered()));
        }
        return cur;
    }
}
