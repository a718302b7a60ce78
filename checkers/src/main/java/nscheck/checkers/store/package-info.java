/**
 * Where a search keeps what it has seen. Every visited set answers one question, "was this 64-bit key
 * new?" ({@link nscheck.checkers.store.VisitedSet}): object searches store
 * fingerprints ({@link nscheck.checkers.store.SegmentedFingerprintSet}, one writer and many readers, growing a
 * 256th at a time, also a cluster member's share), packed searches the
 * states themselves ({@link nscheck.checkers.store.PackedStateSet}, exact, lock-free) or a few bits
 * of them ({@link nscheck.checkers.store.BitstateSet}, SPIN's supertrace). Beside them the frontier
 * of a level, which may spill to disk: packed states ({@link nscheck.checkers.store.PackedFrontier}) or
 * object states as the bytes of the generic {@link nscheck.checkers.store.StateCodec}
 * ({@link nscheck.checkers.store.EncodedFrontier}); and the parent pointers from which object
 * searches rebuild traces ({@link nscheck.checkers.store.TraceStore}). Nothing here knows about a
 * particular model: the sets hold longs, the codec reads any state's fields by reflection.
 */
package nscheck.checkers.store;
