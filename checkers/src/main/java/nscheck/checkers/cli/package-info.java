/**
 * The `nscheck` command line (picocli): one command class a subcommand, reports as text or JSON, and
 * the documented exit codes (0 ok, 1 property violated, 2 usage or input error, 3 internal error).
 * Commands only parse, call the other packages and print; no checking logic lives here.
 */
package nscheck.checkers.cli;
