package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.state.FutexWaiter;
import nscheck.spec.state.FutexWord;
import nscheck.spec.state.Kernel;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.PiState;
import nscheck.spec.state.RobustList;
import nscheck.spec.state.SharedMemory;
import nscheck.spec.variant.Variant;

import static nscheck.spec.state.FutexWord.OWNER_DIED;
import static nscheck.spec.state.FutexWord.WAITERS;
import static nscheck.spec.state.FutexWord.tid;

/**
 * The futex rules (kernel/futex/waitwake.c, pi.c, core.c; docs/semantics.md F1-F6) on the words
 * of the kernel's {@link SharedMemory}. Every PID-dependent answer (which TID names whom) is asked
 * of the {@link Variant}. A call either returns at once or queues its caller, which then has no
 * enabled call until the kernel wakes it and it returns through {@link #resume}.
 */
final class Futex {
    private final Variant variant;

    Futex(Variant variant) {
        this.variant = variant;
    }

    /** The task sleeps in a futex call the kernel has not yet woken. */
    static boolean blocked(Kernel k, int slot) {
        FutexWaiter w = k.memory().waiterOf(slot);
        return w != null && !w.woken();
    }

    /** The task was woken and has still to return from its futex call. */
    static boolean woken(Kernel k, int slot) {
        FutexWaiter w = k.memory().waiterOf(slot);
        return w != null && w.woken();
    }

    private static boolean badWord(Kernel k, int word) {
        return word < 0 || word >= k.memory().size();
    }

    private static Outcome fail(Kernel k, Errno e) {
        return new Outcome(k, Observation.error(e));
    }

    private static Outcome ok(Kernel k) {
        return new Outcome(k, Observation.ZERO);
    }

    // ---- FUTEX_WAIT / FUTEX_WAKE (kernel/futex/waitwake.c) -----------------------------------

    /** F1: compare under the bucket lock and queue, or EAGAIN when the word moved on. */
    Outcome wait(Kernel k, int actor, int word, int expected) {
        if (badWord(k, word)) return fail(k, Errno.EFAULT);
        if (!variant.futexWaitSleeps(k.memory().word(word), expected)) return fail(k, Errno.EAGAIN);
        return new Outcome(k.withMemory(k.memory().enqueue(new FutexWaiter(actor, word, false, false))), Observation.BLOCKED);
    }

    /** F2: wake up to {@code count} waiters in queue order (at least one); a PI waiter on the word is EINVAL. */
    Outcome wake(Kernel k, int actor, int word, int count) {
        if (badWord(k, word)) return fail(k, Errno.EFAULT);
        FutexWaiter top = k.memory().top(word);
        if (top != null && top.pi()) return fail(k, Errno.EINVAL);
        int woken = 0;
        SharedMemory m = k.memory();
        for (FutexWaiter w : k.memory().waiters()) {
            if (woken >= Math.max(count, 1)) break;
            if (w.word() != word || w.pi() || w.woken()) continue;
            m = m.update(w.wake());
            woken++;
        }
        return new Outcome(k.withMemory(m), Observation.value(woken));
    }

    // ---- PI futexes (kernel/futex/pi.c) -------------------------------------------------------

    /**
     * F3, futex_lock_pi / futex_lock_pi_atomic: take a free word, or find the owner and sleep on
     * its pi_state. The TID in the word is read in the caller's namespace (F6).
     */
    Outcome lockPi(Kernel k, int actor, int word, boolean trylock) {
        if (badWord(k, word)) return fail(k, Errno.EFAULT);
        SharedMemory m = k.memory();
        int uval = m.word(word);
        int vpid = variant.futexEncodeOwner(k, actor, actor);
        if (tid(uval) == vpid) return fail(k, Errno.EDEADLK);
        FutexWaiter top = m.top(word);
        if (top != null) {
            // attach_to_pi_state: the word must agree with the kernel's owner, as the caller names it.
            if (!top.pi()) return fail(k, Errno.EINVAL);  // a FUTEX_WAIT waiter: user space mixed PI and non-PI
            Errno refused = attachToPiState(k, actor, uval, m.piState(word));
            if (refused != null) return fail(k, refused);
            if (trylock) return fail(k, Errno.EAGAIN); // rt_mutex_futex_trylock fails: EWOULDBLOCK
            return new Outcome(k.withMemory(m.enqueue(new FutexWaiter(actor, word, true, false))), Observation.BLOCKED);
        }
        if (tid(uval) == 0) {
            // No waiter and no owner: the caller takes it, keeping OWNER_DIED.
            return ok(k.withWord(word, (uval & OWNER_DIED) | vpid));
        }
        // First waiter: set FUTEX_WAITERS, then look the owner up (attach_to_pi_owner). The bit stays set on failure.
        Kernel cur = k.withWord(word, uval | WAITERS);
        int owner = variant.futexLookupOwner(k, actor, tid(uval));
        // handle_exit_race: no such task, or one whose futex state is already dead: ESRCH.
        if (owner < 0 || !k.task(owner).alive()) return fail(cur, Errno.ESRCH);
        if (trylock) return fail(cur, Errno.EAGAIN);
        SharedMemory next = cur.memory().withPiState(new PiState(word, owner)).enqueue(new FutexWaiter(actor, word, true, false));
        return new Outcome(cur.withMemory(next), Observation.BLOCKED);
    }

