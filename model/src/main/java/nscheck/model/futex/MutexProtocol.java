package nscheck.model.futex;

import nscheck.spec.rules.Semantics;

import java.util.List;

/**
 * A user-space mutex built on a futex word, as the steps of one thread: each program counter
 * names the next atomic action (an atomic instruction on the shared word or one futex call).
 * Program counter 0 starts a lock attempt.
 */
interface MutexProtocol {
    String name();

    /** Every step the thread at {@code pc} can take, in a fixed order; empty if it cannot move. */
    List<Move> steps(Semantics s, FutexState state, int thread, int slot, int pc, boolean mayDie);

    String pcName(int pc);

    /** The thread owns the lock at this program counter. */
    boolean holds(int pc);

    /** The thread will never move again (done, dead, or parked for good). */
    boolean finished(int pc);

    /** The thread has finished its rounds or died: it waits for nothing. */
    boolean settled(int pc);

    /** The program counter a finished thread rests at. */
    int donePc();

    /** The word holds the owner's TID (a PI or robust mutex), so owner-identity applies. */
    boolean ownerInWord();

    List<String> families();
}
