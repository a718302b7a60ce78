package nscheck.spec.call;

/** Signal numbers (x86-64) and the default actions the spec needs (signal(7)). */
public final class Signals {
    public static final int SIGHUP = 1;
    public static final int SIGKILL = 9;
    public static final int SIGUSR1 = 10;
    public static final int SIGUSR2 = 12;
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
            case SIGUSR2 -> "SIGUSR2";
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
            case "SIGUSR2" -> SIGUSR2;
            default -> throw new IllegalArgumentException("unknown signal: " + name);
        };
    }

    /** With no handler installed, these terminate the process (SIG_DFL action "Term"). */
    public static boolean fatalByDefault(int sig) {
        return sig == SIGKILL || sig == SIGTERM || sig == SIGHUP || sig == SIGUSR2;
    }

    // ---- handlers and masks (kernel/signal.c; HandlerRules) ----

    /** The signals a handler can be installed for and a mask can hold, whose dispositions the spec tracks: SIGKILL and SIGSTOP cannot be caught or blocked. */
    public static final java.util.List<Integer> CATCHABLE = java.util.List.of(SIGHUP, SIGUSR1, SIGUSR2, SIGTERM, SIGCHLD);

    /** sigmask(sig): the signal's bit in a sigset_t (bit sig - 1). */
    public static long bit(int sig) {
        return 1L << (sig - 1);
    }

    /** sig_kernel_only: SIGKILL and SIGSTOP, which no handler, mask or SIG_IGN can take. */
    public static boolean kernelOnly(int sig) {
        return sig == SIGKILL || sig == SIGSTOP;
    }

    /** sig_kernel_ignore, of the signals the spec tracks: SIGCHLD's SIG_DFL is to ignore it. */
    public static boolean ignoredByDefault(int sig) {
        return sig == SIGCHLD;
    }
}
