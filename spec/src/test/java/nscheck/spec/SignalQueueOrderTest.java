package nscheck.spec;

import nscheck.spec.call.Signals;
import nscheck.spec.state.SigInfo;
import nscheck.spec.state.TaskContext;
import nscheck.spec.state.UserNamespace;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order a task's queued signals come out in (kernel/signal.c dequeue_signal): the thread's
 * private queue before the process's shared one, each lowest signal number first; a standard
 * signal already pending in a queue is not queued there again (legacy_queue), though the other
 * queue may hold it too.
 */
class SignalQueueOrderTest {
    private static SigInfo info(int sig, boolean shared) {
        return new SigInfo(sig, 1, 0, null, 0, UserNamespace.INIT, shared);
    }

    private static String order(TaskContext c) {
        StringBuilder s = new StringBuilder();
        for (SigInfo i : c.pending()) s.append(i).append(' ');
        return s.toString().trim();
    }

    @Test
    void privateBeforeSharedLowestFirst() {
        TaskContext c = TaskContext.ROOT.queued(info(Signals.SIGUSR1, true)).queued(info(Signals.SIGUSR2, false))
                .queued(info(Signals.SIGHUP, true)).queued(info(Signals.SIGTERM, false)).queued(info(Signals.SIGUSR1, false));
        assertEquals("SIGUSR1/thread{pid=1,uid=0} SIGUSR2/thread{pid=1,uid=0} SIGTERM/thread{pid=1,uid=0} SIGHUP{pid=1,uid=0} SIGUSR1{pid=1,uid=0}",
                order(c));
        assertEquals(Signals.SIGUSR2, c.dequeued().pending().get(0).sig());
        assertEquals(4, c.dequeued().pending().size());
    }

    @Test
    void aStandardSignalQueuesOncePerQueue() {
        TaskContext once = TaskContext.ROOT.queued(info(Signals.SIGUSR1, true));
        assertSame(once, once.queued(info(Signals.SIGUSR1, true)));
        assertTrue(once.hasPending(Signals.SIGUSR1, true));
        assertFalse(once.hasPending(Signals.SIGUSR1, false));
        assertEquals(2, once.queued(info(Signals.SIGUSR1, false)).pending().size());
    }

    @Test
    void sigwaitinfoTakesTheFirstOfItsSet() {
        TaskContext c = TaskContext.ROOT.queued(info(Signals.SIGUSR2, false)).queued(info(Signals.SIGCHLD, true));
        SigInfo chld = c.firstPending(sig -> sig == Signals.SIGCHLD);
        assertEquals(Signals.SIGCHLD, chld.sig());
        assertEquals(List.of(info(Signals.SIGUSR2, false)), c.dequeued(chld).pending());
        assertEquals(null, c.firstPending(sig -> sig == Signals.SIGHUP));
    }
}
