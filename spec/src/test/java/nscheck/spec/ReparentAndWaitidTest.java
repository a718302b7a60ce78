package nscheck.spec;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.Errno;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * kernel/exit.c forget_original_parent and reparent_leader (P7), and kernel_waitid's P_PGID
 * (waitid(2)): which reparented zombies the new parent is told about, and the process-group
 * forms of waitid.
 */
class ReparentAndWaitidTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10));
    private static final Syscall FORK = new Syscall.Clone(0);
    private static final Syscall SIGCHLD_PID = new Syscall.Sigwaitinfo(false);

    /** forget_original_parent: a zombie handed to another thread of the father's own group is not announced again. */
    @Test
    void aZombieReparentedWithinTheFathersGroupIsNotAnnounced() {
        SpecRun r = new SpecRun(s);
        r.value(0, new Syscall.SigBlock());
        assertEquals(2, r.value(0, new Syscall.Clone(CloneFlags.CLONE_THREAD)));   // T1, the root init's thread
        assertEquals(3, r.pid(1, FORK));                                           // C = T2, the thread's child
        r.call(2, new Syscall.Exit(0));
        assertEquals(3, r.pid(0, SIGCHLD_PID), "C's exit, to the father's process");
        r.call(1, new Syscall.Exit(0));                                            // C goes to the root init, same group
        assertFalse(r.canCall(0, SIGCHLD_PID), "reparent_leader is skipped: no second SIGCHLD");
        assertEquals(3, r.pid(0, new Syscall.Wait(-1)));
    }

    /** reparent_leader announces only a zombie with no threads left: a zombie leader whose thread lives is not. */
    @Test
    void aZombieLeaderWithALivingThreadIsNotAnnouncedToItsNewParent() {
        SpecRun r = new SpecRun(s);
        r.value(0, new Syscall.SigBlock());
        assertEquals(2, r.pid(0, FORK));                                           // T1
        assertEquals(3, r.pid(1, FORK));                                           // C = T2
        r.value(2, new Syscall.Clone(CloneFlags.CLONE_THREAD));                    // C's thread, T3
        r.call(2, new Syscall.Exit(0));                                            // C's leader: a zombie with a thread
        r.call(1, new Syscall.Exit(0));                                            // C goes to the root init
        assertEquals(2, r.pid(0, SIGCHLD_PID), "the first SIGCHLD is T1's own: C's leader was not announced");
    }

    /** waitid(P_PGID, 0) waits for the caller's own group (since 5.4); a negative id is EINVAL. */
    @Test
    void waitidByProcessGroup() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        r.call(1, new Syscall.Exit(0));
        assertEquals(Errno.EINVAL, r.errno(0, new ProcessCall.Waitid(ProcessCall.Waitid.P_PGID, -1, ProcessCall.Waitid.Field.SI_PID)));
        assertEquals(2, r.pid(0, new ProcessCall.Waitid(ProcessCall.Waitid.P_PGID, 0, ProcessCall.Waitid.Field.SI_PID)));
    }
}
