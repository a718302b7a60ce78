package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.MqueueCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.state.PosixMqueue;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_NEWIPC;
import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;
import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * POSIX message queues past AsyncIoAndMqueueTest (ipc/mqueue.c; docs/semantics.md Q1-Q3): the
 * errors of each call without a queue, the MAXMSG bound, an open of an existing queue, and when
 * a registration is dropped (the last thread's exit, not a thread's).
 */
class MqueueTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(8, 2, 16));

    private static final Syscall FORK = new Syscall.Clone(0);
    private static final Syscall OPEN = new MqueueCall.Open(), SEND = new MqueueCall.Send(), RECEIVE = new MqueueCall.Receive();
    private static final Syscall SI_PID = new Syscall.Sigwaitinfo(false);

    @Test
    void everyCallWithoutAQueueIsEnoent() {
        SpecRun r = new SpecRun(s);
        assertEquals(Errno.ENOENT, r.errno(0, SEND));
        assertEquals(Errno.ENOENT, r.errno(0, RECEIVE));
        assertEquals(Errno.ENOENT, r.errno(0, new MqueueCall.Notify(true)));
        assertEquals(Errno.ENOENT, r.errno(0, new MqueueCall.Notify(false)));
    }

    @Test
    void aQueueHoldsMaxmsgMessagesAndAnOpenKeepsThem() {
        SpecRun r = new SpecRun(s);
        r.value(0, OPEN);
        assertEquals(Errno.EAGAIN, r.errno(0, RECEIVE));
        for (int i = 0; i < PosixMqueue.MAXMSG; i++) r.value(0, SEND);
        assertEquals(Errno.EAGAIN, r.errno(0, SEND), "full");
        r.value(0, OPEN);
        for (int i = 0; i < PosixMqueue.MAXMSG; i++) assertEquals(1, r.value(0, RECEIVE));
        assertEquals(Errno.EAGAIN, r.errno(0, RECEIVE));
    }

    /** may_o_create: an inode owner the queue's user namespace does not map is EOVERFLOW. */
    @Test
    void anOpenByAnUnmappedCreatorIsEoverflow() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(1, new Syscall.Unshare(CLONE_NEWUSER));
        r.value(1, new Syscall.Unshare(CLONE_NEWIPC));
        assertEquals(Errno.EOVERFLOW, r.errno(1, OPEN));
    }

    /** __do_notify: only a send that makes the queue non-empty notifies; the registration stays until then. */
    @Test
    void aSendToANonEmptyQueueNotifiesNobody() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                              // T1 = 2
        r.value(1, new Syscall.SigBlock());
        r.value(0, OPEN);
        r.value(0, SEND);
        r.value(1, new MqueueCall.Notify(true));
        r.value(0, SEND);
        assertFalse(r.canCall(1, SI_PID));
        assertEquals(Errno.EBUSY, r.errno(0, new MqueueCall.Notify(true)), "still registered");
        r.value(0, RECEIVE);
        r.value(0, RECEIVE);
        r.value(0, SEND);
        assertEquals(1, r.value(1, SI_PID));
    }

    /** A registrant that is a zombie gets no signal, and the registration goes all the same. */
    @Test
    void aZombieRegistrantIsNotSignalled() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                              // T1 = 2
        r.value(1, new Syscall.SigBlock());
        r.value(0, OPEN);
        r.value(1, new Syscall.Clone(CLONE_THREAD));                   // T2
        r.value(1, new MqueueCall.Notify(true));
        r.call(1, new Syscall.Exit(0));                                // a zombie leader, T2 lives: the files stay open
        assertEquals(Errno.EBUSY, r.errno(0, new MqueueCall.Notify(true)), "a thread lives: still registered");
        r.value(0, SEND);
        r.value(0, new MqueueCall.Notify(true));                       // one-shot: the slot is free again
        assertFalse(r.canCall(2, SI_PID), "the process's leader is a zombie: pid_task(TGID) finds it, but it is not alive");
    }

    /** The registrant notifying itself: SIGUSR1 blocked, it queues and the send returns. */
    @Test
    void aSenderThatIsTheRegistrantIsNotified() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(1, new Syscall.SigBlock());
        r.value(1, OPEN);
        r.value(1, new MqueueCall.Notify(true));
        assertEquals(0, r.value(1, SEND));
        assertEquals(2, r.value(1, SI_PID));
    }

    /** A failed fork closes the child's copy of the descriptors: the caller's registration goes; a failed thread clone closes nothing. */
    @Test
    void aFailedForkDropsTheCallersRegistration() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                                              // T1 = 2
        r.value(1, new Syscall.Setuid(1000));
        r.value(0, OPEN);
        r.value(1, new MqueueCall.Notify(true));
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.Clone(CLONE_NEWIPC | CLONE_THREAD)), "no CAP_SYS_ADMIN");
        assertEquals(Errno.EBUSY, r.errno(0, new MqueueCall.Notify(true)), "a thread's clone shares the table: nothing closed");
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.Clone(CLONE_NEWIPC)));
        r.value(0, new MqueueCall.Notify(true));
    }
}
