package nscheck.checkers.scenario;

import nscheck.spec.call.FdCalls;
import nscheck.spec.call.Signals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The file-descriptor calls as scenario files write them (pidfds, close): {@link CallSyntax}'s forms for {@link FdCalls}. */
final class FdCallSyntax {
    private FdCallSyntax() {}

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) if (kv[i + 1] != null) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static Object signal(int sig) {
        return sig == 0 ? (Object) 0 : Signals.name(sig);
    }

    static void add(List<CallSyntax.Form> f) {
        f.add(new CallSyntax.Form("pidfd_open", "pid; flags: a number, 0 (default), 2048 (PIDFD_NONBLOCK), 128 (PIDFD_THREAD) or their sum",
                "pidfd_open(2): returns the new fd", FdCalls.PidfdOpen.class, c -> true,
                a -> new FdCalls.PidfdOpen(a.integer("pid"), a.integer("flags", 0)),
                c -> args("pid", ((FdCalls.PidfdOpen) c).pid(), "flags", ((FdCalls.PidfdOpen) c).flags() == 0 ? null : ((FdCalls.PidfdOpen) c).flags())));
        f.add(new CallSyntax.Form("pidfd_send_signal", "fd; sig: SIGKILL (default), SIGTERM, SIGUSR1, SIGCHLD, SIGSTOP or 0; flags (default 0)",
                "pidfd_send_signal(fd, sig, NULL, flags)", FdCalls.PidfdSendSignal.class, c -> true,
                a -> new FdCalls.PidfdSendSignal(a.integer("fd"), a.signal("sig", "SIGKILL"), a.integer("flags", 0)),
                c -> {
                    FdCalls.PidfdSendSignal s = (FdCalls.PidfdSendSignal) c;
                    return args("fd", s.fd(), "sig", signal(s.sig()), "flags", s.flags() == 0 ? null : s.flags());
                }));
        f.add(new CallSyntax.Form("waitid_pidfd", "fd; nohang: true for WNOHANG (default false)",
                "waitid(P_PIDFD, fd, &info, WEXITED): returns info.si_pid", FdCalls.WaitidPidfd.class, c -> true,
                a -> new FdCalls.WaitidPidfd(a.integer("fd"), a.choice("nohang", List.of("false", "true")).equals("true")),
                c -> args("fd", ((FdCalls.WaitidPidfd) c).fd(), "nohang", ((FdCalls.WaitidPidfd) c).nohang() ? "true" : null)));
        f.add(new CallSyntax.Form("close", "fd", "close(2)", FdCalls.Close.class, c -> true,
                a -> new FdCalls.Close(a.integer("fd")), c -> args("fd", ((FdCalls.Close) c).fd())));
    }
}
