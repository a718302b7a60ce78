package nscheck.model.kernel;

import nscheck.spec.call.HandlerCall;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;

import java.util.List;
import java.util.Map;

/**
 * The call families of signal handlers and masks (kernel/signal.c, P20-P23), kept apart from
 * {@link CallMenu}'s switch. One family per signal, so that a model names the signals it plays
 * with: sighandler-SIG installs the probe's SA_SIGINFO handler (and, for the signals the
 * sigaction family does not cover, sets SIG_DFL and SIG_IGN), sigmask-SIG blocks and unblocks it.
 */
final class HandlerCallMenu {
    private HandlerCallMenu() {}

    /** The signals with families of their own, by the suffix their families carry. */
    private static final Map<String, Integer> SIGNALS = Map.of("hup", Signals.SIGHUP, "usr1", Signals.SIGUSR1, "usr2", Signals.SIGUSR2,
            "term", Signals.SIGTERM, "chld", Signals.SIGCHLD);

    static void describe(Map<String, String> m) {
        m.put("sighandler-usr1", "sigaction(SIGUSR1, {handler, SA_SIGINFO}): the handler records the siginfo it receives");
        m.put("sighandler-chld", "sigaction(SIGCHLD, {handler, SA_SIGINFO}) without and with SA_NOCLDWAIT");
        for (String s : List.of("usr2", "term", "hup")) {
            String name = "SIG" + s.toUpperCase();
            m.put("sighandler-" + s, "sigaction(" + name + ", {handler, SA_SIGINFO}), sigaction(" + name + ", SIG_DFL), sigaction(" + name + ", SIG_IGN)");
        }
        m.put("sighandler-kill", "sigaction(SIGKILL, {handler, SA_SIGINFO}) and sigaction(SIGSTOP, ...): EINVAL");
        for (String s : List.of("usr1", "usr2", "term", "hup", "chld")) {
            String name = "SIG" + s.toUpperCase();
            m.put("sigmask-" + s, "sigprocmask(SIG_BLOCK, {" + name + "}) and sigprocmask(SIG_UNBLOCK, {" + name + "}), which delivers it if pending");
        }
        m.put("sigmask-setmask", "sigprocmask(SIG_SETMASK, {}), sigprocmask(SIG_SETMASK, {SIGKILL, SIGSTOP}) (left out: the empty mask)");
        m.put("kill-usr2", "kill(pid, SIGUSR2) for pid -1 and every pid");
        m.put("kill-hup", "kill(pid, SIGHUP) for pid -1 and every pid");
        m.put("sigpending", "sigpending(): the caller's pending signals, its own and its process's, as a sigset");
        m.put("handled", "the oldest siginfo the caller's handler recorded: si_signo, si_pid and si_uid (EAGAIN if none)");
    }

    /** Adds the calls of {@code family} to {@code out}; false if it is not a handler or mask family. */
    static boolean expand(String family, int pidMax, List<Syscall> out) {
        if (family.startsWith("sighandler-")) {
            String s = family.substring("sighandler-".length());
            if (s.equals("kill")) {
                out.add(new HandlerCall.SetHandler(Signals.SIGKILL));
                out.add(new HandlerCall.SetHandler(Signals.SIGSTOP));
                return true;
            }
            Integer sig = SIGNALS.get(s);
            if (sig == null) return false;
            out.add(new HandlerCall.SetHandler(sig));
            if (sig == Signals.SIGCHLD) out.add(new HandlerCall.SetHandler(sig, true));
            if (sig != Signals.SIGUSR1 && sig != Signals.SIGCHLD) {
                out.add(new ProcessCall.Sigaction(sig, false, false));
                out.add(new ProcessCall.Sigaction(sig, true, false));
            }
            return true;
        }
        if (family.startsWith("sigmask-")) {
            String s = family.substring("sigmask-".length());
            if (s.equals("setmask")) {
                out.add(new HandlerCall.Sigprocmask(HandlerCall.SIG_SETMASK, 0));
                out.add(new HandlerCall.Sigprocmask(HandlerCall.SIG_SETMASK, Signals.bit(Signals.SIGKILL) | Signals.bit(Signals.SIGSTOP)));
                return true;
            }
            Integer sig = SIGNALS.get(s);
            if (sig == null) return false;
            out.add(new HandlerCall.Sigprocmask(HandlerCall.SIG_BLOCK, Signals.bit(sig)));
            out.add(new HandlerCall.Sigprocmask(HandlerCall.SIG_UNBLOCK, Signals.bit(sig)));
            return true;
        }
        switch (family) {
            case "kill-usr2", "kill-hup" -> {
                int sig = family.equals("kill-usr2") ? Signals.SIGUSR2 : Signals.SIGHUP;
                out.add(new Syscall.Kill(-1, sig));
                for (int p = 1; p < pidMax; p++) out.add(new Syscall.Kill(p, sig));
            }
            case "sigpending" -> out.add(new HandlerCall.Sigpending());
            case "handled" -> { for (HandlerCall.Field f : HandlerCall.Field.values()) out.add(new HandlerCall.Handled(f)); }
            default -> { return false; }
        }
        return true;
    }
}