    /** attach_to_pi_state (pi.c, its cases [4]-[10]); null when the caller may queue. */
    private Errno attachToPiState(Kernel k, int actor, int uval, PiState ps) {
        if (ps == null) return Errno.EINVAL;
        int pid = tid(uval);
        if (FutexWord.ownerDied(uval)) {
            if (ps.owner() == PiState.NO_OWNER) return pid != 0 ? Errno.EINVAL : null;   // [5] / [4]
            if (pid == 0) return null;                                                    // [6]
        } else if (ps.owner() == PiState.NO_OWNER) {
            return Errno.EINVAL;                                                          // [7]
        }
        return pid != variant.futexEncodeOwner(k, ps.owner(), actor) ? Errno.EINVAL : null; // [9]/[10]
    }

    /**
     * F4, futex_unlock_pi: only the owner (by TID, as it sees itself) may unlock; with waiters the
     * top one becomes owner and the word names it as the unlocker sees it (wake_futex_pi).
     */
    Outcome unlockPi(Kernel k, int actor, int word) {
        if (badWord(k, word)) return fail(k, Errno.EFAULT);
        SharedMemory m = k.memory();
        int uval = m.word(word);
        if (tid(uval) != variant.futexEncodeOwner(k, actor, actor)) return fail(k, Errno.EPERM);
        FutexWaiter top = m.top(word);
        if (top != null) {
            if (!top.pi()) return fail(k, Errno.EINVAL);
            PiState ps = m.piState(word);
            // The kernel's owner is someone else: user space fiddled with the word (or read a TID in the wrong namespace).
            if (ps == null || ps.owner() != actor) return fail(k, Errno.EINVAL);
            FutexWaiter next = m.firstQueued(word, true);
            if (next != null) {
                int newval = WAITERS | variant.futexEncodeOwner(k, next.slot(), actor);
                SharedMemory handed = m.withWord(word, newval).withPiState(ps.withOwner(next.slot())).update(next.wake());
                return ok(k.withMemory(handed));
            }
        }
        // do_uncontended: neither WAITERS nor OWNER_DIED is kept.
        return ok(k.withWord(word, 0));
    }

    /**
     * The woken task returns from its call. A FUTEX_WAIT returns 0. A PI waiter owns the lock; if
     * the kernel's owner is not yet itself (its owner died: exit_pi_state_list), fixup_pi_state_owner
     * writes its own vpid with FUTEX_WAITERS, and FUTEX_OWNER_DIED when the pi_state had no owner.
     */
    Outcome resume(Kernel k, int actor) {
        SharedMemory m = k.memory();
        FutexWaiter w = m.waiterOf(actor);
        if (w.pi()) {
            PiState ps = m.piState(w.word());
            if (ps.owner() != actor) {
                int newtid = variant.futexEncodeOwner(k, actor, actor) | WAITERS;
                if (ps.owner() == PiState.NO_OWNER) newtid |= OWNER_DIED;
                int uval = m.word(w.word());
                m = m.withWord(w.word(), (uval & OWNER_DIED) | newtid).withPiState(ps.withOwner(actor));
            }
        }
        return ok(k.withMemory(m.dequeue(actor)));
    }

    // ---- exit (kernel/futex/core.c futex_exit_release) ---------------------------------------

    /**
     * futex_cleanup at exit: leave any wait queue, walk the robust list (F5: exit_robust_list,
     * the pending entry last), then give up every PI state still owned (exit_pi_state_list).
     */
    Kernel exitRelease(Kernel k, int slot) {
        Kernel cur = k.withMemory(k.memory().dequeue(slot));
        RobustList list = cur.task(slot).robustList;
        for (int i = 0; i < list.words().size(); i++) {
            int w = list.words().get(i);
            if (w != list.pending()) cur = handleDeath(cur, slot, w, list.pi().get(i), false);
        }
        if (list.pending() >= 0) cur = handleDeath(cur, slot, list.pending(), list.pendingPi(), true);
        for (PiState ps : cur.memory().piStates()) {
            if (ps.owner() != slot) continue;
            SharedMemory m = cur.memory().withPiState(ps.withOwner(PiState.NO_OWNER));
            FutexWaiter next = m.firstQueued(ps.word(), true);
            if (next != null) m = m.update(next.wake()); // rt_mutex_futex_unlock wakes the top waiter
            cur = cur.withMemory(m);
        }
        return cur.withTask(slot, cur.task(slot).withRobustList(RobustList.EMPTY));
    }

    /**
     * handle_futex_death: only a word whose TID is the dying task's own, as task_pid_vnr names it in
     * the dying task's namespace, is marked (F5). A pending non-PI entry with TID 0 wakes one waiter.
     */
    private Kernel handleDeath(Kernel k, int slot, int word, boolean pi, boolean pendingOp) {
        if (badWord(k, word)) return k;
        int uval = k.memory().word(word);
        if (pendingOp && !pi && tid(uval) == 0) return wake(k, slot, word, 1).next();
        if (tid(uval) != variant.futexEncodeOwner(k, slot, slot)) return k;
        Kernel cur = k.withWord(word, (uval & WAITERS) | OWNER_DIED);
        // Robust non-PI futexes are woken here; PI ones by exit_pi_state_list.
        if (!pi && FutexWord.waiters(uval)) cur = wake(cur, slot, word, 1).next();
        return cur;
    }
}
