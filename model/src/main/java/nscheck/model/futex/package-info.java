/**
 * User-space mutex protocols on futex words, as threads taking one atomic step at a time over the
 * spec's kernel (Drepper's three-state mutex, glibc's PI and robust mutexes, within one PID namespace
 * and across two), plus the benchmark model {@link nscheck.model.futex.FutexMutex} whose states are
 * packed into a long.
 */
package nscheck.model.futex;
