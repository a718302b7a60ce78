package nscheck.spec.state;

/**
 * A struct file the spec models, as an entry of a {@link FdTable} names it. Files are values:
 * two descriptors naming equal files are indistinguishable to every call the spec has (the
 * spec has no file offsets, locks or flags that a dup'ed descriptor would share).
 */
public sealed interface OpenFile {
    void hashInto(StateHasher h);

    /**
     * A pidfd (kernel/pid.c pidfd_create, fs/pidfs.c): a reference to a struct pid, not to a
     * number, so it keeps naming the same process across namespaces and after its numbers are
     * reused. {@code reaped}: the struct pid has lost its task (release_task; pid_has_task is
     * false from then on, so the file answers ESRCH and ECHILD, never another task's).
     *
     * @param thread   opened with PIDFD_THREAD: it names one thread, not a thread group
     * @param nonblock opened with PIDFD_NONBLOCK (O_NONBLOCK): waitid returns EAGAIN instead of blocking
     */
    record Pidfd(PidRef pid, boolean thread, boolean nonblock, boolean reaped) implements OpenFile {
        public Pidfd withReaped() {
            return new Pidfd(pid, thread, nonblock, true);
        }

        @Override public void hashInto(StateHasher h) {
            h.add(-31);
            pid.hashInto(h);
            h.add((thread ? 1 : 0) | (nonblock ? 2 : 0) | (reaped ? 4 : 0));
        }

        @Override public String toString() {
            return "pidfd(" + pid + (thread ? " thread" : "") + (nonblock ? " nonblock" : "") + (reaped ? " reaped" : "") + ")";
        }
    }

    /**
     * A namespace file (/proc/PID/ns/X, or one NS_GET_PARENT or NS_GET_USERNS opened): it holds
     * the namespace (the nsfs inode's reference, put on evict), so a namespace lives while a file
     * names it, with or without tasks in it (N5).
     *
     * @param type the namespace's CLONE_NEW* flag: CLONE_NEWPID, CLONE_NEWIPC or CLONE_NEWUSER
     * @param ns   its slot in the kernel's table of that type
     */
    record NsFile(int type, int ns) implements OpenFile {
        @Override public void hashInto(StateHasher h) {
            h.add(-37);
            h.add(type);
            h.add(ns);
        }

        @Override public String toString() {
            return (type == nscheck.spec.call.CloneFlags.CLONE_NEWPID ? "pid" : type == nscheck.spec.call.CloneFlags.CLONE_NEWIPC ? "ipc" : "user") + "ns#" + ns;
        }
    }

    /**
     * An end of a Unix socket pair (net/unix/af_unix.c): slot {@code pair} of {@link UnixSockets},
     * end 0 or 1. The socket's state is the pair's, shared by every fd (in every table) that
     * names the end: fork's copies, a thread group's one table (C5).
     */
    record Socket(int pair, int end) implements OpenFile {
        @Override public void hashInto(StateHasher h) {
            h.add(-41);
            h.add(pair);
            h.add(end);
        }

        @Override public String toString() {
            return "sock" + pair + "[" + end + "]";
        }
    }
}
