/**
 * A Java rendering of the kernel's PI and robust futexes, small enough for JCStress to run many times over
 * under the Java memory model: {@link nscheck.futex.PiFutexWord} is the 32-bit word in
 * the Linux layout (owner TID, FUTEX_WAITERS, FUTEX_OWNER_DIED), {@link nscheck.futex.FutexTable} the
 * kernel's wait queues, {@link nscheck.futex.PiMutex} and {@link nscheck.futex.RobustMutex} the
 * user-space mutexes built on them. It complements the model checker: the spec explores every
 * interleaving of atomic steps; these tests check an implementation whose steps are real atomics on real cores.
 */
package nscheck.futex;
