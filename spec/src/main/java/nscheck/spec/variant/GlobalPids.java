package nscheck.spec.variant;

import nscheck.spec.call.Errno;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.PidAllocation;
import nscheck.spec.state.PidNamespace;
import nscheck.spec.state.Task;

/**
 * Globally unique PIDs (H2, proposed in the 2007 debate before 2.6.24 chose hierarchical
 * struct pids): a PID is the namespace's number in the high bits and a local number in the low
 * bits, and names the same task for everyone. The numbers in a namespace are still allocated
 * locally, cyclically (P3), but a task holds that one global number at every level, and every
 * namespace can name and look up every task by it: what makes a futex owner TID meaningful
 * across namespaces is what makes a container's neighbours' PIDs visible in it.
 */
public final class GlobalPids extends Mainline {
    public static final GlobalPids INSTANCE = new GlobalPids();
    /** The low bits hold the local number; the namespace (its slot, reused like the kernel's memory) sits above. */
    static final int LOCAL_BITS = 8;
    private static final int LOCAL_MASK = (1 << LOCAL_BITS) - 1;

    @Override public String name() { return "global-pids"; }

    @Override public String summary() { return "2007 proposal: PID = namespace bits + local bits, one number system-wide"; }

    static int encode(int ns, int local) {
        return (ns << LOCAL_BITS) | local;
    }

    @Override
    public PidAllocation allocPid(Kernel k, int targetNs) {
        PidNamespace target = k.ns(targetNs);
        int local = allocateAt(k, targetNs);
        if (local < 0) return PidAllocation.failed(k, Errno.EAGAIN);
        Kernel cur = k.withNamespace(targetNs, target.withCursor(local + 1));
        if (!target.adding()) return PidAllocation.failed(cur, Errno.ENOMEM);
        return sameEverywhere(cur, targetNs, encode(targetNs, local));
    }

    private static PidAllocation sameEverywhere(Kernel k, int targetNs, int global) {
        int levels = k.ns(targetNs).level() + 1;
        int[] ns = new int[levels];
        int[] nr = new int[levels];
        for (int level = levels - 1, n = targetNs; level >= 0; level--, n = k.ns(n).parent()) {
            ns[level] = n;
            nr[level] = global;
        }
        return new PidAllocation(k, ns, nr, null);
    }

    /** The local number is free when no task holds its global form in the namespace. */
    @Override
    protected int lowestFree(Kernel k, int ns, int from, int to) {
        for (int nr = Math.max(from, 1); nr <= Math.min(to, LOCAL_MASK); nr++) if (!k.numberInUse(ns, encode(ns, nr))) return nr;
        return -1;
    }

    @Override
    public boolean startsNamespace(Task child) {
        return (child.innermostNumber() & LOCAL_MASK) == 1;
    }

    /** One number system-wide: every namespace knows every task by it. */
    @Override
    public int translate(Kernel k, int slot, int ns) {
        Task t = k.task(slot);
        return t == null ? 0 : t.numberAtLevel(0);
    }

    @Override
    public int lookup(Kernel k, int ns, int nr) {
        return k.holderOf(Kernel.ROOT_NS, nr);
    }

    /** set_tid names the whole global number; it is granted only in the namespace whose bits it carries. */
    @Override
    public PidAllocation allocSetTid(Kernel k, int targetNs, int[] setTid, int capsFromLevel) {
        PidNamespace target = k.ns(targetNs);
        if (setTid.length == 0 || setTid.length > target.level() + 1) return PidAllocation.failed(k, Errno.EINVAL);
        int global = setTid[0];
        for (int tid : setTid) if (tid != global) return PidAllocation.failed(k, Errno.EINVAL);
        int local = global & LOCAL_MASK;
        if (global >>> LOCAL_BITS != targetNs || local < 1 || local >= target.pidMax()) return PidAllocation.failed(k, Errno.EINVAL);
        if (local != 1 && target.childReaper() < 0) return PidAllocation.failed(k, Errno.EINVAL);
        if (capsFromLevel > target.level() - setTid.length + 1) return PidAllocation.failed(k, Errno.EPERM);
        if (k.numberInUse(targetNs, global)) return PidAllocation.failed(k, Errno.EEXIST);
        if (!target.adding()) return PidAllocation.failed(k, Errno.ENOMEM);
        return sameEverywhere(k, targetNs, global);
    }
}
