package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.TaskContext;

/** fs/open.c: close(2) (D4). The fd numbers a task's files take are fs/file.c's (alloc_fd, FdTable). */
final class OpenRules {
    private OpenRules() {}

    /**
     * close(fd): EBADF for a number the caller's table does not hold; else the number is free for
     * the next open, and a file no table holds any more is released with what it references
     * (a pidfd's struct pid, a namespace file's namespace: put_pid_ns).
     */
    static Outcome close(Kernel k, int actor, int fd) {
        KernelObjects o = k.objects();
        TaskContext c = o.context(actor);
        if (c.fds().get(fd) == null) return Outcome.error(k, Errno.EBADF);
        return Outcome.zero(k.withObjects(o.withContext(actor, c.withFds(c.fds().closed(fd)))).collectNamespaces());
    }
}
