package nscheck.spec;

import nscheck.spec.call.AsyncIoCall;
import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.MqueueCall;
import nscheck.spec.call.NsfsCall;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.SocketCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.UserNamespace;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How long the objects beside tasks live: an undo list while a task holds it (I7), an IPC
 * namespace while a task is in it or a namespace file holds it (N5), a user namespace while a
 * credential, a namespace file or an IPC namespace it owns refers to it; a socket pair until both
 * ends are closed (C5). Every struct pid reference an object keeps is one the namespaces count.
 */
class ObjectLifetimesTest {
    @Test
    void tablesHoldNothingOutsideTheirSlots() {
        KernelObjects o = new SpecRun(Mainline.INSTANCE).k.objects();
        assertNull(o.context(-1));
        assertNull(o.context(6));
        assertNotNull(o.context(Kernel.ROOT_INIT));
        assertNull(o.userNs(-1));
        assertNull(o.userNs(o.userNsSlots()));
        assertNotNull(o.userNs(UserNamespace.INIT));
        assertNull(o.ipcNs(-1));
        assertNull(o.ipcNs(o.ipcNsSlots()));
        assertNull(o.undoList(-1));
        assertNull(o.undoList(o.undoSlots()));
        assertEquals(0, o.undoSlots());
    }

    @Test
    void anUndoListLivesWhileItsTaskHoldsIt() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, new Syscall.Clone(0));                  // T1 = 2
        r.value(1, new Syscall.Semget());
        r.value(1, new Syscall.Semop(1));
        int list = r.k.objects().context(1).undoList();
        assertEquals(0, list);
        r.value(0, new Syscall.Clone(0));                  // T2 = 3, reaped: the objects are collected
        r.value(2, new Syscall.Exit(0));
        r.value(0, new Syscall.Wait(3));
        assertNotNull(r.k.objects().undoList(list), "T1 still holds it");
        r.value(1, new Syscall.Exit(0));
        assertEquals(0, r.value(0, new Syscall.SemGetval()), "T1's exit undid its +1");
    }

    @Test
    void aNamespaceFileKeepsAnIpcNamespaceAndTheUserNamespaceOwningIt() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, new Syscall.Clone(0));                  // T1 = 2
        r.value(1, new Syscall.Unshare(CloneFlags.CLONE_NEWUSER));
        r.value(1, new Syscall.Unshare(CloneFlags.CLONE_NEWIPC));
        int user = r.k.objects().context(1).cred().userNs(), ipc = r.k.objects().context(1).ipcNs();
        assertEquals(3, r.value(0, new NsfsCall.OpenOther(2, 2)), "/proc/2/ns/ipc");
        r.value(1, new Syscall.Exit(0));
        r.value(0, new Syscall.Wait(2));
        assertNotNull(r.k.objects().ipcNs(ipc), "the file holds the IPC namespace");
        assertNotNull(r.k.objects().userNs(user), "which holds its owner");
        assertTrue(r.k.objects().userNsWithin(user, UserNamespace.INIT));
        assertFalse(r.k.objects().userNsWithin(UserNamespace.INIT, user));
        r.value(0, new FdCalls.Close(3));
        assertNull(r.k.objects().ipcNs(ipc));
        assertNull(r.k.objects().userNs(user));
    }

    @Test
    void aUserNamespaceFileKeepsItsNamespace() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, new Syscall.Clone(0));
        r.value(1, new Syscall.Unshare(CloneFlags.CLONE_NEWUSER));
        int user = r.k.objects().context(1).cred().userNs();
        assertEquals(3, r.value(0, new NsfsCall.OpenOther(2, 3)), "/proc/2/ns/user");
        r.value(1, new Syscall.Exit(0));
        r.value(0, new Syscall.Wait(2));
        assertNotNull(r.k.objects().userNs(user));
        r.value(0, new FdCalls.Close(3));
        assertNull(r.k.objects().userNs(user));
    }

    @Test
    void closingBothEndsOfAPairGivesTheStateBefore() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, new Syscall.Clone(0));
        Kernel before = r.k;
        assertEquals(3, r.value(1, new SocketCall.Socketpair(SocketCall.SOCK_STREAM)));
        r.value(1, new FdCalls.Close(3));
        r.value(1, new FdCalls.Close(4));
        assertEquals(before.objects(), r.k.objects());
        assertEquals(before, r.k);
        assertEquals(before.fingerprint(), r.k.fingerprint());
    }

    @Test
    void aGroupNumberIsNeverZero() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, new Syscall.Clone(CloneFlags.CLONE_NEWPID));
        int ns = r.k.task(1).activeNs();
        assertNull(r.k.objects().groupNumbered(ns, 0), "the host's group has no number in the container, not number 0");
        assertNotNull(r.k.objects().groupNumbered(Kernel.ROOT_NS, 1));
        assertNull(r.k.objects().groupNumbered(Kernel.ROOT_NS, 2));
    }

    @Test
    void everyStoredStructPidIsCounted() {
        SpecRun r = new SpecRun(Mainline.INSTANCE).withSharedWords(1);
        r.value(0, new Syscall.Clone(0));                  // T1 = 2
        PidRef t1 = PidRef.of(r.k, 1);
        r.value(1, new ProcessCall.Setsid());             // pgrp and session: 2
        r.value(1, new Syscall.Msgget());
        r.value(1, new Syscall.Msgsnd());                 // msg_lspid: 3
        r.value(1, new Syscall.Msgrcv());                 // msg_lrpid: 4
        r.value(1, new Syscall.Semget());
        r.value(1, new Syscall.Semop(1));                 // sempid: 5
        r.value(1, new Syscall.Shmget());                 // shm_cpid: 6
        r.value(1, new Syscall.ShmAttach());              // shm_lpid: 7
        r.value(1, new MqueueCall.Open());
        r.value(1, new MqueueCall.Notify(true));          // the queue's registrant: 8
        r.value(1, new AsyncIoCall.Setown(2));            // f_owner: 9
        r.value(0, new FdCalls.PidfdOpen(2, 0));          // a pidfd: 10
        r.value(0, new Syscall.SigBlock());
        r.value(1, new Syscall.Sigqueue(1));              // a queued siginfo's sender: 11
        long n = r.k.objects().pidRefs().stream().filter(t1::equals).count();
        assertEquals(11, n, r.k.objects().pidRefs().toString());
        r.value(1, new SocketCall.Socketpair(SocketCall.SOCK_STREAM));
        long withSockets = r.k.objects().pidRefs().stream().filter(t1::equals).count();
        assertTrue(withSockets > n, "a socket's peer credentials name T1 too");
    }
}
