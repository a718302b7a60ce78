package nscheck.model.futex;

import nscheck.spec.call.Errno;
import nscheck.spec.state.FutexWordLayout;
import nscheck.spec.state.Kernel;
import nscheck.spec.call.Observation;
import nscheck.spec.rules.Semantics;
import nscheck.spec.call.Syscall;

import java.util.ArrayList;
import java.util.List;

import static nscheck.model.futex.ThreeStateMutex.call;

/**
 * glibc's PTHREAD_PRIO_INHERIT mutex (nptl/pthread_mutex_lock.c, __pthread_mutex_lock_full), and
 * with {@code robust} its PTHREAD_MUTEX_ROBUST form. Lock: cmpxchg 0 -> own TID (the value
 * gettid() returns); else FUTEX_LOCK_PI. ESRCH or EDEADLK: glibc parks the thread for good
 * ("Delay the thread indefinitely"; for a robust mutex ESRCH fails an assert); any other error
 * is ignored and the thread carries on as the owner. If the word then has FUTEX_OWNER_DIED the
 * lock is taken with EOWNERDEAD and the bit cleared. Unlock: cmpxchg own TID -> 0; else
 * FUTEX_UNLOCK_PI, whose result glibc ignores. A robust mutex is on the thread's robust list
 * while held; a thread may die holding it.
 */
final class PthreadPiMutex implements MutexProtocol {
    static final int CAS = 0, LOCK_PI = 1, SLEEP = 2, RECOVER = 3, CS = 4, UNLOCK_PI = 5, DONE = 6, PARKED = 7, DEAD = 8;
    private static final String[] NAMES = {"lock", "futex-lock-pi", "asleep", "recover", "critical", "futex-unlock-pi", "done", "parked", "dead"};
    static final int WORD = 0;

    private final boolean robust;

    PthreadPiMutex(boolean robust) {
        this.robust = robust;
    }

    @Override public String name() { return robust ? "robust-pi" : "pi"; }

    @Override public String pcName(int pc) { return NAMES[pc]; }

    @Override public boolean holds(int pc) { return pc == RECOVER || pc == CS || pc == UNLOCK_PI; }

    @Override public boolean finished(int pc) { return pc == DONE || pc == PARKED || pc == DEAD; }

    @Override public boolean settled(int pc) { return pc == DONE || pc == DEAD; }

    @Override public int donePc() { return DONE; }

    @Override public boolean ownerInWord() { return true; }

    @Override
    public List<String> families() {
        List<String> f = new ArrayList<>(List.of("cmpxchg", "futex-lock-pi", "futex-return", "futex-unlock-pi"));
        if (robust) f.addAll(List.of("atomic-and", "exit"));
        return f;
    }

    @Override
    public List<Move> steps(Semantics s, FutexState state, int thread, int slot, int pc, boolean mayDie) {
        Kernel k = state.kernel();
        int w = k.memory().word(WORD);
        // What gettid() returned when the thread started: glibc caches it in the thread descriptor.
        int tid = s.variant.translate(k, slot, k.task(slot).activeNs());
        return switch (pc) {
            case CAS -> {
                if (w != 0) yield List.of(Move.to("cmpxchg", "cmpxchg(w0, 0, " + tid + ")", "= " + FutexWordLayout.describe(w), k, LOCK_PI));
                yield List.of(acquire(Move.to("cmpxchg", "cmpxchg(w0, 0, " + tid + ")", "= 0", k.withWord(WORD, tid), CS), slot));
            }
            case LOCK_PI -> call(s, k, slot, new Syscall.FutexLockPi(WORD), PthreadPiMutex::afterLockPi).stream()
                    .map(m -> m.pc() == CS ? acquire(m, slot) : m).toList();
            case SLEEP -> call(s, k, slot, new Syscall.FutexReturn(), o -> CS).stream().map(m -> acquire(m, slot)).toList();
            case RECOVER -> List.of(Move.to("atomic-and", "atomic_and(w0, ~OWNER_DIED)", "= " + FutexWordLayout.describe(w),
                    k.withWord(WORD, w & ~FutexWordLayout.OWNER_DIED), CS));
            case CS -> {
                List<Move> out = new ArrayList<>();
                Kernel released = robust ? k.withTask(slot, k.task(slot).withRobustList(k.task(slot).robustList.remove(WORD))) : k;
                String text = "cmpxchg(w0, " + tid + ", 0)";
                if (w == tid) out.add(Move.to("cmpxchg", text, "= " + tid, released.withWord(WORD, 0), Move.ROUND_DONE));
                else out.add(Move.to("cmpxchg", text, "= " + FutexWordLayout.describe(w), released, UNLOCK_PI));
                if (robust && mayDie)
                    for (Move m : call(s, k, slot, new Syscall.Exit(0), o -> DEAD)) out.add(m.dying());
                yield out;
            }
            case UNLOCK_PI -> call(s, k, slot, new Syscall.FutexUnlockPi(WORD), o -> Move.ROUND_DONE);
            default -> List.of();
        };
    }

    private static int afterLockPi(Observation o) {
        if (o.equals(Observation.BLOCKED)) return SLEEP;
        if (o.errno() == Errno.ESRCH || o.errno() == Errno.EDEADLK) return PARKED;
        return CS; // 0, or an error glibc does not look at (EINVAL, EPERM)
    }

    /**
     * The thread now owns the lock (as far as it knows): the robust mutex goes on its robust list
     * (ENQUEUE_MUTEX_PI), and FUTEX_OWNER_DIED in the word sends it to recover the lock first.
     */
    private Move acquire(Move m, int slot) {
        Kernel k = m.kernel();
        if (robust) k = k.withTask(slot, k.task(slot).withRobustList(k.task(slot).robustList.add(WORD, true)));
        int pc = FutexWordLayout.ownerDied(k.memory().word(WORD)) ? RECOVER : CS;
        return new Move(m.family(), m.text(), m.result(), k, pc, true, false);
    }
}
