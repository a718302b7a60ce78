/**
 * Shrinking a violating trace while it still violates the same property:
 * {@link nscheck.checkers.shrink.Minimizer} drops steps (delta debugging), merges two steps into one
 * and simplifies arguments, replaying every candidate against the model. Scenarios that the real
 * kernel disagrees with are shrunk by conform's own shrinker, which replays on the kernel instead.
 */
package nscheck.checkers.shrink;
