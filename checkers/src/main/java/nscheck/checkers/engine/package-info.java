/**
 * The exhaustive searches and what they report. {@link nscheck.checkers.engine.Engines} picks one
 * for a model: {@link nscheck.checkers.engine.ParallelPackedBfs} for models whose states are longs,
 * else {@link nscheck.checkers.engine.ParallelBfs} on every core or {@link nscheck.checkers.engine.Bfs}
 * on one, whose results the parallel object search reproduces exactly (same counts, ids and shortest
 * traces). All are breadth-first, level by level, so the first violation of a property comes with a
 * shortest trace; they end with a {@link nscheck.checkers.engine.CheckResult} saying why they stopped
 * ({@link nscheck.checkers.engine.Ending}), what they counted and which action families never fired.
 * Where the states go is the store package's business, how a trace is rebuilt the trace package's.
 */
package nscheck.checkers.engine;
