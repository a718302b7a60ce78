package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.FutexWaiter;
import nscheck.spec.state.FutexWordLayout;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.PiState;
import nscheck.spec.state.SharedMemory;
import nscheck.spec.variant.Variant;

import static nscheck.spec.state.FutexWordLayout.OWNER_DIED;
import static nscheck.spec.state.FutexWordLayout.WAITERS;
import static nscheck.spec.state.FutexWordLayout.tid;

/**
 * kernel/futex/pi.c: priority-inheritance futexes, whose word holds the owner's TID as some
 * namespace numbers it (F3, F4, F6). Every TID the kernel writes or reads is the variant's.
 */
final class FutexPiRules {
    private FutexPiRules() {}

    /**
     * futex_lock_pi / futex_lock_pi_atomic (F3): take a free word, or find the owner and sleep on
     * its pi_state; {@code trylock} (FUTEX_TRYLOCK_PI) never sleeps. The TID in the word is read in
     * the caller's namespace (F6).
     */
    static Outcome futexLockPi(Variant v, Kernel k, int actor, int word, boolean trylock) {
        if (FutexCoreRules.badWord(k, word)) return FutexCoreRules.fault(k);
        SharedMemory m = k.memory();
        int uval = m.word(word);
        int vpid = v.futexEncodeOwner(k, actor, actor);
        if (tid(uval) == vpid) return Outcome.error(k, Errno.EDEADLK);
        FutexWaiter top = m.top(word);
        if (top != null) {
            // attach_to_pi_state: the word must agree with the kernel's owner, as the caller names it.
            if (!top.pi()) return Outcome.error(k, Errno.EINVAL);  // a FUTEX_WAIT waiter: user space mixed PI and non-PI
            Errno refused = attachToPiState(v, k, actor, uval, m.piState(word));
            if (refused != null) return Outcome.error(k, refused);
            if (m.piState(word).owner() == actor) return ownPiState(v, k, actor, word, uval, trylock);
            if (trylock) return Outcome.error(k, Errno.EAGAIN); // rt_mutex_futex_trylock fails: EWOULDBLOCK
            if (chainReaches(m, m.piState(word).owner(), actor)) return Outcome.error(k, Errno.EDEADLK);
            return new Outcome(k.withMemory(m.enqueue(new FutexWaiter(actor, word, true, false))), Observation.BLOCKED);
        }
        if (tid(uval) == 0) {
            // No waiter and no owner: the caller takes it, keeping OWNER_DIED.
            return Outcome.zero(k.withWord(word, (uval & OWNER_DIED) | vpid));
        }
        // First waiter: set FUTEX_WAITERS, then look the owner up (attach_to_pi_owner). The bit stays set on failure.
        Kernel cur = k.withWord(word, uval | WAITERS);
        int owner = v.futexLookupOwner(k, actor, tid(uval));
        // attach_to_pi_owner: a kernel thread owns no user futex (PF_KTHREAD: EPERM), trylock or not.
        if (owner < 0 && k.kthreads().at(k.task(actor).activeNs(), tid(uval))) return Outcome.error(cur, Errno.EPERM);
        // handle_exit_race: no such task, or one whose futex state is already dead: ESRCH.
        if (owner < 0 || !k.task(owner).alive()) return Outcome.error(cur, Errno.ESRCH);
        if (trylock) return Outcome.error(cur, Errno.EAGAIN);
        // The new pi_state dies with the failed waiter (put_pi_state); FUTEX_WAITERS stays set.
        if (chainReaches(cur.memory(), owner, actor)) return Outcome.error(cur, Errno.EDEADLK);
        SharedMemory next = cur.memory().withPiState(new PiState(word, owner)).enqueue(new FutexWaiter(actor, word, true, false));
        return new Outcome(cur.withMemory(next), Observation.BLOCKED);
    }

    /**
     * The caller attaches to a pi_state it owns itself: attach_to_pi_state's case [6] (the word is
     * FUTEX_OWNER_DIED with TID 0, left so by a robust death, F5, while the kernel's owner is the
     * caller, made so by a waiter that read the dead owner's TID in another namespace, F6). Every
     * other case in which the caller owns the pi_state names the caller's own TID in the word, which
     * futex_lock_pi_atomic refuses with EDEADLK first. futex_lock_pi queues and then:
     * <ul>
     * <li>FUTEX_LOCK_PI: __rt_mutex_start_proxy_lock cannot take the rt_mutex (it has an owner)
     * and task_blocks_on_rt_mutex returns EDEADLK early (owner == task) without queueing the
     * waiter; rt_mutex_cleanup_proxy_lock then finds rt_mutex_owner == current and returns false,
     * so futex_lock_pi resets the result to 0 ("we acquired the lock"). fixup_pi_owner(locked)
     * sees pi_state->owner == current and writes nothing: 0, the word unchanged.</li>
     * <li>FUTEX_TRYLOCK_PI: rt_mutex_futex_trylock fails (EWOULDBLOCK); fixup_pi_owner(not locked)
     * sees pi_state->owner == current, so fixup_pi_state_owner(NULL) tries the rt_mutex again,
     * fails, takes rt_mutex_owner (the caller) as the owner and writes its vpid with
     * FUTEX_WAITERS, keeping FUTEX_OWNER_DIED: EAGAIN with the word rewritten.</li>
     * </ul>
     * No waiter is left queued either way (futex_unqueue_pi).
     */
    private static Outcome ownPiState(Variant v, Kernel k, int actor, int word, int uval, boolean trylock) {
        if (!trylock) return Outcome.zero(k);
        int newtid = v.futexEncodeOwner(k, actor, actor) | WAITERS;
        return Outcome.error(k.withWord(word, (uval & OWNER_DIED) | newtid), Errno.EAGAIN);
    }

