package nscheck.spec.call;

/** The errno values the spec can return, with their Linux x86-64 numbers (include/uapi/asm-generic/errno*.h). */
public enum Errno {
    EPERM(1), ENOENT(2), ESRCH(3), EINTR(4), EBADF(9), ECHILD(10), EAGAIN(11), ENOMEM(12), EACCES(13), EFAULT(14), EBUSY(16),
    EEXIST(17), EINVAL(22), ENOSPC(28), ERANGE(34), EDEADLK(35), ENOSYS(38), ETIMEDOUT(110), EOWNERDEAD(130),
    ENOMSG(42), ENOTTY(25), ECONNREFUSED(111), EISCONN(106), ENOTCONN(107), EADDRINUSE(98), EOVERFLOW(75),
    EPIPE(32), ENOTSOCK(88), ECONNRESET(104);

    public final int number;

    Errno(int number) {
        this.number = number;
    }
}
