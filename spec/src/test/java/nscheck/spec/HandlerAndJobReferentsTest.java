package nscheck.spec;

import nscheck.spec.call.HandlerCall;
import nscheck.spec.call.JobCall;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.SiCode;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Referents;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.state.PidRef;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ground truth (rules/Referents) of the reads the handler and job-control calls make: the
 * handler's record of a siginfo (P21), sigwaitinfo({SIGHUP, SIGCONT}) (J5) and the child a
 * WUNTRACED wait names (J3). Each referent is checked against what the call then reports.
 */
class HandlerAndJobReferentsTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10));
    private static final Syscall FORK = new Syscall.Clone(0);
    private static final HandlerCall.Handled PID = new HandlerCall.Handled(HandlerCall.Field.SI_PID);
    private static final HandlerCall.Handled UID = new HandlerCall.Handled(HandlerCall.Field.SI_UID);
    private static final HandlerCall.Handled SIGNO = new HandlerCall.Handled(HandlerCall.Field.SI_SIGNO);

    /** P21: the record's sender, its kernel uid, and a si_pid the sender wrote itself. */
    @Test
    void theHandlersRecordNamesItsSender() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        assertEquals(3, r.pid(0, FORK));
        r.value(1, new HandlerCall.SetHandler(Signals.SIGUSR1));
        assertNull(Referents.pid(r.k, 1, PID), "no record yet");
        assertNull(Referents.uid(r.k, 1, UID));
        assertEquals(-1, Referents.claimedPid(r.k, 1, PID));
        r.value(2, new Syscall.Kill(2, Signals.SIGUSR1));
        assertEquals(PidRef.of(r.k, 2), Referents.pid(r.k, 1, PID));
        assertNull(Referents.pid(r.k, 1, SIGNO), "si_signo names no task");
        assertNull(Referents.pid(r.k, 1, UID));
        assertNull(Referents.uid(r.k, 1, PID));
        assertEquals(new Referents.Uid(0, 0), Referents.uid(r.k, 1, UID));
        assertEquals(-1, Referents.claimedPid(r.k, 1, PID), "the kernel wrote this si_pid");
        assertEquals(-1, Referents.claimedPid(r.k, 1, UID));
        assertEquals(3, r.value(1, PID));

        r.value(2, new Syscall.RtSigqueueinfo(2, SiCode.SI_QUEUE, 7, 0));
        assertEquals(7, Referents.claimedPid(r.k, 1, PID));
        assertNull(Referents.uid(r.k, 1, UID), "a si_uid the sender wrote names no one");
        assertEquals(7, r.value(1, PID));
    }

    /** J5: a SIGCONT from kill names its sender; the kernel's SIGHUP to an orphaned group names nobody. */
    @Test
    void aJobSignalNamesItsSenderOrNobody() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));                        // P = T1
        assertEquals(3, r.pid(1, FORK));                        // C = T2
        r.value(2, new ProcessCall.Setpgid());
        assertEquals(4, r.pid(2, FORK));                        // G = T3, in C's group
        r.value(3, new JobCall.BlockJobSignals());
        Syscall wait = new JobCall.SigwaitJobSignals();
        assertNull(Referents.pid(r.k, 3, wait), "nothing queued");
        r.value(0, new Syscall.Kill(4, Signals.SIGCONT));
        assertEquals(PidRef.of(r.k, 0), Referents.pid(r.k, 3, wait));
        assertEquals(1, r.pid(3, wait));
        r.value(0, new Syscall.Kill(4, Signals.SIGSTOP));
        r.call(2, new Syscall.Exit(0));                         // orphans C's group
        assertEquals(PidRef.NONE, Referents.pid(r.k, 3, wait), "SEND_SIG_PRIV: nobody");
        assertEquals(0, r.pid(3, wait));
    }

    /** J3: the PID a WUNTRACED|WCONTINUED wait returns is the child it chose; its status word names no one. */
    @Test
    void aWuntracedWaitsPidIsTheChildItReports() {
        assertTrue(Referents.reportsReapedChild(new JobCall.WaitUntraced(-1, false)));
        assertFalse(Referents.reportsReapedChild(new JobCall.WaitUntraced(-1, true)));
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        r.value(0, new Syscall.Kill(2, Signals.SIGSTOP));
        assertEquals(2, r.pid(0, new JobCall.WaitUntraced(-1, false)));
        assertEquals(1, r.last.about());
    }

    /** A si_uid next to a si_pid the sender wrote, 0 included, names no one (P10b); a number nobody has, and an fd that is no pidfd, name nobody either. */
    @Test
    void claimedAndMissingReferentsAreNull() {
        SpecRun r = new SpecRun(s);
        assertEquals(2, r.pid(0, FORK));
        r.value(1, new Syscall.SigBlock());
        r.value(0, new Syscall.RtSigqueueinfo(2, SiCode.SI_QUEUE, 0, 0));
        assertNull(Referents.uid(r.k, 1, new Syscall.Sigwaitinfo(true)));
        assertEquals(0, Referents.claimedPid(r.k, 1, new Syscall.Sigwaitinfo(false)));
        assertEquals(0, r.value(1, new Syscall.Sigwaitinfo(false)));

        assertEquals(3, r.pid(0, FORK));
        r.value(2, new HandlerCall.SetHandler(Signals.SIGUSR1));
        r.value(0, new Syscall.RtSigqueueinfo(3, SiCode.SI_QUEUE, 0, 0));
        assertNull(Referents.uid(r.k, 2, UID));
        assertEquals(0, Referents.claimedPid(r.k, 2, PID));

        assertNull(Referents.pid(r.k, 0, new ProcessCall.Getsid(9)), "getsid of nobody: ESRCH, no referent");
        assertNull(Referents.pid(r.k, 0, new nscheck.spec.call.FdCalls.WaitidPidfd(9, true)), "no such pidfd");
    }
}
