package nscheck.model.kernel;

import nscheck.spec.call.FdCalls;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.FdTable;

import java.util.List;
import java.util.Map;

/**
 * The call families on file descriptors (pidfds, close), kept apart from {@link CallMenu}'s
 * switch. fd arguments range over the first {@link #FDS} numbers a table hands out, so a
 * search tries closed, inherited and never-opened numbers as well as open ones.
 */
final class FdCallMenu {
    private FdCallMenu() {}

    static final int FDS = 2;

    static void describe(Map<String, String> m) {
        m.put("pidfd-open", "pidfd_open(pid, 0) for every pid, and pidfd_open(2, PIDFD_NONBLOCK)");
        m.put("pidfd-send-signal", "pidfd_send_signal(fd, sig, NULL, 0) for fd 3 and 4, sig 0 and SIGKILL");
        m.put("waitid-pidfd", "waitid(P_PIDFD, fd, WEXITED) and waitid(P_PIDFD, fd, WEXITED|WNOHANG) for fd 3 and 4, returning si_pid");
        m.put("close", "close(fd) for fd 3 and 4");
        m.put("ns-open", "open /proc/self/ns/pid, pid_for_children, ipc and user");
        m.put("setns-fd", "setns(fd, 0) and setns(fd, CLONE_NEWPID) for fd 3 and 4 (a namespace file or a pidfd)");
        m.put("ns-ioctl", "ioctl(fd, NS_GET_PARENT) and ioctl(fd, NS_GET_USERNS) for fd 3 and 4");
        m.put("ns-ids", "ioctl(fd, NS_GET_ID) and ioctl(fd, NS_GET_OWNER_UID) for fd 3 and 4, and fstat's st_ino of fd 3 and 4 compared");
        m.put("ns-open-pid", "open /proc/PID/ns/pid, pid_for_children, ipc and user for every pid");
        m.put("ns-ioctl-pid", "ioctl(fd, NS_GET_PID_FROM_PIDNS, pid) and ioctl(fd, NS_GET_PID_IN_PIDNS, pid) for fd 3 and 4 and every pid");
    }

    /** Adds the calls of {@code family} to {@code out}; false if it is not a file-descriptor family. */
    static boolean expand(String family, int pidMax, List<Syscall> out) {
        switch (family) {
            case "pidfd-open" -> {
                for (int p = 1; p < pidMax; p++) out.add(new FdCalls.PidfdOpen(p, 0));
                out.add(new FdCalls.PidfdOpen(2, FdCalls.PIDFD_NONBLOCK));
            }
            case "pidfd-send-signal" -> {
                for (int fd = FdTable.FIRST_FD; fd < FdTable.FIRST_FD + FDS; fd++)
                    for (int sig : new int[] {0, Signals.SIGKILL}) out.add(new FdCalls.PidfdSendSignal(fd, sig, 0));
            }
            case "waitid-pidfd" -> {
                for (int fd = FdTable.FIRST_FD; fd < FdTable.FIRST_FD + FDS; fd++) {
                    out.add(new FdCalls.WaitidPidfd(fd, false));
                    out.add(new FdCalls.WaitidPidfd(fd, true));
                }
            }
            case "close" -> { for (int fd = FdTable.FIRST_FD; fd < FdTable.FIRST_FD + FDS; fd++) out.add(new FdCalls.Close(fd)); }
            case "ns-open" -> { for (int kind = 0; kind < FdCalls.NS_FILES.size(); kind++) out.add(new FdCalls.NsOpen(kind)); }
            case "setns-fd" -> {
                for (int fd = FdTable.FIRST_FD; fd < FdTable.FIRST_FD + FDS; fd++) {
                    out.add(new FdCalls.SetnsFd(fd, 0));
                    out.add(new FdCalls.SetnsFd(fd, nscheck.spec.call.CloneFlags.CLONE_NEWPID));
                }
            }
            case "ns-ioctl" -> {
                for (int fd = FdTable.FIRST_FD; fd < FdTable.FIRST_FD + FDS; fd++) {
                    out.add(new FdCalls.NsIoctl(fd, FdCalls.NS_GET_PARENT, 0));
                    out.add(new FdCalls.NsIoctl(fd, FdCalls.NS_GET_USERNS, 0));
                }
            }
            case "ns-ids" -> {
                for (int fd = FdTable.FIRST_FD; fd < FdTable.FIRST_FD + FDS; fd++) {
                    out.add(new FdCalls.NsIoctl(fd, FdCalls.NS_GET_ID, 0));
                    out.add(new FdCalls.NsIoctl(fd, FdCalls.NS_GET_OWNER_UID, 0));
                }
                out.add(new nscheck.spec.call.NsfsCall.SameInode(FdTable.FIRST_FD, FdTable.FIRST_FD + 1));
            }
            case "ns-open-pid" -> {
                for (int p = 1; p < pidMax; p++)
                    for (int kind = 0; kind < FdCalls.NS_FILES.size(); kind++) out.add(new nscheck.spec.call.NsfsCall.OpenOther(p, kind));
            }
            case "ns-ioctl-pid" -> {
                for (int fd = FdTable.FIRST_FD; fd < FdTable.FIRST_FD + FDS; fd++)
                    for (int p = 1; p < pidMax; p++) {
                        out.add(new FdCalls.NsIoctl(fd, FdCalls.NS_GET_PID_FROM_PIDNS, p));
                        out.add(new FdCalls.NsIoctl(fd, FdCalls.NS_GET_PID_IN_PIDNS, p));
                    }
            }
            default -> { return false; }
        }
        return true;
    }
}
