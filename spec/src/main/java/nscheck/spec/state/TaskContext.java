package nscheck.spec.state;

import java.util.ArrayList;
import java.util.List;

/**
 * What a task holds beyond its PIDs: credentials, its IPC namespace and SysV undo list, its
 * signal mask and queue. Kept beside {@link Task}, by task slot, in {@link KernelObjects}.
 *
 * @param ipcNs         slot of nsproxy->ipc_ns; -1 once the task is dead (exit_task_namespaces)
 * @param undoList      slot of sysvsem.undo_list, -1 for none (I7)
 * @param blocked       the task's signal mask (task->blocked), a sigset of {@link nscheck.spec.call.Signals#CATCHABLE}:
 *                      a blocked signal queues for sigwaitinfo or for its unblocking instead of
 *                      acting (sig_ignored: blocked signals are never ignored); SIGIO is blocked in
 *                      every task (FcntlRules), so it always queues
 * @param pending       queued siginfo, the thread's private queue first, then the shared one, each
 *                      by signal number; a standard signal queues at most once in each (legacy_queue)
 * @param pgrp          task_pgrp: the struct pid of the process group's leader, inherited at fork,
 *                      replaced by setpgid; at boot the root init's own (PGID 1)
 * @param session       task_session: the struct pid of the session leader, inherited at fork, replaced
 *                      by setsid(); at boot the root init's own (SID 1). Kept in every thread of a
 *                      process, as pgrp is, since the kernel keeps both in the shared signal_struct
 * @param fds           the file descriptor table: pidfds, namespace files and socket ends; a thread
 *                      group's one table is its leader's (D5), a thread's own stays empty
 * @param handled       the siginfo the process's SA_SIGINFO handler received, oldest first, not yet
 *                      read back: process memory the probe's handler writes, the same copy in
 *                      every thread (HandlerRules)
 */
