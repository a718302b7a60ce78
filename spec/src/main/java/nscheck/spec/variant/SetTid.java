package nscheck.spec.variant;

import nscheck.spec.call.Errno;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.state.PidAllocation;
import nscheck.spec.state.PidNamespace;

/**
 * clone3's set_tid (kernel/fork.c copy_process, kernel/pid.c alloc_pid; rules S1-S3): the
 * caller names the new task's number in the innermost levels. Each covered level is taken with
 * idr_alloc(tid, tid + 1), which does not move the cyclic cursor; the uncovered outer levels
 * allocate cyclically as a plain fork does, by the variant being checked ({@link Variant#allocateAt}).
 */
final class SetTid {
    private SetTid() {}

    static PidAllocation allocate(Variant v, Kernel k, int targetNs, int[] setTid, int capsFromLevel) {
        PidNamespace target = k.ns(targetNs);
        // S1, S2: the array may not be longer than the nesting it describes.
        if (setTid.length > Limits.MAX_PID_NS_LEVEL || setTid.length > target.level() + 1)
            return PidAllocation.failed(k, Errno.EINVAL);
        int levels = target.level() + 1;
        int[] ns = new int[levels];
        int[] nr = new int[levels];
        Kernel cur = k;
        int i = 0;
        // Innermost level first; the first failing level decides the errno (S3).
        for (int level = target.level(), n = targetNs; level >= 0; level--, n = cur.ns(n).parent(), i++) {
            PidNamespace p = cur.ns(n);
            int got;
            if (i < setTid.length) {
                int tid = setTid[i];
                if (tid < 1 || tid >= p.pidMax()) return PidAllocation.failed(k, Errno.EINVAL);
                // A namespace that never had an init accepts only 1 (kernel/pid.c alloc_pid:
                // `tid != 1 && !tmp->child_reaper`). child_reaper is never cleared, so a namespace
                // whose init was reaped passes on to EPERM, EEXIST and, after the loop, ENOMEM (S3).
                if (tid != 1 && !p.hadInit()) return PidAllocation.failed(k, Errno.EINVAL);
                // checkpoint_restore_ns_capable(ns->user_ns) at every covered level.
                if (capsFromLevel > level) return PidAllocation.failed(k, Errno.EPERM);
                if (cur.numberInUse(n, tid)) return PidAllocation.failed(k, Errno.EEXIST);
                got = tid;
            } else {
                got = v.allocateAt(cur, n);
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
