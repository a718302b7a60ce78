package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.FutexWaiter;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.SharedMemory;
import nscheck.spec.variant.Variant;

/** kernel/futex/waitwake.c: FUTEX_WAIT and FUTEX_WAKE (F1, F2). */
final class FutexWaitwakeRules {
    private FutexWaitwakeRules() {}

    /** futex_wait (F1): compare under the bucket lock and queue, or EAGAIN when the word moved on. */
    static Outcome futexWait(Variant v, Kernel k, int actor, int word, int expected) {
        if (FutexCoreRules.badWord(k, word)) return FutexCoreRules.fault(k);
        if (!v.futexWaitSleeps(k.memory().word(word), expected)) return Outcome.error(k, Errno.EAGAIN);
        return new Outcome(k.withMemory(k.memory().enqueue(new FutexWaiter(actor, word, false, false))), Observation.BLOCKED);
    }

    /** futex_wake (F2): wake up to {@code count} waiters in queue order (at least one); a PI waiter on the word is EINVAL. */
    static Outcome futexWake(Kernel k, int word, int count) {
        if (FutexCoreRules.badWord(k, word)) return FutexCoreRules.fault(k);
        FutexWaiter top = k.memory().top(word);
        if (top != null && top.pi()) return Outcome.error(k, Errno.EINVAL);
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
}
