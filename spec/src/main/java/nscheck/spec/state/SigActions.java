package nscheck.spec.state;

import nscheck.spec.call.Signals;

/**
 * The process's signal dispositions the spec tracks (sighand->action, kernel/signal.c), shared by
 * its threads and copied at fork, for the signals of {@link Signals#CATCHABLE}: SIG_IGN, an
 * SA_SIGINFO handler (the probe's, which records the siginfo it receives: HandlerRules), or
 * SIG_DFL; and SIGCHLD's SA_NOCLDWAIT. At boot every one is SIG_DFL without flags.
 *
 * @param ignored   sigset of the signals whose handler is SIG_IGN: dropped at generation unless
 *                  blocked (sig_ignored); SIGCHLD's also reaps children at exit and sends no
 *                  SIGCHLD (do_notify_parent)
 * @param handlers  sigset of the signals with an SA_SIGINFO handler installed
 * @param noCldWait SIGCHLD has SA_NOCLDWAIT: children are reaped at exit, SIGCHLD is still sent
 */
public record SigActions(long ignored, long handlers, boolean noCldWait) {
    public static final SigActions DEFAULT = new SigActions(0, 0, false);

    /** The dispositions of dispositions-only models: SIGUSR1 and SIGCHLD SIG_IGN or SIG_DFL. */
    public SigActions(boolean usr1Ignored, boolean chldIgnored, boolean noCldWait) {
        this((usr1Ignored ? Signals.bit(Signals.SIGUSR1) : 0) | (chldIgnored ? Signals.bit(Signals.SIGCHLD) : 0), 0, noCldWait);
    }

    public boolean usr1Ignored() {
        return ignores(Signals.SIGUSR1);
    }

    public boolean chldIgnored() {
        return ignores(Signals.SIGCHLD);
    }

    /** The handler is SIG_IGN. */
    public boolean ignores(int sig) {
        return (ignored & Signals.bit(sig)) != 0;
    }

    /** An SA_SIGINFO handler is installed. */
    public boolean handles(int sig) {
        return (handlers & Signals.bit(sig)) != 0;
    }

    /** sigaction(sig, ...): SIG_IGN ({@code ignore}), the handler ({@code handler}) or SIG_DFL; SA_NOCLDWAIT is SIGCHLD's. */
    public SigActions with(int sig, boolean ignore, boolean handler, boolean nocldwait) {
        long b = Signals.bit(sig);
        return new SigActions(ignore ? ignored | b : ignored & ~b, handler ? handlers | b : handlers & ~b,
                sig == Signals.SIGCHLD ? nocldwait : noCldWait);
    }

    /** do_notify_parent's autoreap: SIGCHLD is SIG_IGN or has SA_NOCLDWAIT. */
    public boolean autoreap() {
        return chldIgnored() || noCldWait;
    }

    int code() {
        // The first three bits as before handlers existed, so that those states keep their fingerprints.
        int old = (usr1Ignored() ? 1 : 0) | (chldIgnored() ? 2 : 0) | (noCldWait ? 4 : 0);
        long rest = (ignored & ~(Signals.bit(Signals.SIGUSR1) | Signals.bit(Signals.SIGCHLD))) | handlers << 32;
        return rest == 0 ? old : old | 8 | (int) (rest ^ rest >>> 29) << 4;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int sig : Signals.CATCHABLE) {
            if (ignores(sig)) b.append(' ').append(Signals.name(sig)).append("=SIG_IGN");
            if (handles(sig)) b.append(' ').append(Signals.name(sig)).append("=handler");
        }
        return b + (noCldWait ? " SA_NOCLDWAIT" : "");
    }
}
