package nscheck.spec;

import nscheck.spec.variant.CloneWithPids2009;
import nscheck.spec.call.Errno;
import nscheck.spec.variant.Execns2006;
import nscheck.spec.variant.GlobalPids;
import nscheck.spec.variant.Mainline;
import nscheck.spec.variant.Pidspaces2006;
import nscheck.spec.variant.SeededBugs;
import nscheck.spec.call.Syscall;

import org.junit.jupiter.api.Test;

import java.util.List;

import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** clone3 set_tid against the selftests (S1-S3), and each proposal's changed answers (H1-H4). */
class ProposalsTest {
    private static Syscall.Clone3 setTid(int flags, Integer... tids) {
        return new Syscall.Clone3(flags, List.of(tids));
    }

    @Test
    void setTidFollowsTheSelftests() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        assertEquals(Errno.EEXIST, r.errno(0, setTid(0, 1)), "{1} in the host namespace");
        assertEquals(Errno.EINVAL, r.errno(0, setTid(0, 0)), "{0}");
        assertEquals(Errno.EINVAL, r.errno(0, setTid(0, 10)), "{pid_max}");
        assertEquals(Errno.EINVAL, r.errno(0, setTid(0, 5, 5)), "longer than the nesting");
        assertEquals(5, r.pid(0, setTid(0, 5)), "a free number is granted");
        assertEquals(Errno.EINVAL, r.errno(0, setTid(CLONE_NEWPID, 7)), "a new namespace's first number must be 1");
        int init = r.pid(0, setTid(CLONE_NEWPID, 1, 7));
        assertEquals(7, init);
        assertEquals("7 1", r.k.task(r.last.about()).nsPid());
    }

    @Test
    void setTidNumbersTheLevelsItLeavesOutByTheVariantBeingChecked() {
        // clone3(CLONE_NEWPID, set_tid = {1}): the root level is allocated cyclically from the
        // cursor, here 1 (ns_last_pid 0), which the root init holds. Mainline's alloc_pid skips it;
        // a variant whose allocation ignores numbers in use takes it, in set_tid as in fork.
        SpecRun mainline = new SpecRun(Mainline.INSTANCE);
        mainline.call(0, new Syscall.WriteNsLastPid(0));
        assertEquals(2, mainline.pid(0, setTid(CLONE_NEWPID, 1)));
        SpecRun bug = new SpecRun(SeededBugs.NO_IN_USE_CHECK);
        bug.call(0, new Syscall.WriteNsLastPid(0));
        assertEquals(1, bug.pid(0, setTid(CLONE_NEWPID, 1)), "the variant's allocation, not mainline's");
    }

    @Test
    void setTidNeedsPrivilegeAtEveryCoveredLevel() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.pid(0, new Syscall.Clone(CLONE_NEWUSER | CLONE_NEWPID));
        int c = r.last.about();
        r.pid(c, new Syscall.Clone(0));
        // The container's root owns the container's level only: choosing inside is fine, above is EPERM.
        assertEquals(5, r.pid(c, setTid(0, 5)));
        assertEquals(Errno.EPERM, r.errno(c, setTid(0, 6, 8)));
        // An ordinary process of the host holds no capability anywhere.
        r.pid(0, new Syscall.Clone(0));
        int u = r.last.about();
        r.call(u, new Syscall.Setuid(1000));
        assertEquals(Errno.EPERM, r.errno(u, setTid(0, 6)));
        // Its own new user and PID namespaces are another matter: it owns them (K1).
        assertNull(r.errno(u, new Syscall.Unshare(CLONE_NEWUSER | CLONE_NEWPID)));
        r.pid(u, setTid(0, 1));
        assertTrue(r.k.task(r.last.about()).nsPid().endsWith(" 1"));
    }

    /**
     * kernel/pid.c alloc_pid refuses a number other than 1 only where `!tmp->child_reaper`, and
     * child_reaper outlives the reaped init: a task that setns'd into a dead namespace gets the
     * per-level EEXIST, and ENOMEM (no PIDNS_ADDING) when every chosen number is free (S3; found
     * by `nscheck conform`).
     */
    @Test
    void setTidIntoANamespaceWhoseInitWasReapedIsNotEinval() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        assertEquals(2, r.pid(0, new Syscall.Clone(0)));                   // T1
        assertEquals(3, r.pid(1, setTid(CLONE_NEWPID, 1)));                // T2, init of N
        r.value(1, new Syscall.Setns(3));                                  // T1 numbers its children in N
        assertEquals(2, r.pid(2, new Syscall.Clone(0)));                   // T3, 2 in N (4 outside)
        r.call(2, new Syscall.Exit(0));                                    // N's init dies: T3 is killed
        r.call(3, new Syscall.SignalDelivery());
        assertEquals(3, r.pid(1, new Syscall.Wait(-1)), "N's init is reaped");
        assertEquals(Errno.EEXIST, r.errno(1, setTid(0, 5, 2)), "5 is free in N, 2 (T1) is taken outside");
        assertEquals(Errno.ENOMEM, r.errno(1, setTid(0, 5, 9)), "both free: the PIDNS_ADDING test after the loop");
        assertEquals(Errno.EINVAL, r.errno(1, setTid(0, 0, 9)), "the range check still comes first");
    }

    @Test
    void cloneWithPidsChoosesOutermostFirstAndLetsAContainerRootChooseAbove() {
        SpecRun r = new SpecRun(CloneWithPids2009.INSTANCE);
        r.pid(0, new Syscall.Clone(CLONE_NEWUSER | CLONE_NEWPID));
        int c = r.last.about();
        assertEquals(Errno.EBUSY, r.errno(c, new Syscall.CloneWithPids(0, List.of(2, 0))));
        r.pid(c, new Syscall.CloneWithPids(0, List.of(8, 0)));
        // The failed call had already moved the container's cursor (its level is allocated first).
        assertEquals("8 3", r.k.task(r.last.about()).nsPid(), "host PID 8 chosen by a container's root");
        assertEquals(Errno.ENOSYS, new SpecRun(Mainline.INSTANCE).errno(0, new Syscall.CloneWithPids(0, List.of(0))));
    }

    @Test
    void globalPidsAreOneNumberEverywhere() {
        SpecRun r = new SpecRun(GlobalPids.INSTANCE);
        int seenOutside = r.pid(0, new Syscall.Clone(CLONE_NEWPID));
        int c = r.last.about();
        assertEquals((1 << 8) | 1, seenOutside);
        assertEquals(seenOutside, r.pid(c, new Syscall.GetPid()), "the container's init sees the same number");
        assertEquals(1, r.pid(c, new Syscall.GetPpid()), "and its parent, which it cannot see in mainline");
        assertEquals(c, r.k.ns(r.k.task(c).activeNs()).childReaper(), "local number 1 is the init");
    }

    @Test
    void pidspacesHaveNoNumberForAnIntermediateLevel() {
        SpecRun r = new SpecRun(Pidspaces2006.INSTANCE);
        r.pid(0, new Syscall.Clone(CLONE_NEWPID));
        int c = r.last.about();
        assertEquals((1 << 23) | 1, r.k.task(c).numberAtLevel(0), "real PID: pidspace 1 in the upper bits");
        r.pid(c, new Syscall.Clone(CLONE_NEWPID));
        // The nested init's real PID is pidspace 2's; the container between has only the vpid 1, its own init's number.
        assertEquals(((2 << 23) | 1) + " 1 1", r.k.task(r.last.about()).nsPid());
    }

    @Test
    void execnsUnsharesOnlyAtExec() {
        SpecRun r = new SpecRun(Execns2006.INSTANCE);
        r.pid(0, new Syscall.Clone(0));
        int p = r.last.about();
        assertEquals(Errno.EINVAL, r.errno(p, new Syscall.Unshare(CLONE_NEWPID)));
        assertNull(r.errno(p, new Syscall.Execns(CLONE_NEWPID)));
        assertEquals(3, r.pid(p, new Syscall.Clone(0)));
        assertEquals("3 1", r.k.task(r.last.about()).nsPid());
        assertEquals(Errno.ENOSYS, new SpecRun(Mainline.INSTANCE).errno(0, new Syscall.Execns(CLONE_NEWPID)));
    }
}
