/**
 * The vocabulary between an actor and the kernel: the calls a task can make, as values
 * ({@link nscheck.spec.call.Syscall}, with their arguments as user space passes them), the flags and
 * signal numbers they carry, and what comes back ({@link nscheck.spec.call.Observation}, errno) together
 * with the next kernel state ({@link nscheck.spec.call.Outcome}). Nothing here knows a rule: a call is
 * data, and every call type reaches its one rule through {@link nscheck.spec.call.SyscallTable}.
 */
package nscheck.spec.call;
