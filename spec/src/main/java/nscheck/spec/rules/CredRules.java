package nscheck.spec.rules;

import nscheck.spec.state.Credentials;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.variant.Variant;

/** kernel/cred.c: a new task's credentials and a change of them, with the RLIMIT_NPROC charge they carry (U3, U4). */
final class CredRules {
    private CredRules() {}

    /** copy_creds: the child is charged to its (user ns, real uid) and up the chain (U3, U4). */
    static KernelObjects copyCreds(KernelObjects o, Credentials c) {
        return o.chargeNproc(c.userNs(), c.uid(), 1);
    }

    /** commit_creds: the credentials become {@code to}; when the real uid or the user namespace changes, the NPROC charge moves (U3). */
    static KernelObjects commitCreds(Variant v, KernelObjects o, int actor, Credentials from, Credentials to) {
        KernelObjects charged = o;
        if ((from.userNs() != to.userNs() || from.uid() != to.uid()) && v.credChangeMovesNproc())
            charged = o.chargeNproc(to.userNs(), to.uid(), 1).chargeNproc(from.userNs(), from.uid(), -1);
        return charged.withContext(actor, charged.context(actor).withCred(to));
    }
}
