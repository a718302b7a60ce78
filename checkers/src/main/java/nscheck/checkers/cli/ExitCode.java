package nscheck.checkers.cli;

/** The documented exit codes (README "Exit codes"). */
public final class ExitCode {
    public static final int OK = 0;
    public static final int VIOLATED = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;

    private ExitCode() {}
}