    /**
     * The deadlock check of rt_mutex_adjust_prio_chain (futex_lock_pi blocks through
     * __rt_mutex_start_proxy_lock with RT_MUTEX_FULL_CHAINWALK; F3): from the owner of the lock the
     * caller would sleep on, follow each owner to the PI lock it sleeps on and that lock's owner;
     * reaching the caller is EDEADLK. A woken waiter no longer counts as blocked: its lock has no
     * rt_mutex owner until it runs (mark_wakeup_next_waiter), so the walk stops there.
     */
    private static boolean chainReaches(SharedMemory m, int owner, int actor) {
        // No cycle to guard against: this check refuses the sleep that would close one. A PI
        // sleeper's word has a pi_state (the first waiter made it); an owner that died is
        // NO_OWNER, which sleeps on nothing.
        for (;;) {
            if (owner == actor) return true;
            FutexWaiter w = m.waiterOf(owner);
            if (w == null || !w.pi() || w.woken()) return false;
            owner = m.piState(w.word()).owner();
        }
    }

    /** attach_to_pi_state (its cases [4]-[10]); null when the caller may queue. */
    private static Errno attachToPiState(Variant v, Kernel k, int actor, int uval, PiState ps) {
        if (ps == null) return Errno.EINVAL;
        int pid = tid(uval);
        if (FutexWordLayout.ownerDied(uval)) {
            if (ps.owner() == PiState.NO_OWNER) return pid != 0 ? Errno.EINVAL : null;   // [5] / [4]
            if (pid == 0) return null;                                                    // [6]
        } else if (ps.owner() == PiState.NO_OWNER) {
            return Errno.EINVAL;                                                          // [7]
        }
        return pid != v.futexEncodeOwner(k, ps.owner(), actor) ? Errno.EINVAL : null; // [9]/[10]
    }

    /**
     * futex_unlock_pi (F4): only the owner (by TID, as it sees itself) may unlock; with waiters the
     * top one becomes owner and the word names it as the unlocker sees it (wake_futex_pi).
     */
    static Outcome futexUnlockPi(Variant v, Kernel k, int actor, int word) {
        if (FutexCoreRules.badWord(k, word)) return FutexCoreRules.fault(k);
        SharedMemory m = k.memory();
        int uval = m.word(word);
        if (tid(uval) != v.futexEncodeOwner(k, actor, actor)) return Outcome.error(k, Errno.EPERM);
        FutexWaiter top = m.top(word);
        if (top != null) {
            if (!top.pi()) return Outcome.error(k, Errno.EINVAL);
            PiState ps = m.piState(word);
            // The kernel's owner is someone else: user space fiddled with the word (or read a TID in the wrong namespace).
            if (ps == null || ps.owner() != actor) return Outcome.error(k, Errno.EINVAL);
            FutexWaiter next = m.firstQueued(word, true);
            if (next != null) {
                int newval = WAITERS | v.futexEncodeOwner(k, next.slot(), actor);
                SharedMemory handed = m.withWord(word, newval).withPiState(ps.withOwner(next.slot())).update(next.wake());
                return Outcome.zero(k.withMemory(handed));
            }
        }
        // do_uncontended: neither WAITERS nor OWNER_DIED is kept.
        return Outcome.zero(k.withWord(word, 0));
    }

    /**
     * fixup_pi_state_owner for a woken PI waiter: if the kernel's owner is not yet itself (its
     * owner died: exit_pi_state_list), it writes its own vpid with FUTEX_WAITERS, and
     * FUTEX_OWNER_DIED when the pi_state had no owner.
     */
    static SharedMemory fixupPiStateOwner(Variant v, Kernel k, SharedMemory m, int actor, int word) {
        PiState ps = m.piState(word);
        if (ps.owner() == actor) return m;
        int newtid = v.futexEncodeOwner(k, actor, actor) | WAITERS;
        if (ps.owner() == PiState.NO_OWNER) newtid |= OWNER_DIED;
        int uval = m.word(word);
        return m.withWord(word, (uval & OWNER_DIED) | newtid).withPiState(ps.withOwner(actor));
    }
}
