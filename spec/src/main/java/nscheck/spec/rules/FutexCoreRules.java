package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.FutexWaiter;
import nscheck.spec.state.FutexWordLayout;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.PiState;
import nscheck.spec.state.RobustList;
import nscheck.spec.state.SharedMemory;
import nscheck.spec.state.Task;
import nscheck.spec.variant.Variant;

import static nscheck.spec.state.FutexWordLayout.OWNER_DIED;
import static nscheck.spec.state.FutexWordLayout.WAITERS;
import static nscheck.spec.state.FutexWordLayout.tid;

/**
 * kernel/futex/core.c: the futex queues a caller sleeps on until the kernel wakes it and it
 * returns, and futex_exit_release with the robust list (F1, F3, F5) on the words of the
 * kernel's {@link SharedMemory}. Which TID names whom is asked of the {@link Variant}.
 */
final class FutexCoreRules {
    private FutexCoreRules() {}

    /** The word index names no futex word of the shared memory: EFAULT. */
    static boolean badWord(Kernel k, int word) {
        return word < 0 || word >= k.memory().size();
    }

    /**
     * The woken task returns from the futex call it slept in: a FUTEX_WAIT returns 0, a PI waiter
     * owns the lock (fixup_pi_state_owner). With a fatal signal pending the result never reaches
     * user space.
     */
    static Outcome futexReturn(Variant v, Kernel k, int actor) {
        SharedMemory m = k.memory();
        FutexWaiter w = m.waiterOf(actor);
        if (w.pi()) m = FutexPiRules.fixupPiStateOwner(v, k, m, actor, w.word());
        Kernel next = k.withMemory(m.dequeue(actor));
        return new Outcome(next, k.task(actor).pendingSignal != 0 ? Observation.NO_RETURN : Observation.ZERO);
    }

    /**
     * futex_exit_release at exit (and futex_exec_release at exec): leave any wait queue, walk the
     * robust list (F5: exit_robust_list, the pending entry last), then give up every PI state
     * still owned (exit_pi_state_list).
     */
    static Kernel exitRelease(Variant v, Kernel k, int slot) {
        Kernel cur = k.withMemory(k.memory().dequeue(slot));
        RobustList list = cur.task(slot).robustList;
        for (int i = 0; i < list.words().size(); i++) {
            int w = list.words().get(i);
            if (w != list.pending()) cur = handleFutexDeath(v, cur, slot, w, list.pi().get(i), false);
        }
        if (list.pending() >= 0) cur = handleFutexDeath(v, cur, slot, list.pending(), list.pendingPi(), true);
        if (!cur.memory().piStates().isEmpty()) for (PiState ps : cur.memory().piStates()) { // no iterator over an empty list
            if (ps.owner() != slot) continue;
            SharedMemory m = cur.memory().withPiState(ps.withOwner(PiState.NO_OWNER));
            FutexWaiter next = m.firstQueued(ps.word(), true);
            if (next != null) m = m.update(next.wake()); // rt_mutex_futex_unlock wakes the top waiter
            cur = cur.withMemory(m);
        }
        Task t = cur.task(slot);
        // an empty list stays as it is: no copy of the task (nor of the kernel) at every exit of a model without robust futexes
        return t.robustList.equals(RobustList.EMPTY) ? cur : cur.withTask(slot, t.withRobustList(RobustList.EMPTY));
    }

    /**
     * handle_futex_death: only a word whose TID is the dying task's own, as task_pid_vnr names it in
     * the dying task's namespace, is marked (F5). A pending non-PI entry with TID 0 wakes one waiter.
     */
    private static Kernel handleFutexDeath(Variant v, Kernel k, int slot, int word, boolean pi, boolean pendingOp) {
        if (badWord(k, word)) return k;
        int uval = k.memory().word(word);
        if (pendingOp && !pi && tid(uval) == 0) return FutexWaitwakeRules.futexWake(k, word, 1).next();
        if (tid(uval) != v.futexEncodeOwner(k, slot, slot)) return k;
        Kernel cur = k.withWord(word, (uval & WAITERS) | OWNER_DIED);
        // Robust non-PI futexes are woken here; PI ones by exit_pi_state_list.
        if (!pi && FutexWordLayout.waiters(uval)) cur = FutexWaitwakeRules.futexWake(cur, word, 1).next();
        return cur;
    }

    static Outcome fault(Kernel k) {
        return Outcome.error(k, Errno.EFAULT);
    }
}
