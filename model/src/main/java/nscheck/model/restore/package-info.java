/**
 * Checkpoint/restore and migration between two hosts: a container checkpointed on one host is restored
 * on another whose PID namespaces and namespace identifiers have moved on meanwhile, with the
 * invariants a restore must keep (PIDs preserved, a failed restore leaves nothing behind, namespace
 * identifiers survive the move).
 */
package nscheck.model.restore;
