package nscheck.spec.call;

/**
 * socketpair(2) (net/unix/af_unix.c unix_socketpair), the call that makes the sockets the
 * credential calls of {@link Syscall} (sendmsg, recvmsg, getsockopt(SO_PEERCRED)) work on (C5).
 */
public final class SocketCall {
    private SocketCall() {}

    /** SOCK_STREAM and SOCK_DGRAM (include/linux/net.h). */
    public static final int SOCK_STREAM = 1, SOCK_DGRAM = 2;

    /**
     * socketpair(AF_UNIX, type, 0, sv), then setsockopt(SO_PASSCRED) on both ends: returns sv[0];
     * sv[1] is the next free number after it (alloc_fd takes the lowest free one each time).
     */
    public record Socketpair(int type) implements Syscall.Socket {
        public <R> R accept(SyscallTable<R> table) { return table.socketpair(this); }
        @Override public String toString() { return "socketpair(AF_UNIX, " + (type == SOCK_DGRAM ? "SOCK_DGRAM" : type == SOCK_STREAM ? "SOCK_STREAM" : String.valueOf(type)) + ")"; }
    }
}
