package nscheck.checkers.scenario;

import nscheck.spec.call.HandlerCall;
import nscheck.spec.call.Signals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Signal handlers and masks as scenario files write them: {@link CallSyntax}'s forms for {@link HandlerCall} (P20-P23). */
final class HandlerCallSyntax {
    private HandlerCallSyntax() {}

    private static final List<String> HOW = List.of("SIG_BLOCK", "SIG_UNBLOCK", "SIG_SETMASK");
    private static final List<String> HANDLED_READ = List.of("si_pid", "si_signo", "si_uid");

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) if (kv[i + 1] != null) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static List<String> names(long set) {
        List<String> out = new ArrayList<>();
        for (int sig = 1; sig <= Signals.NSIG; sig++) if ((set & Signals.bit(sig)) != 0) out.add(Signals.name(sig));
        return out;
    }

    static void add(List<CallSyntax.Form> f) {
        f.add(new CallSyntax.Form("sigaction_handler", "sig: SIGUSR1, SIGUSR2, SIGTERM, SIGHUP, SIGCHLD (SIGKILL, SIGSTOP: EINVAL); flags: 0 (default) or SA_NOCLDWAIT",
                "sigaction(sig, {handler, SA_SIGINFO|SA_RESTART|flags}, NULL): the handler records the siginfo it receives", HandlerCall.SetHandler.class, c -> true,
                a -> new HandlerCall.SetHandler(a.signal("sig", "SIGUSR1"), a.choice("flags", List.of("0", "SA_NOCLDWAIT")).equals("SA_NOCLDWAIT")),
                c -> args("sig", Signals.name(((HandlerCall.SetHandler) c).sig()), "flags", ((HandlerCall.SetHandler) c).noCldWait() ? "SA_NOCLDWAIT" : null)));
        f.add(new CallSyntax.Form("sigmask", "how: SIG_BLOCK (default), SIG_UNBLOCK or SIG_SETMASK; set: signal names (default none)",
                "sigprocmask(how, set, NULL); what it unblocks is delivered before it returns", HandlerCall.Sigprocmask.class,
                c -> true,
                a -> new HandlerCall.Sigprocmask(HOW.indexOf(a.choice("how", HOW)), a.signalSet("set")),
                c -> {
                    HandlerCall.Sigprocmask m = (HandlerCall.Sigprocmask) c;
                    return args("how", HOW.get(m.how()), "set", m.set() == 0 ? null : names(m.set()));
                }));
        f.add(new CallSyntax.Form("sigpending", "", "sigpending(&set): returns the set, bit sig - 1 for each pending signal", HandlerCall.Sigpending.class, c -> true,
                a -> new HandlerCall.Sigpending(), c -> args()));
        f.add(new CallSyntax.Form("handled", "read: si_pid (default), si_signo or si_uid",
                "the oldest siginfo the caller's handler recorded and nobody read yet (EAGAIN if none)", HandlerCall.Handled.class, c -> true,
                a -> new HandlerCall.Handled(HandlerCall.Field.valueOf(a.choice("read", HANDLED_READ).toUpperCase())),
                c -> args("read", ((HandlerCall.Handled) c).field().name().toLowerCase())));
    }
}
