package nscheck.spec;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.Errno;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.state.PidAllocation;
import nscheck.spec.variant.CloneWithPids2009;
import nscheck.spec.variant.ContainerBit;
import nscheck.spec.variant.Execns2006;
import nscheck.spec.variant.NamespaceIdVariants;
import nscheck.spec.variant.NamespaceIds;
import nscheck.spec.variant.GlobalPids;
import nscheck.spec.variant.Mainline;
import nscheck.spec.variant.Pidspaces2006;
import nscheck.spec.variant.Variant;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the two numbering proposals answer where mainline answers otherwise (H1, H2): global PIDs
 * (namespace bits above an 8-bit local number, one number everywhere) and IBM's flat pidspaces
 * (a virtual PID inside, the pidspace in the upper bits outside). Each allocates locally and
 * cyclically, fails EAGAIN when its numbers run out, and grants set_tid only for the one number
 * it holds, with set_tid's checks in the kernel's order (EINVAL, EPERM, EEXIST).
 */
class ProposalAnswersTest {
    private static SpecRun run(Variant v, int pidMax) {
        return new SpecRun(new Semantics(v, new Limits(6, 2, pidMax)));
    }

    private static Errno setTidError(Variant v, Kernel k, int ns, int caps, int... setTid) {
        PidAllocation a = v.allocSetTid(k, ns, setTid, caps);
        return a.errno();
    }

    @Test
    void globalPidsGrantSetTidOnlyForANumberOfTheTargetNamespace() {
        Variant g = GlobalPids.INSTANCE;
        SpecRun r = run(g, 10);
        r.value(0, new Syscall.Clone(CloneFlags.CLONE_NEWPID));
        int c = r.last.about(), ns = r.k.task(c).activeNs();
        int two = (ns << 8) | 2;
        Kernel k = r.k;
        assertEquals(Errno.EINVAL, setTidError(g, k, ns, 0), "no number");
        assertEquals(Errno.EINVAL, setTidError(g, k, ns, 0, two, two, two), "more numbers than levels");
        assertEquals(Errno.EINVAL, setTidError(g, k, ns, 0, two, two + 1), "two different numbers");
        assertEquals(Errno.EINVAL, setTidError(g, k, ns, 0, 2), "the host's bits, not the namespace's");
        assertEquals(Errno.EINVAL, setTidError(g, k, ns, 0, ns << 8), "local 0");
        assertEquals(Errno.EINVAL, setTidError(g, k, ns, 0, (ns << 8) | 10), "local pid_max");
        assertEquals(Errno.EPERM, setTidError(g, k, ns, 2, two), "no privilege over the namespace's level");
        assertEquals(Errno.EEXIST, setTidError(g, k, ns, 0, (ns << 8) | 1), "the init holds local 1");
        PidAllocation ok = g.allocSetTid(k, ns, new int[] {two, two}, 0);
        assertNull(ok.errno());
        assertArrayEquals(new int[] {two, two}, ok.upidNr(), "one number at every level");
        assertArrayEquals(new int[] {Kernel.ROOT_NS, ns}, ok.upidNs());
        assertNull(g.allocSetTid(k, ns, new int[] {(ns << 8) | 9}, 1).errno(), "local pid_max - 1, privileged at the level");
        // a namespace whose init is not there yet takes only local 1
        r.value(c, new Syscall.Unshare(CloneFlags.CLONE_NEWPID));
        int empty = r.k.task(c).nsForChildren;
        assertEquals(Errno.EINVAL, setTidError(g, r.k, empty, 0, (empty << 8) | 2));
        assertNull(setTidError(g, r.k, empty, 0, (empty << 8) | 1));
    }

    @Test
    void globalPidsAllocateLocallyUpToTheLastNumber() {
        SpecRun r = run(GlobalPids.INSTANCE, 4);
        assertEquals(2, r.pid(0, new Syscall.Clone(0)));
        assertEquals(3, r.pid(0, new Syscall.Clone(0)), "pid_max - 1 is given");
        assertEquals(4, r.k.ns(Kernel.ROOT_NS).cursor(), "the search goes on after it");
        assertEquals(Errno.EAGAIN, r.errno(0, new Syscall.Clone(0)));
        assertEquals(0, GlobalPids.INSTANCE.translate(r.k, 5, Kernel.ROOT_NS), "no task, no number");
        SpecRun c = run(GlobalPids.INSTANCE, 10);
        c.value(0, new Syscall.Clone(CloneFlags.CLONE_NEWPID));
        int init = c.last.about();
        c.value(init, new Syscall.Clone(0));
        assertEquals(init, c.k.ns(c.k.task(init).activeNs()).childReaper(), "local 2 does not start a namespace");
        assertFalse(GlobalPids.INSTANCE.startsNamespace(c.k.task(c.last.about())));
    }

