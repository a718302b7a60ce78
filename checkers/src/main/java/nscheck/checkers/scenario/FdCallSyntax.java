package nscheck.checkers.scenario;

import nscheck.spec.call.FdCalls;
import nscheck.spec.call.NsfsCall;
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
        f.add(new CallSyntax.Form("open_ns", "file: pid (default), pid_for_children, ipc or user", "open(\"/proc/self/ns/FILE\"): returns the new fd",
                FdCalls.NsOpen.class, c -> true,
                a -> new FdCalls.NsOpen(FdCalls.NS_FILES.indexOf(a.choice("file", FdCalls.NS_FILES))),
                c -> args("file", FdCalls.NS_FILES.get(((FdCalls.NsOpen) c).kind()))));
        f.add(new CallSyntax.Form("setns_fd", "fd; nstype: clone flag names (default none: any type)", "setns(fd, nstype) on a namespace file or a pidfd",
                FdCalls.SetnsFd.class, c -> true,
                a -> new FdCalls.SetnsFd(a.integer("fd"), a.flags("nstype")),
                c -> args("fd", ((FdCalls.SetnsFd) c).fd(), "nstype", CallSyntax.flagNames(((FdCalls.SetnsFd) c).nstype()))));
        f.add(new CallSyntax.Form("ioctl_ns", "fd; op: NS_GET_USERNS, NS_GET_PARENT, NS_GET_NSTYPE, NS_GET_{PID,TGID}_{FROM,IN}_PIDNS or a number; arg: the PID of the four PID forms",
                "ioctl(fd, op, arg) on a namespace file", FdCalls.NsIoctl.class, c -> true,
                a -> new FdCalls.NsIoctl(a.integer("fd"), nsIoctl(a.choice("op", IOCTLS)), a.integer("arg", 0)),
                c -> {
                    FdCalls.NsIoctl x = (FdCalls.NsIoctl) c;
                    return args("fd", x.fd(), "op", FdCalls.nsIoctlName(x.op()), "arg", x.op() >= FdCalls.NS_GET_PID_FROM_PIDNS && x.op() <= FdCalls.NS_GET_TGID_IN_PIDNS ? x.arg() : null);
                }));
        f.add(new CallSyntax.Form("open_ns_of", "pid: a number in the caller's /proc; file: pid (default), pid_for_children, ipc or user",
                "open(\"/proc/PID/ns/FILE\"): returns the new fd", NsfsCall.OpenOther.class, c -> true,
                a -> new NsfsCall.OpenOther(a.integer("pid"), FdCalls.NS_FILES.indexOf(a.choice("file", FdCalls.NS_FILES))),
                c -> args("pid", ((NsfsCall.OpenOther) c).pid(), "file", FdCalls.NS_FILES.get(((NsfsCall.OpenOther) c).kind()))));
        f.add(new CallSyntax.Form("same_inode", "fd1; fd2", "fstat both: 1 if st_dev and st_ino are equal, else 0", NsfsCall.SameInode.class, c -> true,
                a -> new NsfsCall.SameInode(a.integer("fd1"), a.integer("fd2")),
                c -> args("fd1", ((NsfsCall.SameInode) c).fd1(), "fd2", ((NsfsCall.SameInode) c).fd2())));
    }

    private static final List<String> IOCTLS = List.of("NS_GET_USERNS", "NS_GET_PARENT", "NS_GET_NSTYPE", "NS_GET_PID_FROM_PIDNS",
            "NS_GET_TGID_FROM_PIDNS", "NS_GET_PID_IN_PIDNS", "NS_GET_TGID_IN_PIDNS", "NS_GET_OWNER_UID", "NS_GET_ID", "_IO(0xb7, 64)");

    private static int nsIoctl(String name) {
        for (int op = 0; op < 65; op++) if (FdCalls.nsIoctlName(op).equals(name)) return op;
        throw new IllegalStateException(name);
    }
}
