/**
 * Kernel models written as JSON files: bounded sets of tasks making any call on their menu in any
 * order over the spec's kernel, with the PID-namespace invariants and those over signals, SysV IPC,
 * socket credentials and user namespaces, each stated on ground truth and each with a way to fail.
 */
package nscheck.model.kernel;
