/**
 * The kernel state the spec tracks, as immutable values: tasks and PID namespaces
 * ({@link nscheck.spec.state.Kernel}), the objects beside them (credentials, user and IPC namespaces,
 * SysV objects, the Unix socket, ucounts: {@link nscheck.spec.state.KernelObjects}) and the futex words
 * of shared memory. Tables are slots reused lowest first, standing for kernel addresses, so that a
 * bounded model has a finite state space; every change returns a new value, and
 * {@link nscheck.spec.state.StateHasher} gives each state its 64-bit fingerprint. No rule lives here.
 */
package nscheck.spec.state;
