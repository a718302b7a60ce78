/**
 * Proposals side by side: every model runs under every variant (mainline, the historical and proposed
 * designs, the seeded bugs), and the results fold into a matrix of invariants by variants whose cells
 * say holds, fails with a shortest counterexample of length n, does not apply, or did not finish
 * (`nscheck compare`), as text, Markdown or JSON.
 */
package nscheck.checkers.compare;
