package nscheck.spec;

import nscheck.spec.call.AsyncIoCall;
import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.HandlerCall;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Signals;
import nscheck.spec.call.SocketCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The text a trace prints for a state: each task by its NSpid and what sets it apart, then the
 * shared words, the kernel threads and every object that differs from a fresh boot, so that a
 * counterexample shows the part of the state its violation is about.
 */
class StateTextTest {
    @Test
    void aStateNamesWhatDiffersFromABoot() {
        SpecRun r = new SpecRun(new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10, 1))).withSharedWords(2);
        r.value(0, new Syscall.Clone(0));                                  // T1 = 3 (kthreadd holds 2)
        r.value(1, new Syscall.FutexLockPi(1));
        r.value(1, new SocketCall.Socketpair(SocketCall.SOCK_STREAM));
        r.value(1, new AsyncIoCall.Setown(3));
        r.value(0, new FdCalls.PidfdOpen(3, 0));
        r.value(1, new ProcessCall.Sigaction(Signals.SIGUSR1, true, false));
        r.value(1, new HandlerCall.SetHandler(Signals.SIGUSR2));
        r.value(1, new Syscall.Semget());
        r.value(1, new Syscall.Semop(1));
        r.value(1, new Syscall.Msgget());
        r.value(1, new Syscall.Msgsnd());
        r.value(1, new Syscall.Shmget());
        r.value(1, new ProcessCall.Setsid());
        r.value(0, new Syscall.SigBlock());
        r.value(1, new Syscall.Sigqueue(1));
        r.value(1, new Syscall.Unshare(CloneFlags.CLONE_NEWUSER));
        assertEquals("T0[1]; T1[3]; w0=0 w1=3; kthreads[2]; T0: queued[SIGUSR1{pid=3,uid=0}]; T1: uid=0@U1 undo0 pgrp pid[3] sid pid[3]; "
                + "ipc0 msg{qnum=1 lspid=pid[3] lrpid=null}; ipc0 sem{val=1 sempid=pid[3]}; ipc0 shm{cpid=pid[3] lpid=null}; "
                + "undo0{ipc0 sem0 adj -1}; sock0(stream 0/0); nproc{U0/0=2 U1/0=1}", r.k.toString());
        r.value(1, new Syscall.Unshare(CloneFlags.CLONE_NEWIPC));
        assertEquals("T0[1]; T1[3]; w0=0 w1=3; kthreads[2]; T0: queued[SIGUSR1{pid=3,uid=0}]; T1: uid=0@U1 ipc1 pgrp pid[3] sid pid[3]; "
                + "ipc0 msg{qnum=1 lspid=pid[3] lrpid=null}; ipc0 sem{val=0 sempid=pid[3]}; ipc0 shm{cpid=pid[3] lpid=null}; "
                + "sock0(stream 0/0); nproc{U0/0=2 U1/0=1}", r.k.toString(), "unshare(CLONE_NEWIPC) ran exit_sem (I9)");
        assertEquals("T0[1]", new SpecRun(Mainline.INSTANCE).k.toString(), "a fresh boot shows its init only");
    }
}
