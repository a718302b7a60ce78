package nscheck.model.futex;

import nscheck.spec.state.Kernel;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.rules.Semantics;
import nscheck.spec.call.Syscall;

import java.util.List;

/**
 * Drepper's "mutex 2" ("Futexes Are Tricky", 2011): word 0 free, 1 locked, 2 locked with possible
 * waiters. Lock: cmpxchg 0->1; else xchg 2 until it returned 0, sleeping in FUTEX_WAIT(2) between
 * tries. Unlock: atomic decrement; if it was 2, store 0 and FUTEX_WAKE one waiter.
 */
final class ThreeStateMutex implements MutexProtocol {
    static final int CAS = 0, XCHG = 1, WAIT = 2, SLEEP = 3, CS = 4, STORE0 = 5, WAKE = 6, DONE = 7;
    private static final String[] NAMES = {"lock", "xchg", "futex-wait", "asleep", "critical", "store0", "futex-wake", "done"};
    static final int WORD = 0;

    @Override public String name() { return "three-state"; }

    @Override public String pcName(int pc) { return NAMES[pc]; }

    /** After the decrement from 2 the word reads 1 and no one else can take the lock until the store of 0. */
    @Override public boolean holds(int pc) { return pc == CS || pc == STORE0; }

    @Override public boolean finished(int pc) { return pc == DONE; }

    @Override public boolean settled(int pc) { return pc == DONE; }

    @Override public int donePc() { return DONE; }

    @Override public boolean ownerInWord() { return false; }

    @Override
    public List<String> families() {
        return List.of("cmpxchg", "xchg", "futex-wait", "futex-return", "atomic-dec", "store", "futex-wake");
    }

    @Override
    public List<Move> steps(Semantics s, FutexState state, int thread, int slot, int pc, boolean mayDie) {
        Kernel k = state.kernel();
        int w = k.memory().word(WORD);
        return switch (pc) {
            case CAS -> {
                Kernel next = w == 0 ? k.withWord(WORD, 1) : k;
                Move m = Move.to("cmpxchg", "cmpxchg(w0, 0, 1)", "= " + w, next, w == 0 ? CS : w == 2 ? WAIT : XCHG);
                yield List.of(w == 0 ? m.acquiring() : m);
            }
            case XCHG -> {
                Move m = Move.to("xchg", "xchg(w0, 2)", "= " + w, k.withWord(WORD, 2), w == 0 ? CS : WAIT);
                yield List.of(w == 0 ? m.acquiring() : m);
            }
            case WAIT -> call(s, k, slot, new Syscall.FutexWait(WORD, 2), o -> o.equals(Observation.BLOCKED) ? SLEEP : XCHG);
            case SLEEP -> call(s, k, slot, new Syscall.FutexReturn(), o -> XCHG);
            case CS -> List.of(Move.to("atomic-dec", "atomic_dec(w0)", "= " + w, k.withWord(WORD, w - 1), w == 1 ? Move.ROUND_DONE : STORE0));
            case STORE0 -> List.of(Move.to("store", "w0 = 0", "", k.withWord(WORD, 0), WAKE));
            case WAKE -> call(s, k, slot, new Syscall.FutexWake(WORD, 1), o -> Move.ROUND_DONE);
            default -> List.of();
        };
    }

    /** A futex call: its outcomes (none while the thread sleeps), each sending the thread to {@code next}. */
    static List<Move> call(Semantics s, Kernel k, int slot, Syscall c, java.util.function.ToIntFunction<Observation> next) {
        List<Outcome> outs = s.step(k, slot, c);
        return outs.stream().map(o -> Move.to(c.family(), c.toString(), o.observation().toString(), o.next(),
                next.applyAsInt(o.observation()))).toList();
    }
}
