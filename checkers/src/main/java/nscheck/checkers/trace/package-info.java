/**
 * Paths through a model and what they violate, shared by every way of finding one: a
 * {@link nscheck.checkers.trace.Trace} is an initial state and its steps, a
 * {@link nscheck.checkers.trace.Violation} a failed property with its trace,
 * {@link nscheck.checkers.trace.PropertyCheck} the one definition of "this state or step violates",
 * and {@link nscheck.checkers.trace.Replay} re-executes recorded steps (a counterexample file's, or a
 * minimizer's candidate) against today's spec and says where it no longer agrees.
 */
package nscheck.checkers.trace;
