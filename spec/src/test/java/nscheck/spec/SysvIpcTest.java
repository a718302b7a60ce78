package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Referents;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.state.PidRef;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_SYSVSEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SysV IPC call by call (ipc/msg.c, ipc/sem.c, ipc/shm.c; docs/semantics.md I1-I9): creation on
 * first use, the errors of a namespace with no object, the bounds (MSGMNB 1, SEMVMX 2), the PIDs
 * each call records and the referents the invariants judge them by.
 */
class SysvIpcTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10));

    private static final Syscall FORK = new Syscall.Clone(0);
    private static final Syscall FORK_SYSVSEM = new Syscall.Clone(CLONE_SYSVSEM);

    private static PidRef referent(SpecRun r, int actor, Syscall c) {
        return Referents.pid(r.k, actor, c);
    }

    // ---- ipc/msg.c

    @Test
    void msgCallsWithoutAQueueAreEinvalAndReportNobody() {
        SpecRun r = new SpecRun(s);
        assertNull(referent(r, 0, new Syscall.MsgStat(false)));
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.Msgsnd()));
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.Msgrcv()));
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.MsgStat(false)));
    }

    @Test
    void msgsndBeyondMsgmnbIsEagainAndMsgrcvOfAnEmptyQueueEnomsg() {
        SpecRun r = new SpecRun(s);
        r.value(0, new Syscall.Msgget());
        assertEquals(Errno.ENOMSG, r.errno(0, new Syscall.Msgrcv()));
        r.value(0, new Syscall.Msgsnd());
        assertEquals(Errno.EAGAIN, r.errno(0, new Syscall.Msgsnd()), "MSGMNB is one message");
        r.value(0, new Syscall.Msgrcv());
        assertEquals(Errno.ENOMSG, r.errno(0, new Syscall.Msgrcv()), "the one message was taken");
        r.value(0, new Syscall.Msgsnd());
        assertEquals(Errno.EAGAIN, r.errno(0, new Syscall.Msgsnd()), "the receive freed exactly one place");
    }

    @Test
    void msggetOfAnExistingQueueKeepsItsMessagesAndPids() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(0, new Syscall.Msgget());
        r.value(1, new Syscall.Msgsnd());
        r.value(0, new Syscall.Msgget());
        assertEquals(2, r.value(0, new Syscall.MsgStat(false)));
        r.value(0, new Syscall.Msgrcv());
    }

    @Test
    void msgrcvRecordsTheReceiverAndKeepsTheSender() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(0, new Syscall.Msgget());
        r.value(0, new Syscall.Msgsnd());
        assertNull(referent(r, 0, new Syscall.MsgStat(true)), "nobody has received yet");
        assertEquals(PidRef.of(r.k, 0), referent(r, 1, new Syscall.MsgStat(false)));
        r.value(1, new Syscall.Msgrcv());
        assertEquals(PidRef.of(r.k, 1), referent(r, 0, new Syscall.MsgStat(true)));
        assertEquals(PidRef.of(r.k, 0), referent(r, 0, new Syscall.MsgStat(false)));
        assertEquals(2, r.value(0, new Syscall.MsgStat(true)));
        assertEquals(1, r.value(1, new Syscall.MsgStat(false)));
    }

    // ---- ipc/shm.c

    @Test
    void shmCallsWithoutASegmentAreEinvalAndReportNobody() {
        SpecRun r = new SpecRun(s);
        assertNull(referent(r, 0, new Syscall.ShmStat(false)));
        assertNull(referent(r, 0, new Syscall.ShmStat(true)));
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.ShmAttach()));
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.ShmStat(false)));
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.ShmStat(true)));
    }

    @Test
    void shmgetRecordsTheCreatorAndShmatTheLastAttacher() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(1, new Syscall.Shmget());
        assertEquals(2, r.value(0, new Syscall.ShmStat(false)), "shm_cpid: the creator");
        assertEquals(0, r.value(0, new Syscall.ShmStat(true)), "shm_lpid: nobody attached yet");
        assertNull(referent(r, 0, new Syscall.ShmStat(true)));
        r.value(0, new Syscall.ShmAttach());
        assertEquals(1, r.value(1, new Syscall.ShmStat(true)));
        assertEquals(2, r.value(1, new Syscall.ShmStat(false)), "attaching does not change the creator");
        assertEquals(PidRef.of(r.k, 0), referent(r, 1, new Syscall.ShmStat(true)));
        assertEquals(PidRef.of(r.k, 1), referent(r, 1, new Syscall.ShmStat(false)));
    }

    @Test
    void shmgetOfAnExistingSegmentKeepsItsPids() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(0, new Syscall.Shmget());
        r.value(1, new Syscall.ShmAttach());
        r.value(1, new Syscall.Shmget());
        assertEquals(1, r.value(1, new Syscall.ShmStat(false)));
        assertEquals(2, r.value(0, new Syscall.ShmStat(true)));
    }

    // ---- ipc/sem.c

    @Test
    void semCallsWithoutASetAreEinvalAndReportNobody() {
        SpecRun r = new SpecRun(s);
        assertNull(referent(r, 0, new Syscall.SemGetpid()));
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.Semop(1)));
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.SemGetpid()));
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.SemRmid()));
    }

    @Test
    void semgetOfAnExistingSetKeepsItsValue() {
        SpecRun r = new SpecRun(s);
        r.value(0, new Syscall.Semget());
        r.value(0, new Syscall.Semop(1));
        assertEquals(0, r.value(0, new Syscall.Semget()), "the set's id");
        assertEquals(1, r.value(0, new Syscall.SemGetval()));
        assertEquals(PidRef.of(r.k, 0), referent(r, 0, new Syscall.SemGetpid()));
    }

    @Test
    void semopUpToSemvmxSucceedsAndBeyondIsErange() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(0, FORK);
        r.value(0, new Syscall.Semget());
        assertEquals(0, r.value(0, new Syscall.Semop(0)), "a zero op on a zero value does not sleep");
        r.value(0, new Syscall.Semop(1));
        r.value(1, new Syscall.Semop(1));
        assertEquals(2, r.value(0, new Syscall.SemGetval()));
        assertEquals(Errno.ERANGE, r.errno(2, new Syscall.Semop(1)), "SEMVMX is 2 (T2's own semadj would be only -1)");
        assertEquals(2, r.value(0, new Syscall.SemGetval()));
    }

    @Test
    void semopBelowZeroSleeps() {
        SpecRun r = new SpecRun(s);
        r.value(0, new Syscall.Semget());
        assertTrue(s.step(r.k, 0, new Syscall.Semop(-1)).isEmpty(), "no outcome: the caller sleeps");
    }

    /** The semadj bound (SEMAEM is SEMVMX here): a task's adjustment stays within [-2, 2]. */
    @Test
    void semadjBeyondSemvmxIsErange() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);                  // T1
        r.value(0, FORK);                  // T2
        r.value(0, new Syscall.Semget());
        r.value(0, new Syscall.Semop(1));
        r.value(0, new Syscall.Semop(1));  // T0's semadj -2: allowed
        r.value(1, new Syscall.Semop(-1));
        r.value(1, new Syscall.Semop(-1)); // T1's semadj +2: allowed
        r.value(2, new Syscall.Semop(1));
        assertEquals(Errno.ERANGE, r.errno(1, new Syscall.Semop(-1)), "T1's semadj would be +3");
        assertEquals(1, r.value(0, new Syscall.SemGetval()), "the refused operation changed nothing");
        assertEquals(3, r.value(0, new Syscall.SemGetpid()));
    }

    /** The first SEM_UNDO operation allocates the task's list (in slot 0 here); later ones add to it. */
    @Test
    void everyUndoOfATaskIsAppliedAtItsExit() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(0, new Syscall.Semget());
        r.value(1, new Syscall.Semop(1));
        r.value(1, new Syscall.Semop(1));
        assertEquals(2, r.value(0, new Syscall.SemGetval()));
        r.call(1, new Syscall.Exit(0));
        assertEquals(0, r.value(0, new Syscall.SemGetval()), "both +1 undone");
    }

    /** I7: with CLONE_SYSVSEM the list is shared; the first sharer to exit applies nothing. */
    @Test
    void aSharedUndoListIsAppliedOnlyByItsLastHolder() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK_SYSVSEM);           // T1 shares T0's list
        r.value(0, new Syscall.Semget());
        r.value(1, new Syscall.Semop(1));
        r.call(1, new Syscall.Exit(0));
        assertEquals(1, r.value(0, new Syscall.SemGetval()), "T0 still holds the list");
        assertEquals(2, r.value(0, new Syscall.SemGetpid()));
    }

    /** copy_semundo allocates the parent's list once; a second CLONE_SYSVSEM child shares the same one. */
    @Test
    void aSecondSysvsemChildSharesTheSameList() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK_SYSVSEM);           // T1
        r.value(0, new Syscall.Semget());
        r.value(1, new Syscall.Semop(1));
        r.value(0, FORK_SYSVSEM);           // T2
        r.call(1, new Syscall.Exit(0));
        assertEquals(1, r.value(0, new Syscall.SemGetval()), "T0 and T2 still hold T1's list");
    }

    @Test
    void aPlainForkAllocatesNoUndoList() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        assertEquals(-1, r.k.objects().context(0).undoList());
        assertEquals(-1, r.k.objects().context(1).undoList());
        r.value(0, FORK_SYSVSEM);
        assertEquals(0, r.k.objects().context(0).undoList());
        assertEquals(0, r.k.objects().context(2).undoList());
    }

    /** An entry whose semadj went back to 0 is kept but changes nothing at exit, not even sempid. */
    @Test
    void aZeroSemadjAtExitLeavesSempidAlone() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(0, new Syscall.Semget());
        r.value(1, new Syscall.Semop(1));
        r.value(1, new Syscall.Semop(-1));
        r.value(0, new Syscall.Semop(1));
        r.call(1, new Syscall.Exit(0));
        assertEquals(1, r.value(0, new Syscall.SemGetpid()));
        assertEquals(1, r.value(0, new Syscall.SemGetval()));
    }

    /** I6: IPC_RMID removes the set and unlinks its undo entries; a new set is not touched by them. */
    @Test
    void semRmidUnlinksTheUndoEntries() {
        SpecRun r = new SpecRun(s);
        r.value(0, FORK);
        r.value(0, new Syscall.Semget());
        r.value(1, new Syscall.Semop(1));
        r.value(0, new Syscall.SemRmid());
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.SemGetval()));
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.SemRmid()));
        r.value(0, new Syscall.Semget());
        r.value(0, new Syscall.Semop(1));
        r.call(1, new Syscall.Exit(0));
        assertEquals(1, r.value(0, new Syscall.SemGetval()));
        assertEquals(1, r.value(0, new Syscall.SemGetpid()), "T1's exit applied no undo to the new set");
    }
}
