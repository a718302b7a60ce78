/**
 * Differential conformance against the running kernel: scenarios drawn from the spec run through the
 * native probe (checkers/src/main/c) inside fresh PID, IPC, user and mount namespaces, and every
 * result, futex word and NSpid line the kernel reports is compared with what the spec predicted for
 * the same steps. A disagreement is shrunk on the kernel, then either matched to a known, documented
 * divergence or reported as a finding.
 */
package nscheck.checkers.conform;
