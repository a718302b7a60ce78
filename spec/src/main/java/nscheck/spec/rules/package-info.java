/**
 * The transition rules, laid out like the kernel sources they follow: one file per kernel source
 * file or subsystem, whose header names it, and one method per kernel function it stands for.
 * {@link nscheck.spec.rules.Semantics#step} checks what holds for every call (the task runs, a woken
 * futex waiter returns first, a pending fatal signal is acted on) and hands the call to its one rule.
 * Every PID- or id-dependent answer is asked of the {@link nscheck.spec.variant.Variant} being checked.
 * Rule tags (P1..P15, F1..F6, I1..I9, C1..C4, U3..U5, S1..S3, H2..H4) are those of docs/semantics.md.
 */
package nscheck.spec.rules;
