package nscheck.spec.state;

import java.util.ArrayList;
import java.util.List;

/**
 * The struct pid references the kernel objects hold (get_pid): queued siginfo, process groups and
 * sessions, pidfds, the pids SysV IPC objects record, socket credentials and the pipe's owner.
 * Each pins the PID namespaces it has numbers in ({@link Kernel#collectNamespaces}).
 */
final class PidReferences {
    private PidReferences() {}

    private static final PidRef BOOT_GROUP = TaskContext.ROOT.pgrp();

    static List<PidRef> of(TaskContext[] contexts, IpcNamespace[] ipcNs, UnixSockets socket, Fown fown) {
        List<PidRef> out = new ArrayList<>();
        PidRef boot = BOOT_GROUP;
        for (TaskContext c : contexts) {
            if (c == null) continue;
            // indexed: asked whenever a namespace may be freed, and a decoded state's list allocates its iterator
            for (int i = 0; i < c.pending().size(); i++) add(out, c.pending().get(i).sender());
            // The boot group names only init_pid_ns, which lives anyway.
            if (c.pgrp() != boot && !boot.equals(c.pgrp())) add(out, c.pgrp());
            if (c.session() != boot && !boot.equals(c.session())) add(out, c.session());
            if (!c.fds().isEmpty()) FdTables.pidRefs(c.fds(), out);
        }
        for (IpcNamespace n : ipcNs) {
            if (n == null) continue;
            if (n.msg() != null) { add(out, n.msg().lspid()); add(out, n.msg().lrpid()); }
            if (n.sem() != null) add(out, n.sem().sempid());
            if (n.shm() != null) { add(out, n.shm().cpid()); add(out, n.shm().lpid()); }
            if (n.mq() != null) add(out, n.mq().owner());
        }
        if (socket != null) socket.pidRefs(out);
        if (fown != null) add(out, fown.pid());
        return out;
    }

    private static void add(List<PidRef> out, PidRef r) {
        if (r != null) out.add(r);
    }
}
