package nscheck.spec.variant;

import nscheck.spec.call.Errno;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.PidAllocation;
import nscheck.spec.state.PidNamespace;

/**
 * IBM's pidspaces (2006, 34 patches, not merged; H1): a container's tasks keep a virtual PID
 * that never changes, and their real PID is that virtual PID with the pidspace's number in the
 * upper 9 bits of the 32-bit value. Pidspaces are flat: a task has its virtual PID and its real
 * PID and nothing between. A container inside a container has no context to say which virtual
 * PID an intermediate container should see, so the spec records the only one there is, the
 * innermost, at every intermediate level, as a kernel without that context would report it.
 */
public final class Pidspaces2006 extends Mainline {
    public static final Pidspaces2006 INSTANCE = new Pidspaces2006();
    static final int SPACE_SHIFT = 23;

    @Override public String name() { return "pidspaces-2006"; }

    @Override public String summary() { return "2006 IBM patches: pidspace number in the upper 9 bits, flat, virtual PID constant inside"; }

    @Override
    public PidAllocation allocPid(Kernel k, int targetNs) {
        PidNamespace target = k.ns(targetNs);
        if (target.level() == 0) return super.allocPid(k, targetNs);
        int vpid = allocateAt(k, targetNs);
        if (vpid < 0) return PidAllocation.failed(k, Errno.EAGAIN);
        Kernel cur = k.withNamespace(targetNs, target.withCursor(vpid + 1));
        if (!target.adding()) return PidAllocation.failed(cur, Errno.ENOMEM);
        return flat(cur, targetNs, vpid);
    }

    private static PidAllocation flat(Kernel k, int targetNs, int vpid) {
        int levels = k.ns(targetNs).level() + 1;
        int[] ns = new int[levels];
        int[] nr = new int[levels];
        for (int level = levels - 1, n = targetNs; level >= 0; level--, n = k.ns(n).parent()) {
            ns[level] = n;
            // The real PID: pidspace number in the upper bits. Levels between have no context: the vpid.
            nr[level] = level == 0 ? (targetNs << SPACE_SHIFT) | vpid : vpid;
        }
        return new PidAllocation(k, ns, nr, null);
    }

    /** A restorer may choose the virtual PID, the only number a pidspace holds; there is no level between to choose. */
    @Override
    public PidAllocation allocSetTid(Kernel k, int targetNs, int[] setTid, int capsFromLevel) {
        PidNamespace target = k.ns(targetNs);
        if (target.level() == 0) return super.allocSetTid(k, targetNs, setTid, capsFromLevel);
        if (setTid.length != 1) return PidAllocation.failed(k, Errno.EINVAL);
        int vpid = setTid[0];
        if (vpid < 1 || vpid >= target.pidMax() || (vpid != 1 && target.childReaper() < 0)) return PidAllocation.failed(k, Errno.EINVAL);
        if (capsFromLevel > target.level()) return PidAllocation.failed(k, Errno.EPERM);
        if (k.numberInUse(targetNs, vpid)) return PidAllocation.failed(k, Errno.EEXIST);
        if (!target.adding()) return PidAllocation.failed(k, Errno.ENOMEM);
        return flat(k, targetNs, vpid);
    }
}
