/**
 * Counterexample files: a violation written as versioned JSON (model, variant, bounds, property, and
 * each step as actor, call, arguments and observation) so that it can be replayed without the run that
 * found it, by `nscheck replay` and by the build over the corpus in counterexamples/. The format is
 * described in counterexamples/README.md; a file of another format or version is refused in one line.
 */
package nscheck.checkers.cex;
