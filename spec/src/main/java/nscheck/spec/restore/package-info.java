/**
 * Checkpoint and restore as CRIU does them, on top of the rules: a {@link nscheck.spec.restore.Checkpoint}
 * image of a container and the {@link nscheck.spec.restore.Restore} procedure that recreates it with the
 * variant's PID-choosing call, every step going through {@link nscheck.spec.rules.Semantics#step}.
 */
package nscheck.spec.restore;
