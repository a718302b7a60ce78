package nscheck.spec.state;

/**
 * The process's signal dispositions the spec tracks (sighand->action, kernel/signal.c), shared by
 * its threads and copied at fork: whether SIGUSR1 and SIGCHLD are SIG_IGN, and SIGCHLD's
 * SA_NOCLDWAIT. Everything else is SIG_DFL without flags, as at boot. Handlers are not modelled yet.
 *
 * @param usr1Ignored     SIGUSR1's handler is SIG_IGN: dropped at generation unless blocked (sig_ignored)
 * @param chldIgnored     SIGCHLD's handler is SIG_IGN: children are reaped at exit and no SIGCHLD is sent (do_notify_parent)
 * @param noCldWait       SIGCHLD has SA_NOCLDWAIT: children are reaped at exit, SIGCHLD is still sent
 */
public record SigActions(boolean usr1Ignored, boolean chldIgnored, boolean noCldWait) {
    public static final SigActions DEFAULT = new SigActions(false, false, false);

    /** do_notify_parent's autoreap: SIGCHLD is SIG_IGN or has SA_NOCLDWAIT. */
    public boolean autoreap() {
        return chldIgnored || noCldWait;
    }

    int code() {
        return (usr1Ignored ? 1 : 0) | (chldIgnored ? 2 : 0) | (noCldWait ? 4 : 0);
    }

    @Override
    public String toString() {
        return (usr1Ignored ? " SIGUSR1=SIG_IGN" : "") + (chldIgnored ? " SIGCHLD=SIG_IGN" : "") + (noCldWait ? " SA_NOCLDWAIT" : "");
    }
}
