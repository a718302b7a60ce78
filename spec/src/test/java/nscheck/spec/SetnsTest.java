package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.Syscall;
import nscheck.spec.variant.Mainline;
import nscheck.spec.variant.SeededBugs;

import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_NEWIPC;
import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;
import static nscheck.spec.call.CloneFlags.CLONE_SYSVSEM;
import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * setns(2) by PID, by pidfd and by namespace file, and unshare(CLONE_SYSVSEM) (kernel/nsproxy.c,
 * kernel/user_namespace.c userns_install, ipc/namespace.c ipcns_install; docs/semantics.md P13,
 * N6, I9): the argument checks, the capability each install asks, and what the caller is in after.
 */
class SetnsTest {
    private static final int IPC_FILE = 2, USER_FILE = 3;
    private static final Syscall FORK = new Syscall.Clone(0);

    private static int userNs(SpecRun r, int slot) {
        return r.k.objects().context(slot).cred().userNs();
    }

    private static int ipcNs(SpecRun r, int slot) {
        return r.k.objects().context(slot).ipcNs();
    }

    @Test
    void setnsByPidBelowOneIsEinvalAndOfAZombieEsrch() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.Setns(0)));
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.Setns(-1)));
        assertEquals(Errno.ESRCH, r.errno(0, new Syscall.Setns(5)));
        r.value(0, FORK);
        r.call(1, new Syscall.Exit(0));
        assertEquals(Errno.ESRCH, r.errno(0, new Syscall.Setns(2)), "a zombie has dropped its nsproxy");
    }

    @Test
    void setnsOnAFdThatIsNoNamespaceOrPidfdIsEbadfAndOnAPidfdNeedsAModelledType() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, FORK);
        assertEquals(Errno.EBADF, r.errno(0, new FdCalls.SetnsFd(9, CLONE_NEWPID)));
        int fd = r.pid(0, new FdCalls.PidfdOpen(2, 0));
        assertEquals(Errno.EINVAL, r.errno(0, new FdCalls.SetnsFd(fd, 0)), "a pidfd needs a type");
        assertEquals(Errno.EINVAL, r.errno(0, new FdCalls.SetnsFd(fd, CLONE_NEWPID | 0x00020000)), "CLONE_NEWNS is not modelled");
        r.call(1, new Syscall.Exit(0));
        r.value(0, new Syscall.Wait(2));
        assertEquals(Errno.ESRCH, r.errno(0, new FdCalls.SetnsFd(fd, CLONE_NEWPID)), "the process was reaped");
    }

    /** setns(pidfd, CLONE_NEWIPC) moves only the IPC namespace; CLONE_NEWPID alone leaves it. */
    @Test
    void setnsThroughAPidfdEntersOnlyTheNamedNamespaces() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, FORK);
        r.value(1, new Syscall.Unshare(CLONE_NEWIPC));
        r.value(1, new Syscall.Msgget());
        int fd = r.pid(0, new FdCalls.PidfdOpen(2, 0));
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.MsgStat(false)));
        r.value(0, new FdCalls.SetnsFd(fd, CLONE_NEWPID));
        assertEquals(Errno.EINVAL, r.errno(0, new Syscall.MsgStat(false)), "still the root IPC namespace");
        r.value(0, new FdCalls.SetnsFd(fd, CLONE_NEWIPC));
        assertEquals(ipcNs(r, 1), ipcNs(r, 0));
        assertEquals(0, r.value(0, new Syscall.MsgStat(false)), "T1's queue, nobody has sent");
    }

    /** Back into the root IPC namespace (slot 0) through a pidfd of the root init. */
    @Test
    void setnsIntoTheRootIpcNamespace() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, new Syscall.Semget());
        r.value(0, FORK);
        r.value(1, new Syscall.Unshare(CLONE_NEWIPC));
        assertEquals(Errno.EINVAL, r.errno(1, new Syscall.SemGetval()));
        int fd = r.pid(1, new FdCalls.PidfdOpen(1, 0));
        r.value(1, new FdCalls.SetnsFd(fd, CLONE_NEWIPC));
        assertEquals(0, ipcNs(r, 1));
        assertEquals(0, r.value(1, new Syscall.SemGetval()));
    }

    /** ipcns_install asks CAP_SYS_ADMIN over the namespace's owner: uid 1000 holds a file of root's IPC namespace in vain. */
    @Test
    void setnsIntoAnIpcNamespaceNeedsCapSysAdmin() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        assertEquals(3, r.value(0, new FdCalls.NsOpen(IPC_FILE)));
        r.value(0, FORK);                                                   // T1 inherits fd 3
        r.value(0, FORK);                                                   // T2
        r.value(2, new Syscall.Unshare(CLONE_NEWIPC));
        int fd = r.pid(1, new FdCalls.PidfdOpen(3, 0));
        r.value(1, new Syscall.Setuid(1000));
        assertEquals(Errno.EPERM, r.errno(1, new FdCalls.SetnsFd(3, CLONE_NEWIPC)));
        assertEquals(Errno.EPERM, r.errno(1, new FdCalls.SetnsFd(fd, CLONE_NEWIPC)));
        r.value(2, new FdCalls.SetnsFd(3, 0));                              // root may: back to the root's
        assertEquals(0, ipcNs(r, 2));
    }

    /** userns_install through a pidfd and through a file: the target's user namespace, not one's own, not with threads. */
    @Test
    void setnsIntoAUserNamespace() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, FORK);                                                   // T1
        r.value(1, new Syscall.Unshare(CLONE_NEWUSER));
        int u1 = userNs(r, 1);
        r.value(0, FORK);                                                   // T2
        int toT1 = r.pid(2, new FdCalls.PidfdOpen(2, 0));
        int toRoot = r.pid(1, new FdCalls.PidfdOpen(1, 0));
        assertEquals(Errno.EINVAL, r.errno(0, new FdCalls.SetnsFd(r.pid(0, new FdCalls.PidfdOpen(3, 0)), CLONE_NEWUSER)),
                "T2 is in the caller's own user namespace");
        assertEquals(Errno.EPERM, r.errno(1, new FdCalls.SetnsFd(toRoot, CLONE_NEWUSER)),
                "ptrace_may_access: no CAP_SYS_PTRACE in init_user_ns from U1 (nor CAP_SYS_ADMIN there)");
        assertEquals(u1, userNs(r, 1), "nothing committed");
        r.value(2, new FdCalls.SetnsFd(toT1, CLONE_NEWUSER));
        assertEquals(u1, userNs(r, 2));
        assertEquals(Errno.EINVAL, r.errno(2, new FdCalls.SetnsFd(toT1, CLONE_NEWUSER | CLONE_NEWPID)), "now its own user namespace");
    }

    @Test
    void setnsIntoAUserNamespaceFromAFileRefusesAThreadedCaller() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        assertEquals(3, r.value(0, new FdCalls.NsOpen(USER_FILE)));         // init_user_ns's file, inherited below
        r.value(0, FORK);                                                   // T1
        r.value(1, new Syscall.Unshare(CLONE_NEWUSER));
        int userFile = r.pid(1, new FdCalls.NsOpen(USER_FILE));
        int u1 = userNs(r, 1);
        r.value(1, new Syscall.Clone(CLONE_THREAD));                        // T2, in U1 too
        r.value(1, FORK);                                                   // T3, in U1 too, single-threaded
        assertEquals(Errno.EINVAL, r.errno(1, new FdCalls.SetnsFd(userFile, CLONE_NEWUSER)), "its own user namespace");
        assertEquals(Errno.EINVAL, r.errno(1, new FdCalls.SetnsFd(userFile, CLONE_NEWIPC)), "a user file named as IPC");
        assertEquals(Errno.EINVAL, r.errno(1, new FdCalls.SetnsFd(3, CLONE_NEWUSER)), "threaded: EINVAL before the EPERM");
        assertEquals(Errno.EPERM, r.errno(3, new FdCalls.SetnsFd(3, CLONE_NEWUSER)), "single-threaded: no CAP_SYS_ADMIN there");
        int toRoot = r.pid(1, new FdCalls.PidfdOpen(1, 0));
        assertEquals(Errno.EPERM, r.errno(1, new FdCalls.SetnsFd(toRoot, CLONE_NEWUSER)),
                "through a pidfd, validate_nsset's ptrace_may_access refuses before userns_install is asked");
        assertEquals(u1, userNs(r, 3));
    }

    /**
     * ptrace_may_access for setns by PID: a task made non-dumpable by setuid (K4) needs
     * CAP_SYS_PTRACE in init_user_ns (its mm's) even from a caller holding every capability over
     * its namespaces, and still once it is a zombie (task_still_dumpable reads the dumpability
     * exit_mm cached); a task's own process is never checked.
     */
    @Test
    void aNonDumpableTargetNeedsPtraceCapabilityInTheInitialUserNamespace() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, FORK);                                                   // T1
        r.value(1, new Syscall.Setuid(1000));                               // non-dumpable from now on
        r.value(1, new Syscall.Unshare(CLONE_NEWUSER | CLONE_NEWPID));      // T1: every capability in U1, owner of P1
        assertEquals(3, r.pid(1, FORK));                                    // T2: init of P1
        assertEquals(0, r.value(2, new Syscall.Setns(1)), "itself: no ptrace check");
        int before = r.k.task(1).nsForChildren;
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.Setns(3)), "T2 is non-dumpable; its mm is init_user_ns's");
        assertEquals(before, r.k.task(1).nsForChildren, "nothing changed");
        r.call(2, new Syscall.Exit(0));
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.Setns(3)), "a zombie keeps the dumpability its exit_mm cached: EPERM, not ESRCH");
        assertEquals(Errno.ESRCH, r.errno(0, new Syscall.Setns(3)), "the root holds CAP_SYS_PTRACE in init_user_ns: then the missing nsproxy");
    }

    /**
     * validate_nsset ptrace-checks a zombie before it finds no nsproxy, and without an mm only
     * cap_ptrace_access_check is left: from another user namespace the caller needs
     * CAP_SYS_PTRACE in the zombie's, though its uid is the zombie's (EPERM, not ESRCH); the
     * owner of the zombie's user namespace, one level up, holds it and learns ESRCH (K4).
     */
    @Test
    void aZombieInAnotherUserNamespaceIsPtraceCheckedBeforeItsMissingNsproxy() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, FORK);                                                   // T1
        assertEquals(3, r.pid(1, FORK));                                    // T2, T1's child
        r.call(2, new Syscall.Exit(0));
        r.value(1, new Syscall.Unshare(CLONE_NEWUSER));                     // T1: every capability in U1, none above
        assertEquals(Errno.EPERM, r.errno(1, new Syscall.Setns(3)), "no CAP_SYS_PTRACE in the zombie's user namespace");
        r.value(1, FORK);                                                   // T3, in U1
        r.call(3, new Syscall.Exit(0));
        assertEquals(Errno.ESRCH, r.errno(0, new Syscall.Setns(4)), "the root owns U1: ptrace allowed, then no nsproxy");
    }

    /** unshare(CLONE_SYSVSEM) alone runs exit_sem: the caller's undo is applied and its list dropped (I9). */
    @Test
    void unshareSysvsemAppliesTheUndoList() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, new Syscall.Semget());
        r.value(0, FORK);
        r.value(1, new Syscall.Semop(1));
        assertEquals(1, r.value(0, new Syscall.SemGetval()));
        r.value(1, new Syscall.Unshare(CLONE_SYSVSEM));
        assertEquals(0, r.value(0, new Syscall.SemGetval()));
        assertEquals(-1, r.k.objects().context(1).undoList());
        assertNull(r.errno(1, new Syscall.SemGetval()), "the same IPC namespace");
    }

    /** Under a variant whose new IPC namespace keeps the undo list, CLONE_SYSVSEM still drops it. */
    @Test
    void unshareSysvsemDropsTheUndoListEvenWhereANewIpcNamespaceWouldNot() {
        SpecRun r = new SpecRun(SeededBugs.UNDO_CROSSES_IPC_NS);
        r.value(0, new Syscall.Semget());
        r.value(0, FORK);
        r.value(1, new Syscall.Semop(1));
        r.value(1, new Syscall.Unshare(CLONE_SYSVSEM));
        assertEquals(0, r.value(0, new Syscall.SemGetval()));
    }
}
