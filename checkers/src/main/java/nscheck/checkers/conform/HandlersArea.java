package nscheck.checkers.conform;

import nscheck.model.kernel.CallMenu;
import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.HandlerCall;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.TaskContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Signal handlers and masks (issue 19 item 2, P20-P23): the probe's SA_SIGINFO handler for
 * SIGHUP, SIGUSR1, SIGUSR2, SIGTERM and SIGCHLD (SIGKILL and SIGSTOP: EINVAL), SIG_DFL and SIG_IGN, sigprocmask blocking, unblocking
 * (what it unblocks is delivered before it returns: to the handler, discarded, or the group's
 * death) and SIG_SETMASK, sigpending, and the siginfo each handler received read back (si_signo,
 * si_pid, si_uid), across a child PID namespace whose init is protected (P9) unless it has a
 * handler. The setup makes T1 (PID 2) with handlers for SIGUSR1 and SIGTERM, and its child T2, the
 * init of a child namespace (3, 1 inside), which inherits them, and T2's child T3 (4, 2 inside);
 * then T2 blocks SIGUSR2, whose SIG_DFL it would drop unblocked; PIDs 1..4.
 */
final class HandlersArea {
    private HandlersArea() {}

    static final String NAME = "handlers";

    /** The reads are what show the handlers' siginfo: listed several times over. */
    private static final int READ_WEIGHT = 3;
    /** ... and many more times while the task has records (or pending signals, for sigpending and unblocking). */
    private static final int RECORDS_WEIGHT = 12;

    private static final List<String> DISPOSITIONS = List.of("sighandler-usr1", "sighandler-usr2", "sighandler-term", "sighandler-chld",
            "sighandler-kill", "sigaction");
    private static final List<String> MASKS = List.of("sigmask-usr1", "sigmask-usr2", "sigmask-term", "sigmask-chld", "sigmask-setmask");
    private static final List<String> SENDS = List.of("kill-usr1", "kill-usr2", "kill-term", "sigqueue", "tgkill");

    static Area handlers() {
        List<Syscall> menu = new ArrayList<>(CallMenu.expand(List.of("clone", "clone-newpid", "exit", "wait", "sigpending", "sigpending", "setuid", "unshare-newuser"), 5));
        menu.addAll(CallMenu.expand(DISPOSITIONS, 5));
        menu.addAll(CallMenu.expand(MASKS, 5));
        menu.addAll(CallMenu.expand(SENDS, 5));
        List<Syscall> initCalls = new ArrayList<>(CallMenu.expand(List.of("wait", "sigpending", "sighandler-usr1", "sighandler-chld", "sighandler-term",
                "sigmask-usr1", "sigmask-chld", "sigmask-term", "sigmask-setmask", "kill-usr1", "kill-term"), 5));
        for (int i = 0; i < READ_WEIGHT; i++) {
            menu.addAll(CallMenu.expand(List.of("handled"), 5));
            initCalls.addAll(CallMenu.expand(List.of("handled"), 5));
        }
        List<Syscall> fixed = List.copyOf(menu);
        List<Syscall> init = List.copyOf(initCalls);
        List<Syscall> reads = new ArrayList<>();
        for (int i = 0; i < RECORDS_WEIGHT; i++) reads.addAll(CallMenu.expand(List.of("handled"), 5));
        List<Syscall> pendingCalls = new ArrayList<>();
        for (int i = 0; i < RECORDS_WEIGHT / 4; i++) pendingCalls.addAll(CallMenu.expand(List.of("sigpending", "sigmask-setmask"), 5));
        return new Area(NAME, "sigaction with the probe's SA_SIGINFO handler, SIG_DFL and SIG_IGN; sigprocmask block, unblock and setmask delivering what it unblocks; sigpending; the siginfo a handler received (si_signo, si_pid, si_uid), also in a namespace init",
                0, List.of(new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0)),
                        new Scenario.Step(1, new HandlerCall.SetHandler(Signals.SIGUSR1)),
                        new Scenario.Step(1, new HandlerCall.SetHandler(Signals.SIGTERM)),
                        new Scenario.Step(1, new Syscall.Clone(CloneFlags.CLONE_NEWPID)),
                        new Scenario.Step(2, new Syscall.Clone(0)),
                        new Scenario.Step(2, new HandlerCall.Sigprocmask(HandlerCall.SIG_BLOCK, Signals.bit(Signals.SIGUSR2)))),
                (k, slot) -> {
                    // a task with records to read back, or signals pending, does so more often (walks would rarely get there)
                    List<Syscall> base = slot == Kernel.ROOT_INIT ? init : fixed;
                    TaskContext c = k.objects().context(slot);
                    if (c == null || (c.handled().isEmpty() && c.pending().isEmpty())) return base;
                    List<Syscall> out = new ArrayList<>(base);
                    if (!c.handled().isEmpty()) out.addAll(reads);
                    if (!c.pending().isEmpty()) out.addAll(pendingCalls);
                    return out;
                });
    }
}
