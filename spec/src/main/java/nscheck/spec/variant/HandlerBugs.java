package nscheck.spec.variant;

import nscheck.spec.state.Kernel;
import nscheck.spec.state.SigInfo;

/** Seeded bugs about signal handlers (kernel/signal.c, issue 19 item 2, P21). */
public final class HandlerBugs {
    private HandlerBugs() {}

    /** Breaks reported-pid: the handler's siginfo names the sender by its global PID, not as it was queued for the receiver (P21). */
    public static final Variant GLOBAL_PID = new Mainline() {
        @Override public String name() { return "seeded-handler-global-pid"; }
        @Override public String summary() { return "seeded bug: a handler's si_pid is the sender's global PID (breaks reported-pid)"; }
        @Override public boolean seededBug() { return true; }
        @Override public int handlerSiPid(Kernel k, SigInfo info) {
            return info.sender() == null || info.claimedPid() >= 0 ? info.siPid() : info.sender().numberAtLevel(0);
        }
    };
}
