/**
 * Where a search keeps what it has seen. Every visited set answers one question, "was this 64-bit key
 * new?" ({@link nscheck.checkers.store.VisitedSet}): object searches store
 * fingerprints ({@link nscheck.checkers.store.FingerprintSet}, one writer and many readers), packed searches the
 * states themselves ({@link nscheck.checkers.store.PackedStateSet}, exact, lock-free) or a few bits
 * of them ({@link nscheck.checkers.store.BitstateSet}, SPIN's supertrace). Beside them the frontier
 * of a packed level, which may spill to disk ({@link nscheck.checkers.store.PackedFrontier}), and the
 * parent pointers from which object searches rebuild traces ({@link nscheck.checkers.store.TraceStore}).
 * Nothing here knows about models: the sets hold longs.
 */
package nscheck.checkers.store;
