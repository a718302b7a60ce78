package nscheck.spec.call;

/** Signal numbers (x86-64) and the default actions the spec needs (signal(7)). */
public final class Signals {
    public static final int SIGHUP = 1;
    public static final int SIGKILL = 9;
    public static final int SIGUSR1 = 10;
    public static final int SIGTERM = 15;
    public static final int SIGCHLD = 17;
    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;
    public static final int SIGIO = 29;
    /** _NSIG on x86-64: valid signals are 1.._NSIG. */
    public static final int NSIG = 64;

    private Signals() {}

    public static String name(int sig) {
        return switch (sig) {
            case 0 -> "0";
            case SIGKILL -> "SIGKILL";
            case SIGTERM -> "SIGTERM";
            case SIGCHLD -> "SIGCHLD";
            case SIGSTOP -> "SIGSTOP";
            case SIGCONT -> "SIGCONT";
            case SIGHUP -> "SIGHUP";
            case SIGUSR1 -> "SIGUSR1";
            case SIGIO -> "SIGIO";
            default -> "SIG" + sig;
        };
    }

    public static int parse(String name) {
        return switch (name) {
            case "0" -> 0;
            case "SIGKILL" -> SIGKILL;
            case "SIGTERM" -> SIGTERM;
            case "SIGCHLD" -> SIGCHLD;
            case "SIGSTOP" -> SIGSTOP;
            case "SIGCONT" -> SIGCONT;
            case "SIGHUP" -> SIGHUP;
            case "SIGUSR1" -> SIGUSR1;
            case "SIGIO" -> SIGIO;
            default -> throw new IllegalArgumentException("unknown signal: " + name);
        };
    }

    /** With no handler installed, these terminate the process (SIG_DFL action "Term"). */
    public static boolean fatalByDefault(int sig) {
        return sig == SIGKILL || sig == SIGTERM || sig == SIGHUP;
    }
}
