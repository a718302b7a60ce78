package nscheck.checkers.engine;

/** A search strategy as the CLI drives it: run to the end, or stop early on request (Ctrl-C). */
public interface Engine<S, A> {
    CheckResult<S, A> run();

    /** Asks a running search to stop soon and report what it has. */
    void requestStop();

    /** The engine's name in reports and counterexample files. */
    String name();
}
