package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.Credentials;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.UserNamespace;

/** kernel/ucount.c: per-user process counts, charged at every user-namespace level (U4, U5). */
final class UcountRules {
    /** RLIMIT_NPROC of every task, and the rlimit recorded for every user namespace at creation (scaled down). */
    static final int RLIMIT_NPROC = 2;

    private UcountRules() {}

    /**
     * copy_process after copy_creds, is_rlimit_overlimit (U5): the child's charge is already
     * counted; over the limit at the cred's own level (RLIMIT_NPROC) or any ancestor (the rlimit
     * recorded at creation) is EAGAIN, unless the cred's user is INIT_USER (kuid 0, in whatever
     * user namespace: user_structs are looked up by kuid) or it holds CAP_SYS_RESOURCE/CAP_SYS_ADMIN
     * in init_user_ns. Null when the fork may go on.
     */
    static Outcome forkRefused(Kernel k, int actor) {
        KernelObjects o = k.objects();
        Credentials c = o.context(actor).cred();
        if (c.uid() == 0) return null;
        if (c.userNs() == UserNamespace.INIT && c.caps()) return null;
        for (int ns = c.userNs(), uid = c.uid(), hops = 0; ns >= 0 && hops <= o.userNsSlots(); hops++) {
            if (o.ucounts().count(ns, uid) + 1 > RLIMIT_NPROC) return Outcome.error(k, Errno.EAGAIN);
            uid = o.userNs(ns).owner();
            ns = o.userNs(ns).parent();
        }
        return null;
    }
}
