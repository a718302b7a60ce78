package nscheck.checkers.cli;

/** The documented exit codes (docs/cli.md "Exit codes", README's table; ExitCodesTest runs a case of each). */
public final class ExitCode {
    public static final int OK = 0;
    /** A property is violated, a replay's expectation is not met, or the kernel disagrees with the spec (conform). */
    public static final int VIOLATED = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;
    /** 128 + SIGINT: the JVM's own status after Ctrl-C, once the partial report is printed. */
    public static final int INTERRUPTED = 130;
    /** 128 + SIGTERM. */
    public static final int TERMINATED = 143;

    private ExitCode() {}
}
