package nscheck.spec.variant;

import nscheck.spec.call.Errno;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.PidAllocation;
import nscheck.spec.state.PidNamespace;
import nscheck.spec.call.Syscall;

/**
 * clone_with_pids() (2009, later eclone; not merged; H4): a PID per nesting level, outermost
 * first, 0 to allocate, EBUSY when a chosen number is taken, and one CAP_SYS_ADMIN check. The
 * patch predates capabilities in user namespaces: its single check is modelled as the caller's
 * own user namespace (what capable() became), so a container's root passes it and may choose
 * numbers in the levels above its container, which mainline's set_tid checks level by level.
 */
public final class CloneWithPids2009 extends Mainline {
    public static final CloneWithPids2009 INSTANCE = new CloneWithPids2009();

    @Override public String name() { return "clone-with-pids-2009"; }

    @Override public String summary() { return "2009 proposal: a PID per level, 0 = allocate, EBUSY, one CAP_SYS_ADMIN check"; }

    @Override public boolean hasCloneWithPids() { return true; }

    @Override
    public Syscall choosePidsCall(int flags, int[] wanted) {
        java.util.List<Integer> pids = new java.util.ArrayList<>();
        for (int w : wanted) pids.add(w);
        return new Syscall.CloneWithPids(flags, pids);
    }

    @Override
    public PidAllocation allocPidSet(Kernel k, int targetNs, int[] pids, int capsFromLevel, int callerLevel) {
        PidNamespace target = k.ns(targetNs);
        if (pids.length > target.level() + 1) return PidAllocation.failed(k, Errno.EINVAL);
        if (capsFromLevel > callerLevel) return PidAllocation.failed(k, Errno.EPERM);
        int levels = target.level() + 1;
        int[] ns = new int[levels];
        int[] nr = new int[levels];
        Kernel cur = k;
        // alloc_pid's loop, innermost first; a chosen number is taken with no cursor move.
        for (int level = target.level(), n = targetNs; level >= 0; level--, n = cur.ns(n).parent()) {
            PidNamespace p = cur.ns(n);
            int want = level < pids.length ? pids[level] : 0;
            int got;
            if (want != 0) {
                if (want < 0 || want >= p.pidMax()) return PidAllocation.failed(cur, Errno.EINVAL);
                if (cur.numberInUse(n, want)) return PidAllocation.failed(cur, Errno.EBUSY);
                got = want;
            } else {
                got = allocateAt(cur, n);
                if (got < 0) return PidAllocation.failed(cur, Errno.EAGAIN);
                cur = cur.withNamespace(n, p.withCursor(got + 1));
            }
            ns[level] = n;
            nr[level] = got;
        }
        if (!cur.ns(targetNs).adding()) return PidAllocation.failed(cur, Errno.ENOMEM);
        return new PidAllocation(cur, ns, nr, null);
    }
}