public record TaskContext(Credentials cred, int ipcNs, int undoList, long blocked, List<SigInfo> pending, PidRef pgrp, PidRef session,
                          SigActions actions, FdTable fds, List<SigInfo> handled) {
    public static final TaskContext ROOT = new TaskContext(Credentials.ROOT, IpcNamespace.INIT, -1, 0, List.of(), PidRef.rootInit(), PidRef.rootInit(),
            SigActions.DEFAULT, FdTable.EMPTY, List.of());

    public TaskContext withCred(Credentials c) {
        return new TaskContext(c, ipcNs, undoList, blocked, pending, pgrp, session, actions, fds, handled);
    }

    public TaskContext withIpcNs(int ns) {
        return new TaskContext(cred, ns, undoList, blocked, pending, pgrp, session, actions, fds, handled);
    }

    public TaskContext withUndoList(int list) {
        return new TaskContext(cred, ipcNs, list, blocked, pending, pgrp, session, actions, fds, handled);
    }

    /** The set sigprocmask(SIG_BLOCK, {SIGUSR1, SIGCHLD}) blocks (Syscall.SigBlock). */
    public static final long SIGBLOCK_SET = nscheck.spec.call.Signals.bit(nscheck.spec.call.Signals.SIGUSR1) | nscheck.spec.call.Signals.bit(nscheck.spec.call.Signals.SIGCHLD);

    public TaskContext withBlocked(long mask) {
        return new TaskContext(cred, ipcNs, undoList, mask, pending, pgrp, session, actions, fds, handled);
    }

    /** The task blocks {@code sig} (sigismember(&t->blocked, sig)). */
    public boolean blocks(int sig) {
        return (blocked & nscheck.spec.call.Signals.bit(sig)) != 0;
    }

    /** The handler's records after it ran, or after the oldest was read back (HandlerRules). */
    public TaskContext withHandled(List<SigInfo> log) {
        return new TaskContext(cred, ipcNs, undoList, blocked, pending, pgrp, session, actions, fds, List.copyOf(log));
    }

    /** Whether {@code sig} is pending in the shared queue (or the private one). */
    public boolean hasPending(int sig, boolean shared) {
        for (SigInfo s : pending) if (s.sig() == sig && s.shared() == shared) return true;
        return false;
    }

    /**
     * legacy_queue: a standard signal already pending in the same queue is not queued again; the
     * other queue may still hold one (a tgkill'd SIGUSR1 and a kill'd one). Kept in dequeue order.
     */
    public TaskContext queued(SigInfo info) {
        if (hasPending(info.sig(), info.shared())) return this;
        List<SigInfo> q = new ArrayList<>(pending);
        int i = 0;
        while (i < q.size() && dequeuedBefore(q.get(i), info)) i++;
        q.add(i, info);
        return new TaskContext(cred, ipcNs, undoList, blocked, List.copyOf(q), pgrp, session, actions, fds, handled);
    }

    /** dequeue_signal: the private queue (tsk->pending) before the shared one, each by next_signal, lowest number first. */
    private static boolean dequeuedBefore(SigInfo a, SigInfo b) {
        if (a.shared() != b.shared()) return !a.shared();
        return a.sig() < b.sig();
    }

    /** dequeue_signal: the first of {@link #pending}. */
    public TaskContext dequeued() {
        return new TaskContext(cred, ipcNs, undoList, blocked, List.copyOf(pending.subList(1, pending.size())), pgrp, session, actions, fds, handled);
    }

    /** dequeue_signal for a sigwaitinfo set: the first queued siginfo whose signal {@code inSet} holds, or null. */
    public SigInfo firstPending(java.util.function.IntPredicate inSet) {
        for (SigInfo s : pending) if (inSet.test(s.sig())) return s;
        return null;
    }

    /** The queue without {@code info}, which {@link #firstPending} returned. */
    public TaskContext dequeued(SigInfo info) {
        List<SigInfo> q = new ArrayList<>(pending);
        q.remove(info);
        return new TaskContext(cred, ipcNs, undoList, blocked, List.copyOf(q), pgrp, session, actions, fds, handled);
    }

    /**
     * The child's copy at fork: credentials, namespaces, mask, dispositions and open files are
     * inherited (dup_fd); the queue is not, and the handler's records start empty (the probe clears
     * its copy in the child: the child received none of them).
     */
    public TaskContext forChild(int childIpcNs, int childUndo) {
        return new TaskContext(cred, childIpcNs, childUndo, blocked, List.of(), pgrp, session, actions, fds, List.of());
    }

    public TaskContext withFds(FdTable table) {
        return new TaskContext(cred, ipcNs, undoList, blocked, pending, pgrp, session, actions, table, handled);
    }

    /** The process group or, failing it, the session, if numbered {@code nr} in {@code ns} (KernelObjects#groupNumbered); else null. */
    PidRef groupNumbered(int ns, int nr) {
        if (pgrp != null && pgrp.numberIn(ns) == nr) return pgrp;
        return session != null && session.numberIn(ns) == nr ? session : null;
    }

    /** setpgid(0, 0): the task leads a new group named by its own struct pid. */
    public TaskContext withPgrp(PidRef leader) {
        return new TaskContext(cred, ipcNs, undoList, blocked, pending, leader, session, actions, fds, handled);
    }

    /** setsid(): the task leads a new session and a new group, both named by its own struct pid. */
    public TaskContext withSession(PidRef leader) {
        return new TaskContext(cred, ipcNs, undoList, blocked, pending, leader, leader, actions, fds, handled);
    }

    /**
     * sigaction: new dispositions; setting SIG_IGN (or SIG_DFL for a signal whose default is to
     * ignore, SIGCHLD) discards what is already pending of that signal (do_sigaction ->
     * flush_sigqueue_mask). {@code flush} is that signal, 0 for none.
     */
    public TaskContext withActions(SigActions a, int flush) {
        List<SigInfo> q = pending;
        if (flush != 0) q = pending.stream().filter(s -> s.sig() != flush).toList();
        return new TaskContext(cred, ipcNs, undoList, blocked, q, pgrp, session, a, fds, handled);
    }

    /** exit: the queue is flushed, the files closed (exit_files) and the namespaces dropped; the process group stays until release. */
    public TaskContext dead() {
        return new TaskContext(cred, -1, -1, blocked, List.of(), pgrp, session, actions, FdTable.EMPTY, List.of());
    }

    void hashInto(StateHasher h) {
        // Fast path for the context every task has in a model without these objects (one mix, not twelve).
        if (cred.equals(Credentials.ROOT) && (ipcNs == IpcNamespace.INIT || ipcNs == -1) && undoList < 0 && blocked == 0
                && pending.isEmpty() && ROOT.pgrp.equals(pgrp) && ROOT.session.equals(session) && actions.equals(SigActions.DEFAULT) && fds.isEmpty() && handled.isEmpty()) {
            h.add(ipcNs == -1 ? -22 : -21); // -22: a dead task's, without namespaces
            return;
        }
        cred.hashInto(h);
        h.add(ipcNs);
        h.add(undoList);
        // sigprocmask(SIG_BLOCK, {SIGUSR1, SIGCHLD}) adds 1, as when that was the only mask there was
        h.add(blocked == SIGBLOCK_SET ? 1 : blocked == 0 ? 0 : 0x5B_0000_0000L | blocked);
        h.add(pending.size());
        for (SigInfo s : pending) s.hashInto(h);
        PidRef.hash(h, pgrp);
        if (!ROOT.session.equals(session)) PidRef.hash(h, session);
        if (!actions.equals(SigActions.DEFAULT)) h.add(0x51_0000 | actions.code());
        // An empty table adds nothing: states without files keep the fingerprints they had before fds existed.
        if (!fds.isEmpty()) fds.hashInto(h);
        if (!handled.isEmpty()) {
            h.add(0x5A_0000 | handled.size());
            for (SigInfo s : handled) s.hashInto(h);
        }
    }
}
