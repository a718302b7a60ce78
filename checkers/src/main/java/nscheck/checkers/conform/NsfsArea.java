package nscheck.checkers.conform;

import nscheck.model.kernel.CallMenu;
import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.NsfsCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.OpenFile;
import nscheck.spec.state.UserNamespace;

import java.util.ArrayList;
import java.util.List;

/**
 * Namespace files (N5-N7): /proc/self/ns/{pid,pid_for_children,ipc,user} opened and held,
 * setns(2) through them and through pidfds, and the nsfs ioctls NS_GET_PARENT, NS_GET_USERNS,
 * NS_GET_NSTYPE and the four PID translations, by tasks in two nested PID namespaces that
 * also unshare PID, IPC and user namespaces. The setup: T1 (PID 2) holds its own PID namespace's
 * file (fd 3), then makes T2, the init of a child namespace, which inherits it (a file of its
 * parent namespace) and opens its own (fd 4); T2 forks T3. Only the caller's own /proc/self/ns
 * files are opened (the probe never opens another task's /proc entry); other namespaces come from
 * the ioctls and inheritance. Namespace ids and inode numbers are not compared (N8: the kernel's
 * are boot- and CPU-dependent).
 */
final class NsfsArea {
    private NsfsArea() {}

    static Area nsfs() {
        List<Syscall> menu = new ArrayList<>(CallMenu.expand(List.of("ns-open", "setns-fd", "ns-ioctl", "ns-ioctl-pid", "close",
                "pidfd-open", "clone", "clone-newpid", "unshare-newpid", "unshare-newipc", "unshare-newuser", "exit", "wait", "getpid"), 5));
        for (int fd = 3; fd <= 4; fd++) {
            menu.add(new FdCalls.SetnsFd(fd, CloneFlags.CLONE_NEWIPC));
            menu.add(new FdCalls.SetnsFd(fd, CloneFlags.CLONE_NEWUSER));
            menu.add(new FdCalls.SetnsFd(fd, CloneFlags.CLONE_NEWPID | CloneFlags.CLONE_NEWIPC));
            menu.add(new FdCalls.NsIoctl(fd, FdCalls.NS_GET_NSTYPE, 0));
            menu.add(new FdCalls.NsIoctl(fd, 64, 0));
            for (int p = 1; p <= 3; p++) {
                menu.add(new FdCalls.NsIoctl(fd, FdCalls.NS_GET_TGID_FROM_PIDNS, p));
                menu.add(new FdCalls.NsIoctl(fd, FdCalls.NS_GET_TGID_IN_PIDNS, p));
            }
        }
        menu.add(new FdCalls.NsIoctl(5, FdCalls.NS_GET_PARENT, 0));
        menu.add(new FdCalls.SetnsFd(5, 0));
        // N1, N3, N8: ids compared as "#k" (the k-th distinct id seen), inode numbers by pairs of open files
        for (int fd = 3; fd <= 5; fd++) {
            menu.add(new FdCalls.NsIoctl(fd, FdCalls.NS_GET_ID, 0));
            for (int other = fd + 1; other <= 5; other++) menu.add(new NsfsCall.SameInode(fd, other));
        }
        // N5: another task's files, by its number in the sandbox's /proc
        for (int pid = 1; pid <= 4; pid++)
            for (int kind = 0; kind < FdCalls.NS_FILES.size(); kind++) menu.add(new NsfsCall.OpenOther(pid, kind));
        List<Syscall> fixed = List.copyOf(menu);
        List<Syscall> initCalls = CallMenu.expand(List.of("wait", "ns-ioctl-pid"), 5);
        List<Scenario.Step> setup = List.of(
                new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0)),
                new Scenario.Step(1, new FdCalls.NsOpen(0)),
                new Scenario.Step(1, new Syscall.Clone(CloneFlags.CLONE_NEWPID)),
                new Scenario.Step(2, new FdCalls.NsOpen(0)),
                new Scenario.Step(2, new Syscall.Clone(0)));
        return new Area("nsfs", "namespace files held and entered: /proc/self/ns files, setns through them and through pidfds, NS_GET_PARENT, NS_GET_USERNS, NS_GET_NSTYPE and the PID translations across two PID namespaces",
                0, setup, (k, slot) -> slot == Kernel.ROOT_INIT ? initCalls : withOwnerUid(k, slot, fixed));
    }

    /**
     * NS_GET_OWNER_UID on every fd but one naming the scenario's own user namespace: the spec's
     * root user namespace is init_user_ns, owned by uid 0, while the sandbox's is owned by the
     * host's root, which it does not map (65534): the scenario's root stands for the initial one.
     */
    private static List<Syscall> withOwnerUid(Kernel k, int slot, List<Syscall> fixed) {
        List<Syscall> out = new ArrayList<>(fixed);
        for (int fd = 3; fd <= 5; fd++) {
            OpenFile f = k.objects().context(slot).fds().get(fd);
            if (!(f instanceof OpenFile.NsFile n && n.type() == CloneFlags.CLONE_NEWUSER && n.ns() == UserNamespace.INIT))
                out.add(new FdCalls.NsIoctl(fd, FdCalls.NS_GET_OWNER_UID, 0));
        }
        return out;
    }
}
