package nscheck.spec.rules;

import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.FdTable;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.OpenFile;
import nscheck.spec.state.Task;
import nscheck.spec.state.TaskContext;

/**
 * kernel/fork.c copy_files and fs/file.c: the files_struct a task uses (D5). The spec's
 * clone(CLONE_THREAD) is pthread_create's clone, which passes CLONE_FILES with it, so every thread
 * of a process shares one table: the spec keeps it in the context of the group's leader, where it
 * stays while any thread of the group lives (put_files_struct closes it when the last one exits,
 * exit_files). fork copies it (dup_fd), whichever thread forks.
 */
final class FilesRules {
    private FilesRules() {}

    /**
     * current->files of {@code actor}: its thread group's one table. Empty once the leader is
     * released: only a dying init's zap reaps a leader whose threads have not finished dying
     * (PidNamespaceRules#settle), and those threads make no more calls.
     */
    static FdTable table(Kernel k, int actor) {
        TaskContext c = k.objects().context(k.groupLeader(actor));
        return c == null ? FdTable.EMPTY : c.fds();
    }

    static Kernel withTable(Kernel k, int actor, FdTable t) {
        KernelObjects o = k.objects();
        int leader = k.groupLeader(actor);
        return o.context(leader) == null ? k : k.withObjects(o.withContext(leader, o.context(leader).withFds(t)));
    }

    /** fd_install of {@code f} at the caller's lowest free number, which the call returns. */
    static Outcome installed(Kernel k, int actor, OpenFile f) {
        FdTable t = table(k, actor);
        return new Outcome(withTable(k, actor, t.opened(f)), Observation.value(t.nextFd()));
    }

    /** copy_files: a thread shares its creator's table (CLONE_FILES), a process gets a copy of it (dup_fd). */
    static Kernel copyFiles(Kernel k, int parent, int child, boolean thread) {
        KernelObjects o = k.objects();
        return k.withObjects(o.withContext(child, o.context(child).withFds(thread ? FdTable.EMPTY : table(k, parent))));
    }

    /**
     * exit_files of {@code slot}, whose context {@code o} has just emptied: the group's table stays
     * (in its leader's context) while another thread of the group lives, and closes with the last.
     * {@code k} is the state before, {@code shared} the group's table then.
     */
    static KernelObjects exitFiles(Kernel k, KernelObjects o, int slot, FdTable shared) {
        int leader = k.groupLeader(slot);
        boolean others = false;
        for (int i : k.groupMembers(leader)) {
            Task u = k.task(i);
            others |= i != slot && u.alive();
        }
        if (others && slot == leader) return o.withContext(slot, o.context(slot).withFds(shared));
        if (!others && slot != leader && o.context(leader) != null) return o.withContext(leader, o.context(leader).withFds(FdTable.EMPTY));
        return o;
    }
}
