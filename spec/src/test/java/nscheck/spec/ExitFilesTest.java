package nscheck.spec;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.Errno;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.SocketCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * kernel/exit.c exit_files and fs/file.c put_files_struct (D5): a thread group's one file table
 * outlives a leader that exits first and closes with the group's last thread, which the peer of
 * a stream socket in it then sees as end of file.
 */
class ExitFilesTest {
    @Test
    void theTableClosesWithTheLastThreadNotWithTheLeader() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        assertEquals(2, r.pid(0, new Syscall.Clone(0)));                    // T1
        assertEquals(3, r.value(1, new SocketCall.Socketpair(SocketCall.SOCK_STREAM)));
        assertEquals(3, r.pid(1, new Syscall.Clone(0)));                    // T2 copies fds 3 and 4
        r.value(2, new FdCalls.Close(3));
        r.value(1, new FdCalls.Close(4));                                   // T1 keeps end 0, T2 end 1
        r.value(1, new Syscall.Clone(CloneFlags.CLONE_THREAD));             // T3, T1's thread
        r.call(1, new Syscall.Exit(0));
        assertEquals(Errno.EAGAIN, r.errno(2, new Syscall.RecvCreds(4, false)), "end 0 is still open in T3's table");
        r.call(3, new Syscall.Exit(0));
        assertEquals(-1, r.value(2, new Syscall.RecvCreds(4, false)), "closed with the last thread: end of file");
    }
}