    @Test
    void pidspacesGrantSetTidOnlyForTheVirtualPid() {
        Variant p = Pidspaces2006.INSTANCE;
        SpecRun r = run(p, 10);
        r.value(0, new Syscall.Clone(CloneFlags.CLONE_NEWPID));
        int c = r.last.about(), ns = r.k.task(c).activeNs();
        Kernel k = r.k;
        assertEquals(Errno.EINVAL, setTidError(p, k, ns, 0, 2, 2), "no level between to choose");
        assertEquals(Errno.EINVAL, setTidError(p, k, ns, 0, 0));
        assertEquals(Errno.EINVAL, setTidError(p, k, ns, 0, 10));
        assertEquals(Errno.EPERM, setTidError(p, k, ns, 2, 2));
        assertEquals(Errno.EEXIST, setTidError(p, k, ns, 1, 1));
        PidAllocation ok = p.allocSetTid(k, ns, new int[] {9}, 1);
        assertNull(ok.errno());
        assertArrayEquals(new int[] {(ns << 23) | 9, 9}, ok.upidNr(), "the real PID carries the pidspace");
        assertEquals(Errno.EEXIST, setTidError(p, k, Kernel.ROOT_NS, 0, 1), "the host's level is mainline's");
        assertNull(setTidError(p, k, Kernel.ROOT_NS, 0, 5));
        r.value(c, new Syscall.Unshare(CloneFlags.CLONE_NEWPID));
        int empty = r.k.task(c).nsForChildren;
        assertEquals(Errno.EINVAL, setTidError(p, r.k, empty, 0, 2));
        assertNull(setTidError(p, r.k, empty, 0, 1));
    }

    @Test
    void aPidspaceRunsOutOfVirtualPidsOnItsOwn() {
        SpecRun r = run(Pidspaces2006.INSTANCE, 4);
        r.value(0, new Syscall.Clone(CloneFlags.CLONE_NEWPID));
        int c = r.last.about(), ns = r.k.task(c).activeNs();
        assertEquals(2, r.pid(c, new Syscall.Clone(0)));
        assertEquals(3, r.k.ns(ns).cursor());
        assertEquals(3, r.pid(c, new Syscall.Clone(0)));
        assertEquals(Errno.EAGAIN, r.errno(c, new Syscall.Clone(0)), "the pidspace is full, the host is not");
        assertEquals(2, r.pid(0, new Syscall.Clone(0)), "the host's own numbers are untouched");
    }

    @Test
    void onlyTheProposalHasCloneWithPids() {
        assertFalse(Mainline.INSTANCE.hasCloneWithPids());
        assertTrue(CloneWithPids2009.INSTANCE.hasCloneWithPids());
        Kernel k = run(Mainline.INSTANCE, 10).k;
        assertEquals(Errno.ENOSYS, Mainline.INSTANCE.allocPidSet(k, Kernel.ROOT_NS, new int[] {0}, 0, 0).errno());
        assertEquals(0, Mainline.INSTANCE.pidVnr(k, nscheck.spec.state.PidRef.of(k, 0), 3), "no such namespace");
    }

    @Test
    void theOtherProposalsChangeOneAnswerEach() {
        int newpid = CloneFlags.CLONE_NEWPID;
        assertEquals(newpid | CloneFlags.CLONE_NEWIPC | CloneFlags.CLONE_NEWUSER, ContainerBit.INSTANCE.cloneFlags(newpid), "a container, not a PID namespace");
        assertEquals(CloneFlags.CLONE_NEWIPC, ContainerBit.INSTANCE.cloneFlags(CloneFlags.CLONE_NEWIPC));
        assertEquals(newpid, Mainline.INSTANCE.cloneFlags(newpid));
        assertTrue(Execns2006.INSTANCE.unshareOnlyAtExec());
        assertFalse(Mainline.INSTANCE.unshareOnlyAtExec());
        assertEquals(NamespaceIds.NS_ID_64, Mainline.INSTANCE.namespaceIds());
        assertEquals(NamespaceIds.PROC_INODE, NamespaceIdVariants.PROC_INODE.namespaceIds());
        assertEquals(NamespaceIds.SERIAL, NamespaceIdVariants.SERIAL.namespaceIds());
        assertTrue(NamespaceIds.PROC_INODE.restorable && !NamespaceIds.PROC_INODE.counter, "an inode number is reused and may be asked for");
        for (NamespaceIds ids : List.of(NamespaceIds.SERIAL, NamespaceIds.NS_ID_64))
            assertTrue(ids.counter && !ids.restorable, ids + ": a counter, never chosen");
    }
}
