package nscheck.spec.state;

/** How a trace shows the {@link KernelObjects} of a state: only what differs from a freshly booted system. */
final class ObjectsDescription {
    private ObjectsDescription() {}

    /**
     * What differs from a freshly booted system, for traces: each task's credentials, IPC
     * namespace, undo list, queued signals and process group when not the boot ones, then the
     * IPC objects, the socket and the process counts. Empty for a kernel with none of them.
     */
    static String describe(KernelObjects o, Kernel k) {
        StringBuilder s = new StringBuilder();
        PidRef boot = PidRef.rootInit();
        for (int i = 0; i < k.taskSlots(); i++) {
            TaskContext c = o.context(i);
            if (c == null) continue;
            StringBuilder t = new StringBuilder();
            if (!c.cred().equals(Credentials.ROOT)) t.append(' ').append(c.cred());
            if (c.ipcNs() > 0) t.append(" ipc").append(c.ipcNs());
            if (c.undoList() >= 0) t.append(" undo").append(c.undoList());
            if (!c.pending().isEmpty()) t.append(" queued").append(c.pending());
            if (c.pgrp() != null && !c.pgrp().equals(boot)) t.append(" pgrp ").append(c.pgrp());
            if (c.session() != null && !c.session().equals(boot)) t.append(" sid ").append(c.session());
            if (t.length() > 0) sep(s).append('T').append(i).append(':').append(t);
        }
        for (int i = 0; i < o.ipcNsSlots(); i++) {
            IpcNamespace n = o.ipcNs(i);
            if (n == null) continue;
            if (n.msg() != null) sep(s).append("ipc").append(i).append(" msg{qnum=").append(n.msg().messages())
                    .append(" lspid=").append(n.msg().lspid()).append(" lrpid=").append(n.msg().lrpid()).append('}');
            if (n.sem() != null) sep(s).append("ipc").append(i).append(" sem{val=").append(n.sem().value())
                    .append(" sempid=").append(n.sem().sempid()).append('}');
            if (n.shm() != null) sep(s).append("ipc").append(i).append(" shm{cpid=").append(n.shm().cpid())
                    .append(" lpid=").append(n.shm().lpid()).append('}');
        }
        for (int i = 0; i < o.undoSlots(); i++) {
            if (o.undoList(i) == null) continue;
            sep(s).append("undo").append(i).append('{');
            for (SemUndoList.Entry e : o.undoList(i).entries())
                s.append("ipc").append(e.ipcNs()).append(" sem").append(e.semid()).append(" adj ").append(e.semadj());
            s.append('}');
        }
        if (!o.sockets().equals(UnixSockets.EMPTY)) sep(s).append(o.sockets());
        if (!o.ucounts().equals(UCounts.EMPTY.add(UserNamespace.INIT, 0, k.taskCount()))) {
            sep(s).append("nproc{");
            boolean first = true;
            for (UCounts.Entry e : o.ucounts().entries()) {
                s.append(first ? "" : " ").append('U').append(e.userNs()).append('/').append(e.kuid()).append('=').append(e.count());
                first = false;
            }
            s.append('}');
        }
        return s.toString();
    }

    private static StringBuilder sep(StringBuilder s) {
        return s.length() > 0 ? s.append("; ") : s;
    }
}
