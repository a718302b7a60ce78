package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Outcome;
import nscheck.spec.call.SiCode;
import nscheck.spec.state.Credentials;
import nscheck.spec.state.Kernel;
import nscheck.spec.variant.Variant;

/**
 * kernel/signal.c, do_rt_sigqueueinfo: a signal whose siginfo the caller made (P10b). Apart from
 * {@link SignalRules} (the same kernel file) only to keep each rules file short; it queues through
 * SignalRules' send_signal_locked.
 */
final class SigqueueinfoRules {
    private SigqueueinfoRules() {}

    /**
     * rt_sigqueueinfo(pid, SIGUSR1, info) with a siginfo the caller made (P10b; do_rt_sigqueueinfo,
     * kill_proc_info, send_signal_locked): si_code >= 0 or SI_TKILL only to the caller's own TID,
     * else EPERM; then a process looked up in the caller's namespace (ESRCH), the kill permission
     * (si_code <= 0 is from user space) and the queue. si_pid stays as written unless the sender has
     * no number in the target's namespace (0); si_uid is read in the sender's user namespace and
     * mapped into the target's.
     */
    static Outcome rtSigqueueinfo(Variant v, Kernel k, int actor, int pid, int code, int siPid, int siUid) {
        int ns = k.task(actor).activeNs();
        if (SiCode.onlyToSelf(code) && v.translate(k, actor, ns) != pid) return Outcome.error(k, Errno.EPERM);
        int target = pid <= 0 ? -1 : v.lookup(k, ns, pid);  // find_vpid(pid) finds nothing below 1
        if (target < 0) return Outcome.error(k, Errno.ESRCH);
        if (!SignalRules.mayKill(k, actor, target)) return Outcome.error(k, Errno.EPERM);
        if (!k.task(target).alive()) return Outcome.zero(k);
        Credentials from = k.objects().context(actor).cred();
        int kuid = k.objects().userNs(from.userNs()).toKernel(siUid, false);
        return SignalRules.queueUsr1(v, k, actor, target, true, v.siginfoClaimedPid(k, actor, target, siPid), SignalRules.carriedUid(v, k, actor, target, siUid), siPid, kuid);
    }

}
