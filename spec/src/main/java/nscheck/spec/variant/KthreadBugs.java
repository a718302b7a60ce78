package nscheck.spec.variant;

import nscheck.spec.call.Signals;

/** Seeded bugs about the kernel threads of init_pid_ns ({@link nscheck.spec.state.Kthreads}). */
public final class KthreadBugs {
    private KthreadBugs() {}

    /**
     * Breaks kernel-threads-live: sig_task_ignored forgets PF_KTHREAD, so a SIGKILL that passes
     * the permission check ends a kernel thread, as it would an ordinary task.
     */
    public static final Variant KILLABLE = new Mainline() {
        @Override public String name() { return "seeded-kthread-killable"; }
        @Override public String summary() { return "seeded bug: SIGKILL ends a kernel thread (breaks kernel-threads-live)"; }
        @Override public boolean seededBug() { return true; }
        @Override public boolean kthreadTakesSignal(int sig) { return sig == Signals.SIGKILL; }
    };
}
