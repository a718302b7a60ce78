/**
 * The answers where PID-identity proposals differ from today's Linux: {@link nscheck.spec.variant.Variant}
 * asks them, {@link nscheck.spec.variant.Mainline} gives the kernel's own (alloc_pid, pid_nr_ns,
 * find_pid_ns, the reaper and zap choices), and each historical proposal overrides only what it
 * changes. The seeded bugs are variants too: each exists to prove that an invariant can fail.
 */
package nscheck.spec.variant;
