package nscheck.spec.state;

import java.util.List;

/** What the kernel does to every task's {@link FdTable} at once: a task reaped, the references files hold. */
final class FdTables {
    private FdTables() {}

    /**
     * release_task -> detach_pid: the struct pid {@code pid} has no task any more. Every pidfd on
     * it answers as a reaped one from now on, even when its numbers are handed out again (P3).
     */
    static TaskContext[] reaped(TaskContext[] contexts, PidRef pid) {
        if (pid == null) return contexts;
        TaskContext[] out = contexts;
        for (int i = 0; i < contexts.length; i++) {
            TaskContext c = contexts[i];
            if (c == null || c.fds().isEmpty()) continue;
            FdTable t = c.fds();
            for (OpenFile f : t.files())
                if (f instanceof OpenFile.Pidfd p && !p.reaped() && p.pid().equals(pid)) t = t.replaced(p, p.withReaped());
            if (t != c.fds()) {
                if (out == contexts) out = contexts.clone();
                out[i] = c.withFds(t);
            }
        }
        return out;
    }

    /** A pidfd holds its struct pid (get_pid), which pins the PID namespaces it has numbers in. */
    static void pidRefs(FdTable t, List<PidRef> out) {
        for (OpenFile f : t.files()) if (f instanceof OpenFile.Pidfd p) out.add(p.pid());
    }

    /** The namespaces of {@code type} the files of every table hold (N5). */
    static List<Integer> held(TaskContext[] contexts, int type) {
        List<Integer> out = new java.util.ArrayList<>();
        for (TaskContext c : contexts)
            if (c != null) for (OpenFile f : c.fds().files()) if (f instanceof OpenFile.NsFile n && n.type() == type) out.add(n.ns());
        return out;
    }
}
