/**
 * Random walks for state spaces too large to enumerate: {@link nscheck.checkers.walk.Simulation}
 * checks every property at every step, exactly as the searches do, and picks steps by swarm testing
 * ({@link nscheck.checkers.walk.Swarm}: each walk enables a random subset of the call families, so
 * rare calls are not starved). Every walk is reproducible from its seed; a walk's trace is long and is
 * handed to the shrink package before anyone reads it.
 */
package nscheck.checkers.walk;
