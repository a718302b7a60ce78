/**
 * The golden counts: every shipped model's distinct and generated states, depth, ending and verdicts
 * under every variant it runs with, recomputed by the sequential search and diffed against the pinned
 * model/golden-counts.json (`nscheck golden`, GoldenCountsTest), so that a refactoring cannot move a
 * number unnoticed and a deliberate semantic change regenerates the file in the same commit.
 */
package nscheck.checkers.golden;
