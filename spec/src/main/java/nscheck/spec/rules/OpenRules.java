package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.FdTable;

/** fs/open.c: close(2) (D4): the caller's table is its thread group's (FilesRules, D5). The fd numbers a task's files take are fs/file.c's (alloc_fd, FdTable). */
final class OpenRules {
    private OpenRules() {}

    /**
     * close(fd): EBADF for a number the caller's table does not hold; else the number is free for
     * the next open, and a file no table holds any more is released with what it references
     * (a pidfd's struct pid, a namespace file's namespace: put_pid_ns).
     */
    static Outcome close(Kernel k, int actor, int fd) {
        FdTable t = FilesRules.table(k, actor);
        if (t.get(fd) == null) return Outcome.error(k, Errno.EBADF);
        // the socket end the fd named is released once no table names it (unix_release_sock, C5)
        Kernel after = FilesRules.withTable(k, actor, t.closed(fd));
        return Outcome.zero(after.withCollected(after.objects()).collectNamespaces());
    }
}
